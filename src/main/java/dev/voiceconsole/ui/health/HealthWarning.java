package dev.voiceconsole.ui.health;

import java.util.Locale;

/**
 * One line of the health panel's warnings: when, what happened as a sentence for the user, and the details an
 * engineer asks for (level, where it was logged, the exception), which "Copy details" hands over.
 *
 * @param time     "12:03:04", the user's clock
 * @param sentence "Sidecar did not answer for 3000 ms: broken pipe."
 * @param details  "12:03:04  WARN  Supervisor: sidecar did not answer for 3000 ms (IOException: broken pipe)"
 * @param serious  logged as an error, not a warning
 */
public record HealthWarning(String time, String sentence, String details, boolean serious) {

    /** A problem the console itself reported in its own words (the error line, the desktop's notices). */
    public static HealthWarning said(String time, String message) {
        return new HealthWarning(time, sentence(message), time + "  " + message.strip(), false);
    }

    /** The message with a capital first letter and a full stop, as a sentence reads. */
    static String sentence(String message) {
        String m = message.strip();
        if (m.isEmpty()) {
            return m;
        }
        String first = m.substring(0, 1).toUpperCase(Locale.ROOT) + m.substring(1);
        return first.matches("(?s).*[.!?…)]$") ? first : first + ".";
    }
}
