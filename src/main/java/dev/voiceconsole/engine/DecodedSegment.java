package dev.voiceconsole.engine;

/**
 * One segment of decoded text.
 *
 * @param startS start, seconds from the beginning of the decoded buffer
 * @param endS end, seconds from the beginning of the decoded buffer
 * @param hasScores false when the engine does not expose token scores (whisper-jni 1.7.1 does not);
 *                  then {@code avgLogprob} and {@code noSpeechProb} are NaN and the native thresholds alone apply
 */
public record DecodedSegment(
        String text, double startS, double endS, boolean hasScores, float avgLogprob, float noSpeechProb) {

    public static DecodedSegment unscored(String text, double startS, double endS) {
        return new DecodedSegment(text, startS, endS, false, Float.NaN, Float.NaN);
    }
}
