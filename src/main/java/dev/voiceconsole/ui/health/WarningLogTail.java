package dev.voiceconsole.ui.health;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.LoggerContext;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.classic.spi.IThrowableProxy;
import ch.qos.logback.core.AppenderBase;
import dev.voiceconsole.ui.common.UiExecutor;
import java.time.Instant;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.ArrayDeque;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.Consumer;
import org.slf4j.LoggerFactory;

/**
 * A Logback appender that keeps the newest WARN and ERROR lines for the health panel. Logging threads only add to a
 * bounded ring; one publish at a time is scheduled on the UI, which takes everything the ring holds then, so a burst
 * of warnings costs the UI one update rather than one per line.
 *
 * <p>It is attached to the root logger while the console runs (not through logback.xml), so command-line runs never
 * carry it.
 */
public final class WarningLogTail extends AppenderBase<ILoggingEvent> {

    /**
     * The console reports its own problems in the error line, in words written for the user, and those reach the
     * health panel that way; logging them again would list each twice. Every screen's package is under this one.
     */
    private static final String OWN_PACKAGE = "dev.voiceconsole.ui.";

    private static final DateTimeFormatter CLOCK = DateTimeFormatter.ofPattern("HH:mm:ss");

    private final int capacity;
    private final UiExecutor ui;
    private final Consumer<List<HealthWarning>> sink;
    private final ArrayDeque<HealthWarning> ring = new ArrayDeque<>();
    private final AtomicBoolean publishScheduled = new AtomicBoolean();
    private final ZoneId zone = ZoneId.systemDefault();

    /**
     * @param capacity lines kept between two publishes; older ones are dropped first
     * @param sink     receives the lines gathered since the last publish, oldest first, through {@code ui}
     */
    WarningLogTail(int capacity, UiExecutor ui, Consumer<List<HealthWarning>> sink) {
        this.capacity = capacity;
        this.ui = ui;
        this.sink = sink;
        setName("console-warning-tail");
    }

    /** Starts the tail and adds it to Logback's root logger; empty when SLF4J is not bound to Logback. */
    public static Optional<WarningLogTail> attach(int capacity, UiExecutor ui, Consumer<List<HealthWarning>> sink) {
        if (!(LoggerFactory.getILoggerFactory() instanceof LoggerContext context)) {
            return Optional.empty();
        }
        WarningLogTail tail = new WarningLogTail(capacity, ui, sink);
        tail.setContext(context);
        tail.start();
        context.getLogger(org.slf4j.Logger.ROOT_LOGGER_NAME).addAppender(tail);
        return Optional.of(tail);
    }

    /** Removes the tail from the root logger; nothing is published after this. */
    public void detach() {
        if (getContext() instanceof LoggerContext context) {
            Logger root = context.getLogger(org.slf4j.Logger.ROOT_LOGGER_NAME);
            root.detachAppender(this);
        }
        stop();
    }

    @Override
    protected void append(ILoggingEvent event) {
        if (!event.getLevel().isGreaterOrEqual(Level.WARN)
                || event.getLoggerName().startsWith(OWN_PACKAGE)) {
            return;
        }
        HealthWarning line = warning(event);
        synchronized (ring) {
            ring.addLast(line);
            while (ring.size() > capacity) {
                ring.removeFirst();
            }
        }
        if (publishScheduled.compareAndSet(false, true)) {
            ui.execute(this::publish);
        }
    }

    private void publish() {
        // Cleared before draining: a line added meanwhile schedules the next publish, so none is left behind.
        publishScheduled.set(false);
        List<HealthWarning> lines;
        synchronized (ring) {
            lines = List.copyOf(ring);
            ring.clear();
        }
        if (!lines.isEmpty() && isStarted()) {
            sink.accept(lines);
        }
    }

    /**
     * "Sidecar did not answer for 3000 ms: broken pipe." for the user; "12:03:04  WARN  SidecarSupervisor: sidecar
     * did not answer for 3000 ms (IOException: broken pipe)" as its details.
     */
    private HealthWarning warning(ILoggingEvent event) {
        String logger = event.getLoggerName();
        String time = CLOCK.format(Instant.ofEpochMilli(event.getTimeStamp()).atZone(zone));
        String message = event.getFormattedMessage();
        StringBuilder details = new StringBuilder()
                .append(time)
                .append("  ")
                .append(event.getLevel())
                .append("  ")
                .append(logger.substring(logger.lastIndexOf('.') + 1))
                .append(": ")
                .append(message);
        String said = message;
        IThrowableProxy error = event.getThrowableProxy();
        if (error != null) {
            String type = error.getClassName().substring(error.getClassName().lastIndexOf('.') + 1);
            details.append(" (").append(type);
            if (error.getMessage() != null) {
                details.append(": ").append(error.getMessage());
                said = message + ": " + error.getMessage();
            }
            details.append(')');
        }
        return new HealthWarning(
                time,
                HealthWarning.sentence(said),
                details.toString(),
                event.getLevel().isGreaterOrEqual(Level.ERROR));
    }
}
