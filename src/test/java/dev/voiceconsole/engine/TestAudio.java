package dev.voiceconsole.engine;

/** 16 kHz mono test signals. */
final class TestAudio {
    static final int RATE = 16_000;

    private TestAudio() {}

    static float[] tone(double seconds, double hz, double amplitude) {
        float[] out = new float[(int) Math.round(seconds * RATE)];
        for (int i = 0; i < out.length; i++) {
            out[i] = (float) (amplitude * Math.sin(2 * Math.PI * hz * i / RATE));
        }
        return out;
    }

    static float[] silence(double seconds) {
        return new float[(int) Math.round(seconds * RATE)];
    }
}
