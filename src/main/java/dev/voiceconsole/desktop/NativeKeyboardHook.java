package dev.voiceconsole.desktop;

import com.github.kwhat.jnativehook.GlobalScreen;
import com.github.kwhat.jnativehook.NativeHookException;
import com.github.kwhat.jnativehook.keyboard.NativeKeyEvent;
import com.github.kwhat.jnativehook.keyboard.NativeKeyListener;
import com.google.common.util.concurrent.ThreadFactoryBuilder;
import java.util.Arrays;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.logging.Level;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The system-wide keyboard hook (jnativehook). The library keeps one hook per process, so one instance of this
 * class at a time. Events are handed from the hook's threads to a "hotkey-events" thread, so a slow listener never
 * holds up the user's typing.
 */
final class NativeKeyboardHook {

    private static final Logger LOG = LoggerFactory.getLogger(NativeKeyboardHook.class);
    private static final String LIBRARY_LOGGER = "com.github.kwhat.jnativehook";

    /** Held so the library logger's configuration cannot be garbage-collected away (JUL keeps loggers weakly). */
    private final java.util.logging.Logger libraryLog = quietLibraryLogger();

    private ExecutorService events;
    private NativeKeyListener listener;

    /** Key presses and releases, on the "hotkey-events" thread. */
    interface Keys {
        void pressed(int keyCode, int modifiers);

        void released(int keyCode);
    }

    /** Registers the hook; the exception's message says why the platform refused. */
    synchronized void start(Keys keys) throws KeyboardHookException {
        if (listener != null) {
            throw new IllegalStateException("the keyboard hook is already running");
        }
        ExecutorService dispatcher = Executors.newSingleThreadExecutor(new ThreadFactoryBuilder()
                .setNameFormat("hotkey-events")
                .setDaemon(true)
                .build());
        NativeKeyListener l = new NativeKeyListener() {
            // The library's own dispatch thread calls these; handing over to ours keeps its queue moving and gives
            // listeners a thread this class owns (the library's dispatcher is replaced by registering, so it is kept).
            @Override
            public void nativeKeyPressed(NativeKeyEvent e) {
                int code = e.getKeyCode();
                int modifiers = e.getModifiers();
                handOver(dispatcher, () -> keys.pressed(code, modifiers));
            }

            @Override
            public void nativeKeyReleased(NativeKeyEvent e) {
                int code = e.getKeyCode();
                handOver(dispatcher, () -> keys.released(code));
            }
        };
        try {
            NativeHookLibrary.unpackIntoUserCache();
            GlobalScreen.registerNativeHook();
            GlobalScreen.addNativeKeyListener(l);
        } catch (NativeHookException e) {
            dispatcher.shutdownNow();
            throw new KeyboardHookException(describe(e), e);
        } catch (LinkageError | RuntimeException e) {
            // The native library could not be unpacked or loaded (unsupported CPU, no writable temp directory).
            dispatcher.shutdownNow();
            throw new KeyboardHookException(
                    "the native keyboard hook library could not be loaded ("
                            + e.getClass().getSimpleName() + ": " + e.getMessage() + ")",
                    e);
        }
        events = dispatcher;
        listener = l;
    }

    private static void handOver(ExecutorService dispatcher, Runnable action) {
        try {
            dispatcher.execute(action);
        } catch (RejectedExecutionException e) {
            // a key in flight while the hook stops: nobody listens any more
        }
    }

    synchronized void stop() {
        if (listener == null) {
            return;
        }
        GlobalScreen.removeNativeKeyListener(listener);
        listener = null;
        try {
            GlobalScreen.unregisterNativeHook();
        } catch (NativeHookException e) {
            LOG.warn("keyboard hook did not unregister cleanly: {}", describe(e));
        }
        events.shutdown(); // after the hook is gone: nothing can be handed over any more
        try {
            events.awaitTermination(2, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        events = null;
    }

    static String describe(NativeHookException e) {
        int code = e.getCode();
        if (code == NativeHookException.X11_OPEN_DISPLAY) {
            return "the X display could not be opened";
        }
        if (code == NativeHookException.X11_RECORD_NOT_FOUND) {
            return "the X server has no RECORD extension, which listening to global keys needs";
        }
        if (Arrays.asList(
                        NativeHookException.X11_RECORD_ALLOC_RANGE,
                        NativeHookException.X11_RECORD_CREATE_CONTEXT,
                        NativeHookException.X11_RECORD_ENABLE_CONTEXT,
                        NativeHookException.X11_RECORD_GET_CONTEXT)
                .contains(code)) {
            return "the X server refused to let this app record key events (" + e.getMessage() + ")";
        }
        if (code == NativeHookException.DARWIN_AXAPI_DISABLED) {
            return "macOS has not granted this app Accessibility access (System Settings, Privacy & Security, "
                    + "Accessibility)";
        }
        return "the native keyboard hook failed (" + e.getMessage() + ")";
    }

    /** The library logs every key event at INFO through java.util.logging; only its warnings reach our log. */
    private static java.util.logging.Logger quietLibraryLogger() {
        java.util.logging.Logger log = java.util.logging.Logger.getLogger(LIBRARY_LOGGER);
        log.setLevel(Level.WARNING);
        log.setUseParentHandlers(false);
        if (Arrays.stream(log.getHandlers()).noneMatch(h -> h instanceof JulToSlf4jHandler)) {
            log.addHandler(new JulToSlf4jHandler(LIBRARY_LOGGER));
        }
        return log;
    }

    java.util.logging.Logger libraryLogger() {
        return libraryLog;
    }
}
