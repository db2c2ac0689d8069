package dev.voiceconsole.desktop;

import java.util.Map;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Push-to-talk and toggle hotkeys that work while another application has focus. Never throws for what the
 * platform refuses: {@link #availability()} says what works and why not, for the UI to show.
 *
 * <p>One per process (the native hook is process-wide). Thread-safe.
 */
public final class GlobalHotkeys implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(GlobalHotkeys.class);

    private final Map<String, String> env;
    private final String osName;
    private final HotkeyMatcher matcher;
    private final NativeKeyboardHook hook = new NativeKeyboardHook();
    private boolean hooked;
    private HotkeyAvailability availability = HotkeyAvailability.off();

    /**
     * @param env      the session's environment (DISPLAY, XDG_SESSION_TYPE, WAYLAND_DISPLAY decide what is tried)
     * @param osName   the {@code os.name} system property
     * @param listener receives the actions on the "hotkey-events" thread
     */
    public GlobalHotkeys(Map<String, String> env, String osName, HotkeyListener listener) {
        this.env = Map.copyOf(env);
        this.osName = osName;
        this.matcher = new HotkeyMatcher(HotkeyBindings.none(), listener);
    }

    public static GlobalHotkeys forThisSession(HotkeyListener listener) {
        return new GlobalHotkeys(System.getenv(), System.getProperty("os.name", ""), listener);
    }

    /**
     * Listens for these hotkeys from now on: starts the hook when the first one is bound, stops it when none is.
     *
     * @return what works now (also {@link #availability()})
     */
    public synchronized HotkeyAvailability bind(HotkeyBindings bindings) {
        matcher.rebind(bindings);
        if (bindings.isEmpty()) {
            unhook();
            availability = HotkeyAvailability.off();
            return availability;
        }
        if (!hooked) {
            var refusal = HotkeyPlatform.refusal(env, osName);
            if (refusal.isPresent()) {
                availability = refusal.get();
                LOG.warn("{}", availability.message());
                return availability;
            }
            try {
                hook.start(new NativeKeyboardHook.Keys() {
                    @Override
                    public void pressed(int keyCode, int modifiers) {
                        matcher.keyPressed(keyCode, modifiers);
                    }

                    @Override
                    public void released(int keyCode) {
                        matcher.keyReleased(keyCode);
                    }
                });
                hooked = true;
            } catch (KeyboardHookException e) {
                availability = HotkeyAvailability.unavailable(e.getMessage());
                LOG.warn("{}", availability.message(), e.getCause());
                return availability;
            }
        }
        availability = HotkeyPlatform.running(env, osName, bindings);
        LOG.info("{}", availability.message());
        return availability;
    }

    public synchronized HotkeyAvailability availability() {
        return availability;
    }

    private void unhook() {
        if (hooked) {
            hook.stop();
            hooked = false;
        }
    }

    /** Stops listening (app exit); the native hook thread ends, so the JVM can exit. */
    @Override
    public synchronized void close() {
        unhook();
        availability = HotkeyAvailability.off();
    }
}
