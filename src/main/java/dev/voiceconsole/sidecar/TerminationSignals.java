package dev.voiceconsole.sidecar;

import java.lang.reflect.Constructor;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;
import java.lang.reflect.Proxy;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Lets a sidecar answer SIGTERM (and Ctrl-C) with a graceful drain and exit code 0. The JVM's default handling
 * would run shutdown hooks and exit 143, which a supervisor cannot tell from a crash; so the signal is caught here
 * and the caller's main thread returns normally.
 *
 * <p>The JDK's only signal API is {@code sun.misc.Signal} (module jdk.unsupported, which the installer's runtime
 * includes). It is reached by reflection: naming it in source draws javac's "internal proprietary API" warning, which
 * no annotation or option silences, and the build fails on every warning (pom.xml).
 */
final class TerminationSignals {

    private static final Logger log = LoggerFactory.getLogger(TerminationSignals.class);

    private TerminationSignals() {}

    /**
     * Runs {@code action} on a thread of its own at SIGTERM or SIGINT, instead of the JVM's exit.
     *
     * @return whether the handlers are installed; when not, only a shutdown hook remains (exit code 143)
     */
    static boolean onTerminate(Runnable action) {
        try {
            for (String name : new String[] {"TERM", "INT"}) {
                handle(name, () -> {
                    log.info("SIG{} received: draining", name);
                    // Signal handlers run on a dedicated thread; do the slow drain elsewhere so a second signal is not
                    // queued behind it.
                    Thread drain = new Thread(action, "sidecar-drain");
                    drain.start();
                });
            }
            return true;
        } catch (IllegalArgumentException
                | UnsupportedOperationException
                | LinkageError
                | ReflectiveOperationException e) {
            log.warn("cannot handle termination signals ({}); relying on the shutdown hook", e.toString());
            return false;
        }
    }

    /**
     * Replaces the JVM's handling of the signal {@code name} ("TERM", "INT") with {@code handler}, as
     * {@code sun.misc.Signal.handle} does: it runs on the JVM's signal thread, and the process does not exit.
     *
     * @throws IllegalArgumentException when the signal is unknown here or the JVM keeps it for itself
     * @throws ReflectiveOperationException when this runtime has no {@code sun.misc.Signal}
     */
    static void handle(String name, Runnable handler) throws ReflectiveOperationException {
        Class<?> signalClass = Class.forName("sun.misc.Signal");
        Class<?> handlerInterface = Class.forName("sun.misc.SignalHandler");
        Object signal = construct(signalClass.getConstructor(String.class), name);
        Object proxy = Proxy.newProxyInstance(
                TerminationSignals.class.getClassLoader(),
                new Class<?>[] {handlerInterface},
                (self, method, args) -> switch (method.getName()) {
                    case "equals" -> self == args[0];
                    case "hashCode" -> System.identityHashCode(self);
                    case "toString" -> "handler of SIG" + name;
                    default -> { // SignalHandler.handle(Signal), its one method
                        handler.run();
                        yield null;
                    }
                });
        invoke(signalClass.getMethod("handle", signalClass, handlerInterface), signal, proxy);
    }

    private static Object construct(Constructor<?> constructor, Object... args) throws ReflectiveOperationException {
        try {
            return constructor.newInstance(args);
        } catch (InvocationTargetException e) {
            throw unwrapped(e);
        }
    }

    private static void invoke(Method staticMethod, Object... args) throws ReflectiveOperationException {
        try {
            staticMethod.invoke(null, args);
        } catch (InvocationTargetException e) {
            throw unwrapped(e);
        }
    }

    /** What the call itself threw, as a direct call would have thrown it. */
    private static ReflectiveOperationException unwrapped(InvocationTargetException e) {
        if (e.getCause() instanceof RuntimeException r) {
            throw r;
        }
        if (e.getCause() instanceof Error err) {
            throw err;
        }
        return e;
    }
}
