package dev.voiceconsole.desktop;

import java.util.logging.Handler;
import java.util.logging.Level;
import java.util.logging.LogRecord;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** Hands the native hook library's java.util.logging records to SLF4J, so they land in the app's own log. */
final class JulToSlf4jHandler extends Handler {

    private final Logger log;

    JulToSlf4jHandler(String name) {
        this.log = LoggerFactory.getLogger(name);
    }

    @Override
    public void publish(LogRecord record) {
        if (record == null) {
            return;
        }
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
        } else {
            log.debug(message, record.getThrown());
        }
    }

    @Override
    public void flush() {}

    @Override
    public void close() {}
}
