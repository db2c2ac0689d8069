package dev.voiceconsole.desktop;

import java.util.Arrays;
import java.util.EnumSet;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * One key combination, such as Ctrl+Alt+Space or F9: modifiers plus exactly one ordinary key.
 *
 * @param modifiers the modifiers that must be held (no others may be)
 * @param keyCode   the native hook's key code ({@code NativeKeyEvent.VC_*})
 */
public record HotkeySpec(Set<HotkeyModifier> modifiers, int keyCode) {

    public HotkeySpec {
        modifiers = Set.copyOf(modifiers);
    }

    /**
     * Reads "Ctrl+Alt+Space", "shift + f9", "F9": parts joined by '+', case and spaces ignored.
     *
     * @throws InvalidHotkeyException with the reason when the text is not one
     */
    public static HotkeySpec parse(String text) {
        if (text == null || text.isBlank()) {
            throw new InvalidHotkeyException(text == null ? "" : text, "it is empty");
        }
        String[] parts = text.split("\\+", -1);
        EnumSet<HotkeyModifier> modifiers = EnumSet.noneOf(HotkeyModifier.class);
        Integer key = null;
        for (String raw : parts) {
            String part = raw.strip();
            if (part.isEmpty()) {
                throw new InvalidHotkeyException(text, "it has an empty part between '+' signs");
            }
            var modifier = HotkeyModifier.named(part);
            if (modifier.isPresent()) {
                if (!modifiers.add(modifier.get())) {
                    throw new InvalidHotkeyException(text, modifier.get().label() + " appears twice");
                }
                continue;
            }
            int code = HotkeyKeys.code(part)
                    .orElseThrow(
                            () -> new InvalidHotkeyException(text, "'" + part + "' is not a key name this app knows"));
            if (key != null) {
                throw new InvalidHotkeyException(
                        text,
                        "it names two keys (" + HotkeyKeys.name(key) + " and " + HotkeyKeys.name(code)
                                + "); use modifiers plus one key");
            }
            key = code;
        }
        if (key == null) {
            throw new InvalidHotkeyException(text, "it has only modifiers; add one key such as Space or F9");
        }
        return new HotkeySpec(modifiers, key);
    }

    /** Whether a key press with these native modifier bits is this hotkey: the key, all its modifiers, no others. */
    boolean matches(int pressedKeyCode, int nativeModifiers) {
        if (pressedKeyCode != keyCode) {
            return false;
        }
        for (HotkeyModifier m : HotkeyModifier.values()) {
            if (m.heldIn(nativeModifiers) != modifiers.contains(m)) {
                return false;
            }
        }
        return true;
    }

    /** The canonical text, e.g. "Ctrl+Alt+Space"; {@link #parse} reads it back to an equal spec. */
    @Override
    public String toString() {
        String mods = Arrays.stream(HotkeyModifier.values())
                .filter(modifiers::contains)
                .map(HotkeyModifier::label)
                .collect(Collectors.joining("+"));
        String key = HotkeyKeys.name(keyCode);
        return mods.isEmpty() ? key : mods + "+" + key;
    }
}
