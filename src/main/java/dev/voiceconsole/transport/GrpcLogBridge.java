package dev.voiceconsole.transport;

import java.util.Arrays;
import java.util.logging.Handler;
import java.util.logging.Level;
import java.util.logging.LogRecord;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * grpc-java logs through java.util.logging, whose default console handler prints its own two-line format (and whole
 * traces) to stderr outside the app's logging. Its records are handed to SLF4J instead, so logback's levels and
 * format apply to them too.
 */
final class GrpcLogBridge {

    private static final String GRPC = "io.grpc";

    private GrpcLogBridge() {}

    /** Idempotent: JUL's logger tree is process-wide, so a second worker in the same JVM finds it done. */
    static void install() {
        java.util.logging.Logger grpc = java.util.logging.Logger.getLogger(GRPC);
        synchronized (GrpcLogBridge.class) {
            if (Arrays.stream(grpc.getHandlers()).noneMatch(Slf4jHandler.class::isInstance)) {
                grpc.addHandler(new Slf4jHandler());
                grpc.setUseParentHandlers(false);
            }
        }
    }

    private static final class Slf4jHandler extends Handler {
        @Override
        public void publish(LogRecord record) {
            if (record == null) {
                return;
            }
            Logger log = LoggerFactory.getLogger(record.getLoggerName() == null ? GRPC : record.getLoggerName());
            String message = record.getMessage();
            if (record.getParameters() != null && message != null) {
                try {
                    message = java.text.MessageFormat.format(message, record.getParameters());
                } catch (IllegalArgumentException e) {
                    // keep the unformatted message: a malformed pattern must not lose the record
                }
            }
            int level = record.getLevel().intValue();
            if (level >= Level.SEVERE.intValue()) {
                log.error(message, record.getThrown());
            } else if (level >= Level.WARNING.intValue()) {
                log.warn(message, record.getThrown());
            } else if (level >= Level.INFO.intValue()) {
                log.info(message, record.getThrown());
            } else {
                log.debug(message, record.getThrown());
            }
        }

        @Override
        public void flush() {}

        @Override
        public void close() {}
    }
}
