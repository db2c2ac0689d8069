package dev.voiceconsole.ui.transcript;

import dev.voiceconsole.proto.v1.FinalSegment;
import dev.voiceconsole.proto.v1.PartialTranscript;
import dev.voiceconsole.proto.v1.StreamEvent;
import dev.voiceconsole.proto.v1.Word;
import dev.voiceconsole.settings.UiSettings;
import dev.voiceconsole.transcript.TranscriptFormat;
import dev.voiceconsole.transcript.TranscriptSegment;
import dev.voiceconsole.transcript.TranscriptWord;
import dev.voiceconsole.ui.common.BackgroundFiles;
import dev.voiceconsole.ui.common.LiveTranscript;
import dev.voiceconsole.ui.common.WordMarks;
import java.nio.file.Path;
import java.util.List;
import javafx.beans.binding.Bindings;
import javafx.beans.property.ReadOnlyBooleanProperty;
import javafx.beans.property.ReadOnlyBooleanWrapper;
import javafx.beans.property.ReadOnlyObjectProperty;
import javafx.beans.property.ReadOnlyObjectWrapper;
import javafx.beans.property.ReadOnlyStringProperty;
import javafx.beans.property.ReadOnlyStringWrapper;
import javafx.beans.value.ObservableValue;
import javafx.collections.FXCollections;
import javafx.collections.ObservableList;

/**
 * The live transcript: final segments kept with their times, and the one line still being spoken, split into
 * its stable (committed) and unstable parts. Only touched on the UI thread.
 *
 * <p>A final replaces the live line in the same update that appends it, so the text moves from the grey line
 * into the list in one frame: nothing flickers and nothing is shown twice.
 *
 * <p>A final keeps its words (times and probabilities) where the worker sent them; {@link #wordMarksProperty()}
 * says which of them the view marks as ones the decoder was unsure of, following the settings.
 */
public final class TranscriptViewModel implements LiveTranscript {

    private final BackgroundFiles files;

    private final ObservableList<TranscriptSegment> finals = FXCollections.observableArrayList();
    // One wrapper for everyone: a listener on a throw-away wrapper dies with it at the next GC.
    private final ObservableList<TranscriptSegment> readOnlyFinals = FXCollections.unmodifiableObservableList(finals);
    private final ReadOnlyStringWrapper stableText = new ReadOnlyStringWrapper(this, "stableText", "");
    private final ReadOnlyStringWrapper unstableText = new ReadOnlyStringWrapper(this, "unstableText", "");
    private final ReadOnlyBooleanWrapper partialSeen = new ReadOnlyBooleanWrapper(this, "partialSeen", false);
    private final ReadOnlyObjectWrapper<WordMarks> wordMarks = new ReadOnlyObjectWrapper<>(this, "wordMarks");
    /** Utterance whose words the live line shows; 0 = none. */
    private int liveUtterance;
    /** Finals of earlier sessions end here, so times keep growing across Start/Stop. */
    private double sessionOffsetS;

    private double lastEndS;

    /**
     * A transcript that saves through {@code files}.
     *
     * @param settings the console's settings: their confidence threshold marks the words
     */
    public TranscriptViewModel(BackgroundFiles files, ObservableValue<UiSettings> settings) {
        this.files = files;
        wordMarks.bind(Bindings.createObjectBinding(
                () -> new WordMarks(settings.getValue().lowConfidencePercent()), settings));
    }

    public ObservableList<TranscriptSegment> finals() {
        return readOnlyFinals;
    }

    public ReadOnlyStringProperty stableTextProperty() {
        return stableText.getReadOnlyProperty();
    }

    public ReadOnlyStringProperty unstableTextProperty() {
        return unstableText.getReadOnlyProperty();
    }

    /** Which words of the finals to mark as unsure, and what hovering one says; changes with the settings. */
    public ReadOnlyObjectProperty<WordMarks> wordMarksProperty() {
        return wordMarks.getReadOnlyProperty();
    }

    /** True once any partial arrived since the last clear (testers check that text streamed, not just landed). */
    public ReadOnlyBooleanProperty partialSeenProperty() {
        return partialSeen.getReadOnlyProperty();
    }

    @Override
    public void sessionStarted() {
        sessionOffsetS = lastEndS;
        clearLiveLine();
    }

    @Override
    public void accept(StreamEvent event) {
        if (event.hasPartial()) {
            PartialTranscript p = event.getPartial();
            liveUtterance = p.getUtteranceId();
            stableText.set(p.getStableText().strip());
            unstableText.set(joinSpace(p.getStableText(), p.getUnstableText()));
            partialSeen.set(true);
        } else if (event.hasFinal()) {
            addFinal(event.getFinal());
        }
    }

    /** A dictation's live line is left alone. */
    @Override
    public void appendSession(List<FinalSegment> segments) {
        double offset = lastEndS;
        segments.forEach(f -> addText(f, offset));
    }

    private void addFinal(FinalSegment f) {
        // The live line empties before the list grows, so no observer ever sees the words twice.
        if (f.getUtteranceId() == liveUtterance || liveUtterance == 0) {
            clearLiveLine();
        }
        addText(f, sessionOffsetS);
    }

    private void addText(FinalSegment f, double offsetS) {
        String text = f.getText().strip();
        if (!text.isEmpty()) {
            double start = offsetS + f.getStartS();
            double end = Math.max(start, offsetS + f.getEndS());
            lastEndS = Math.max(lastEndS, end);
            List<TranscriptWord> words =
                    f.getWordsList().stream().map(w -> word(w, offsetS)).toList();
            finals.add(new TranscriptSegment(finals.size() + 1, start, end, text, words));
        }
    }

    /** The word on the transcript's clock, as its segment is: shifted past the earlier sessions. */
    private static TranscriptWord word(Word w, double offsetS) {
        double start = offsetS + w.getStartS();
        return new TranscriptWord(w.getText(), start, Math.max(start, offsetS + w.getEndS()), w.getProbability());
    }

    private void clearLiveLine() {
        liveUtterance = 0;
        stableText.set("");
        unstableText.set("");
    }

    /** Everything said so far as plain text (what Copy puts on the clipboard). */
    public String plainText() {
        return TranscriptFormat.TXT.render(finals);
    }

    public String render(TranscriptFormat format) {
        return format.render(finals);
    }

    /**
     * Saves what the list shows now, in the format the file's name asks for (.txt, .srt, .vtt, .json), off the FX
     * thread; an unknown extension or a failed write reaches the error line.
     */
    public void saveTo(Path file) {
        String name = String.valueOf(file.getFileName());
        TranscriptFormat format;
        try {
            format = TranscriptFormat.forFileName(name);
        } catch (IllegalArgumentException e) {
            files.report("Cannot save " + name + ": " + e.getMessage());
            return;
        }
        files.write(file, render(format), "Cannot save " + file);
    }

    public void clear() {
        finals.clear();
        clearLiveLine();
        partialSeen.set(false);
        sessionOffsetS = 0;
        lastEndS = 0;
    }

    /** The unstable part only: the text after the stable prefix. */
    private static String joinSpace(String stable, String unstable) {
        String u = unstable.strip();
        return stable.isBlank() || u.isEmpty() ? u : " " + u;
    }
}
