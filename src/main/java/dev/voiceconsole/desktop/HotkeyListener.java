package dev.voiceconsole.desktop;

/** What the hotkeys ask for; called on the "hotkey-events" thread, never on the native hook's own thread. */
public interface HotkeyListener {

    void pushToTalkPressed();

    void pushToTalkReleased();

    void togglePressed();
}
