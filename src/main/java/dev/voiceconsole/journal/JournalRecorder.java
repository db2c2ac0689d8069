package dev.voiceconsole.journal;

import dev.voiceconsole.client.StreamListener;
import dev.voiceconsole.proto.v1.FinalSegment;
import dev.voiceconsole.proto.v1.StreamEvent;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.util.List;
import java.util.function.Consumer;

/**
 * Writes each final segment of a stream into one journal entry the moment it arrives. A journal that fails does not
 * stop the dictation: the text stays in the console, the failure is reported once, and later segments are still
 * tried (a full disk may have room again).
 */
public final class JournalRecorder implements StreamListener {

    private static final Logger log = LoggerFactory.getLogger(JournalRecorder.class);

    private final Journal journal;
    private final long entryId;
    private final Consumer<JournalException> onFailure;
    private boolean reported;

    public JournalRecorder(Journal journal, long entryId, Consumer<JournalException> onFailure) {
        this.journal = journal;
        this.entryId = entryId;
        this.onFailure = onFailure;
    }

    /** A new entry for a stream from {@code source}. */
    public static JournalRecorder start(Journal journal, String source, String model, String mode,
                                        Consumer<JournalException> onFailure) {
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
    public void recordAll(List<FinalSegment> finals) {
        finals.forEach(this::record);
    }

    private synchronized void record(FinalSegment f) {
        String text = f.getText().strip();
        if (text.isEmpty()) {
            return;
        }
        try {
            journal.append(entryId, f.getStartS(), f.getEndS(), text);
        } catch (JournalException e) {
            log.warn("journal entry {}: segment not recorded: {}", entryId, e.getMessage());
            if (!reported) {
                reported = true;
                onFailure.accept(e);
            }
        }
    }

    /** Marks the entry finished (an entry never ended is one whose app died). */
    public void end() {
        try {
            journal.end(entryId);
        } catch (JournalException e) {
            log.warn("journal entry {} could not be closed: {}", entryId, e.getMessage());
        }
    }
}
