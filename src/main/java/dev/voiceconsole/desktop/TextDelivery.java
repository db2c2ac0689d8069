package dev.voiceconsole.desktop;

import com.google.common.util.concurrent.ThreadFactoryBuilder;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Sends committed segments to the {@link TextOutput} one after another on a "text-output" thread, in the order they
 * were committed, so the UI never waits on a typing tool. Segments after the first are preceded by a space, so
 * consecutive segments do not run together. A failure loses nothing: the console keeps every segment, and the
 * error callback says which text did not arrive.
 */
public final class TextDelivery implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(TextDelivery.class);

    private final Consumer<String> errors;
    private final ExecutorService thread = Executors.newSingleThreadExecutor(new ThreadFactoryBuilder()
            .setNameFormat("text-output")
            .setDaemon(true)
            .build());
    private volatile TextOutput output;
    /** Only touched on the text-output thread. */
    private boolean sentBefore;

    /** @param errors receives a sentence per failed segment, on the text-output thread */
    public TextDelivery(TextOutput output, Consumer<String> errors) {
        this.output = output;
        this.errors = errors;
    }

    /** Segments submitted after this call go to {@code next}. */
    public void use(TextOutput next) {
        output = next;
    }

    public TextOutput output() {
        return output;
    }

    /** Queues one committed segment (any thread, returns at once). */
    public void submit(String segment) {
        String text = segment.strip();
        if (text.isEmpty()) {
            return;
        }
        try {
            thread.execute(() -> deliver(text));
        } catch (RejectedExecutionException e) {
            LOG.debug("text output closed; segment kept in the console only");
        }
    }

    private void deliver(String text) {
        TextOutput out = output;
        if (out instanceof ConsoleOnlyOutput) {
            return;
        }
        String withSeparator = sentBefore ? " " + text : text;
        try {
            out.send(withSeparator);
            sentBefore = true;
        } catch (TextOutputException e) {
            LOG.warn("segment not delivered ({}): {}", out.description(), e.getMessage());
            errors.accept("Text did not reach the focused application (" + e.getMessage()
                    + "); it is in the console: \"" + text + "\"");
        }
    }

    /** Finishes the segments already queued (a short while at most), then stops. */
    @Override
    public void close() {
        thread.shutdown();
        try {
            if (!thread.awaitTermination(5, TimeUnit.SECONDS)) {
                thread.shutdownNow();
            }
        } catch (InterruptedException e) {
            thread.shutdownNow();
            Thread.currentThread().interrupt();
        }
    }
}
