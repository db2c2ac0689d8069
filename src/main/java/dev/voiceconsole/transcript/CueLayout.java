package dev.voiceconsole.transcript;

/**
 * How SRT and WebVTT cue text is laid out: at most {@value #LINES_PER_CUE} lines per cue, each at most
 * {@code maxLineChars} characters (a single word longer than that goes alone on its line, never cut).
 *
 * @param maxLineChars the longest line, in characters; 42 is the usual subtitle standard (Netflix, BBC-like)
 */
public record CueLayout(int maxLineChars) {
    public static final int DEFAULT_MAX_LINE_CHARS = 42;
    public static final int MIN_LINE_CHARS = 10;
    public static final int MAX_LINE_CHARS = 200;
    /** Two lines is what viewers can read in a cue's time; more covers the picture. */
    public static final int LINES_PER_CUE = 2;

    public CueLayout {
        if (maxLineChars < MIN_LINE_CHARS || maxLineChars > MAX_LINE_CHARS) {
            throw new IllegalArgumentException("the maximum line length must be " + MIN_LINE_CHARS + ".."
                    + MAX_LINE_CHARS + " characters, was " + maxLineChars);
        }
    }

    /** 42 characters a line. */
    public static CueLayout defaults() {
        return new CueLayout(DEFAULT_MAX_LINE_CHARS);
    }
}
