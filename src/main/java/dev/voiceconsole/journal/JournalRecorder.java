package dev.voiceconsole.journal;

import dev.voiceconsole.client.StreamListener;
import dev.voiceconsole.proto.v1.FinalSegment;
import dev.voiceconsole.proto.v1.StreamEvent;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.List;
import java.util.function.Consumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Writes each final segment of a stream into one journal entry the moment it arrives. A journal that fails does not
 * stop the dictation: a segment that could not be written is kept in memory (the console shows it too) and written,
 * in order, before the next one and again when the stream ends, so a disk that has room again loses nothing. Each
 * run of failures is reported once, and so is whatever is still unsaved at the end: no loss passes silently. A
 * stream that ends without a word leaves no entry: the entry exists from the start (one never ended is one whose
 * app died mid-stream) and is removed at the end when nothing was said.
 *
 * <p>Threads: events arrive on a stream's listener thread (never the transport's); every method is synchronized.
 */
public final class JournalRecorder implements StreamListener {

    private static final Logger log = LoggerFactory.getLogger(JournalRecorder.class);

    /** One segment the journal has not taken yet. */
    public record Unsaved(double startS, double endS, String text) {}

    private final Journal journal;
    private final long entryId;
    private final Consumer<JournalException> onFailure;
    private final Deque<Unsaved> unsaved = new ArrayDeque<>();
    /** A run of failures is under way and was reported; cleared by the next write that works. */
    private boolean failing;

    private JournalException lastFailure;
    /** Some text reached this recorder: the entry is worth keeping even if none of it could be written. */
    private boolean heardAnything;

    public JournalRecorder(Journal journal, long entryId, Consumer<JournalException> onFailure) {
        this.journal = journal;
        this.entryId = entryId;
        this.onFailure = onFailure;
    }

    /** A new entry for a stream from {@code source}. */
    public static JournalRecorder start(
            Journal journal, String source, String model, String mode, Consumer<JournalException> onFailure) {
        return new JournalRecorder(journal, journal.start(source, model, mode), onFailure);
    }

    public long entryId() {
        return entryId;
    }

    @Override
    public void onEvent(StreamEvent event) {
        if (event.hasFinal()) {
            record(event.getFinal());
        }
    }

    /** Records finals that arrived another way (a transcribed file's result). */
    public synchronized void recordAll(List<FinalSegment> finals) {
        finals.forEach(this::record);
    }

    /** Segments not in the journal yet, oldest first. */
    public synchronized List<Unsaved> unsaved() {
        return List.copyOf(unsaved);
    }

    private synchronized void record(FinalSegment f) {
        String text = f.getText().strip();
        if (text.isEmpty()) {
            return;
        }
        heardAnything = true;
        unsaved.addLast(new Unsaved(f.getStartS(), f.getEndS(), text));
        writeUnsaved();
    }

    /** Writes the held segments in order; stops at the first that fails, which stays held with those after it. */
    private void writeUnsaved() {
        while (!unsaved.isEmpty()) {
            Unsaved next = unsaved.peekFirst();
            try {
                journal.append(entryId, next.startS(), next.endS(), next.text());
                unsaved.removeFirst();
            } catch (JournalException e) {
                lastFailure = e;
                log.warn(
                        "journal entry {}: {} segment(s) held in memory, not on disk: {}",
                        entryId,
                        unsaved.size(),
                        e.getMessage());
                if (!failing) {
                    failing = true;
                    onFailure.accept(e);
                }
                return;
            }
        }
        if (failing) {
            failing = false;
            log.info("journal entry {}: the held segments are on disk now", entryId);
        }
    }

    /**
     * Tries the held segments once more and marks the entry finished (an entry never ended is one whose app died).
     * Segments still unsaved are reported, with their count, through the failure consumer.
     */
    public synchronized void end() {
        writeUnsaved();
        if (!unsaved.isEmpty()) {
            JournalException e = new JournalException(
                    "journal " + journal.file() + ": " + unsaved.size() + " segment(s) of entry " + entryId
                            + " could not be saved; the text is still in the transcript",
                    lastFailure,
                    lastFailure != null && lastFailure.diskFull());
            log.warn("{}", e.getMessage());
            onFailure.accept(e);
        }
        try {
            if (heardAnything) {
                journal.end(entryId);
            } else {
                journal.delete(entryId);
            }
        } catch (JournalException e) {
            log.warn("journal entry {} could not be closed: {}", entryId, e.getMessage());
        }
    }
}
