package dev.voiceconsole.capture.source;

/** RMS level of PCM16LE audio, in dBFS. */
final class AudioLevel {

    private AudioLevel() {}

    static float dbfs(byte[] pcm16le) {
        int n = pcm16le.length / 2;
        if (n == 0) {
            return Float.NEGATIVE_INFINITY;
        }
        double sum = 0;
        for (int i = 0; i < n; i++) {
            int v = (short) ((pcm16le[2 * i] & 0xff) | (pcm16le[2 * i + 1] << 8));
            sum += (double) v * v;
        }
        double rms = Math.sqrt(sum / n) / 32768.0;
        return rms == 0 ? Float.NEGATIVE_INFINITY : (float) (20 * Math.log10(rms));
    }
}
