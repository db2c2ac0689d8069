package dev.voiceconsole.desktop;

/**
 * The text output picked for this session.
 *
 * @param output what committed text is sent to
 * @param notice why it is not what the setting asked for (a tool is missing, the platform does not allow it);
 *               empty when it is
 */
public record TextOutputChoice(TextOutput output, String notice) {

    public boolean degraded() {
        return !notice.isEmpty();
    }
}
