package dev.voiceconsole.desktop;

import java.util.HashSet;
import java.util.Set;

/**
 * Turns raw key presses and releases into hotkey actions. Keys held down repeat their press events (auto-repeat);
 * only the first press of a held key counts, so holding push-to-talk does not restart dictation and holding the
 * toggle key does not flip it on and off. Confined to one thread (the hook's event dispatcher).
 */
final class HotkeyMatcher {

    private final HotkeyListener listener;
    private final Set<Integer> held = new HashSet<>();
    private volatile HotkeyBindings bindings;
    private boolean talking;

    HotkeyMatcher(HotkeyBindings bindings, HotkeyListener listener) {
        this.bindings = bindings;
        this.listener = listener;
    }

    /** Takes effect with the next key event (any thread). */
    void rebind(HotkeyBindings next) {
        bindings = next;
    }

    void keyPressed(int keyCode, int nativeModifiers) {
        if (!held.add(keyCode)) {
            return; // auto-repeat of a key already down
        }
        HotkeyBindings b = bindings;
        if (b.pushToTalk() != null && b.pushToTalk().matches(keyCode, nativeModifiers)) {
            talking = true;
            listener.pushToTalkPressed();
        } else if (b.toggle() != null && b.toggle().matches(keyCode, nativeModifiers)) {
            listener.togglePressed();
        }
    }

    void keyReleased(int keyCode) {
        held.remove(keyCode);
        HotkeyBindings b = bindings;
        // Releasing the key ends push-to-talk whatever the modifiers do: people let go of Ctrl first as often as not.
        if (talking && b.pushToTalk() != null && b.pushToTalk().keyCode() == keyCode) {
            talking = false;
            listener.pushToTalkReleased();
        }
    }
}
