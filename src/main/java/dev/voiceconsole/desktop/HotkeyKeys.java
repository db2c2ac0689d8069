package dev.voiceconsole.desktop;

import com.github.kwhat.jnativehook.keyboard.NativeKeyEvent;
import java.lang.reflect.Field;
import java.lang.reflect.Modifier;
import java.util.HashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;

/**
 * The keys a hotkey may use, by name: every key the native hook knows ({@code NativeKeyEvent.VC_*}), written without
 * underscores in any case ("Space", "PageUp", "F9", "A", "1"), plus a few common aliases ("Esc", "Return", "PgUp").
 * Modifier keys are left out: a hotkey needs one ordinary key.
 */
final class HotkeyKeys {

    /** Key code → display name ("Space", "PageUp"). */
    private static final Map<Integer, String> NAMES;
    /** Lower-case name without underscores → key code. */
    private static final Map<String, Integer> CODES;

    static {
        Map<Integer, String> names = new HashMap<>();
        Map<String, Integer> codes = new TreeMap<>();
        for (Field f : NativeKeyEvent.class.getFields()) {
            if (f.getType() != int.class
                    || !Modifier.isStatic(f.getModifiers())
                    || !f.getName().startsWith("VC_")) {
                continue;
            }
            String raw = f.getName().substring(3);
            if (raw.equals("UNDEFINED") || raw.matches("(SHIFT|CONTROL|ALT|META)(_L|_R)?|CHAR_UNDEFINED")) {
                continue;
            }
            int code;
            try {
                code = f.getInt(null);
            } catch (IllegalAccessException e) {
                continue;
            }
            String display = displayName(raw);
            names.putIfAbsent(code, display);
            codes.putIfAbsent(display.toLowerCase(Locale.ROOT), code);
        }
        alias(codes, "esc", "escape");
        alias(codes, "return", "enter");
        alias(codes, "pgup", "pageup");
        alias(codes, "pgdn", "pagedown");
        alias(codes, "del", "delete");
        alias(codes, "ins", "insert");
        alias(codes, "spacebar", "space");
        NAMES = Map.copyOf(names);
        CODES = Map.copyOf(codes);
    }

    private HotkeyKeys() {}

    private static void alias(Map<String, Integer> codes, String alias, String name) {
        Integer code = codes.get(name);
        if (code != null) {
            codes.putIfAbsent(alias, code);
        }
    }

    /** "PAGE_UP" → "PageUp", "F9" → "F9", "A" → "A". */
    private static String displayName(String raw) {
        StringBuilder out = new StringBuilder();
        for (String part : raw.split("_", -1)) {
            if (!part.isEmpty()) {
                out.append(part.charAt(0)).append(part.substring(1).toLowerCase(Locale.ROOT));
            }
        }
        return out.toString();
    }

    static Optional<Integer> code(String name) {
        return Optional.ofNullable(CODES.get(name.replace("_", "").toLowerCase(Locale.ROOT)));
    }

    static String name(int code) {
        return NAMES.getOrDefault(code, "Key" + code);
    }
}
