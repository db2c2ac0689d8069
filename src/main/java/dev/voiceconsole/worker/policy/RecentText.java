package dev.voiceconsole.worker.policy;

/** The tail of the session's committed text, carried into the decoder prompt as context. */
final class RecentText {

    private static final int KEEP_CHARS = 2000;
    private final StringBuilder text = new StringBuilder();

    void append(String more) {
        if (more.isBlank()) {
            return;
        }
        if (!text.isEmpty()) {
            text.append(' ');
        }
        text.append(more.strip());
        if (text.length() > KEEP_CHARS) {
            text.delete(0, text.length() - KEEP_CHARS);
        }
    }

    String text() {
        return text.toString();
    }

    /** At most {@code maxChars} trailing characters, starting at a word boundary so no word fragment leads. */
    static String tail(String text, int maxChars) {
        if (text.length() <= maxChars) {
            return text.strip();
        }
        int from = text.length() - maxChars;
        if (!Character.isWhitespace(text.charAt(from - 1))) {
            int space = text.indexOf(' ', from);
            from = space < 0 ? text.length() : space;
        }
        return text.substring(from).strip();
    }
}
