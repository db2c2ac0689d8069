package dev.voiceconsole.desktop;

/**
 * Which hotkeys drive dictation; either may be null (not bound).
 *
 * @param pushToTalk held down: dictation runs while it is held
 * @param toggle     pressed: dictation starts, pressed again: it stops
 */
public record HotkeyBindings(HotkeySpec pushToTalk, HotkeySpec toggle) {

    public HotkeyBindings {
        if (pushToTalk != null && pushToTalk.equals(toggle)) {
            throw new IllegalArgumentException("push-to-talk and toggle cannot both be " + toggle);
        }
    }

    public static HotkeyBindings none() {
        return new HotkeyBindings(null, null);
    }

    /** Reads the settings' texts; an empty text means "not bound". */
    public static HotkeyBindings parse(String pushToTalk, String toggle) {
        return new HotkeyBindings(
                blank(pushToTalk) ? null : HotkeySpec.parse(pushToTalk),
                blank(toggle) ? null : HotkeySpec.parse(toggle));
    }

    private static boolean blank(String s) {
        return s == null || s.isBlank();
    }

    public boolean isEmpty() {
        return pushToTalk == null && toggle == null;
    }

    @Override
    public String toString() {
        return "push-to-talk " + (pushToTalk == null ? "off" : pushToTalk) + ", toggle "
                + (toggle == null ? "off" : toggle);
    }
}
