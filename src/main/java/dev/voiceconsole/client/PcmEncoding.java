package dev.voiceconsole.client;

/** Float samples → PCM16LE, for callers that hold decoded audio. */
final class PcmEncoding {

    private PcmEncoding() {}

    static byte[] toPcm16le(float[] samples) {
        byte[] out = new byte[samples.length * 2];
        for (int i = 0; i < samples.length; i++) {
            float clamped = Math.max(-1f, Math.min(1f, samples[i]));
            int v = Math.round(clamped * 32767f);
            out[2 * i] = (byte) v;
            out[2 * i + 1] = (byte) (v >> 8);
        }
        return out;
    }
}
