package dev.voiceconsole.capture;

/** Level of a PCM16LE mono block in dBFS, as the level meter shows it. */
public record PcmLevels(float rmsDbfs, float peakDbfs) {

    /** Reported for digital silence instead of minus infinity, so the UI can draw it. */
    public static final float FLOOR_DBFS = -120f;

    public static PcmLevels of(byte[] pcm16le, int offset, int length) {
        int samples = length / 2;
        if (samples == 0) {
            return new PcmLevels(FLOOR_DBFS, FLOOR_DBFS);
        }
        double sumSquares = 0;
        int peak = 0;
        for (int p = offset, end = offset + samples * 2; p < end; p += 2) {
            int s = (short) ((pcm16le[p] & 0xFF) | (pcm16le[p + 1] << 8));
            sumSquares += (double) s * s;
            peak = Math.max(peak, Math.abs(s));
        }
        double rms = Math.sqrt(sumSquares / samples) / 32768.0;
        return new PcmLevels(toDbfs(rms), toDbfs(peak / 32768.0));
    }

    private static float toDbfs(double linear) {
        if (linear <= 0) {
            return FLOOR_DBFS;
        }
        return (float) Math.max(FLOOR_DBFS, 20 * Math.log10(linear));
    }
}
