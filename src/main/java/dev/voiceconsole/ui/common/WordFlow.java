package dev.voiceconsole.ui.common;

import dev.voiceconsole.transcript.TranscriptWord;
import java.util.ArrayList;
import java.util.List;
import javafx.scene.control.Tooltip;
import javafx.scene.text.Text;

/**
 * Renders {@link ShownWords} as Text nodes for a TextFlow: one node per word, with its time and confidence on hover
 * and the {@value #LOW_CONFIDENCE} style class when {@link WordMarks} says the decoder was unsure of it; one node
 * of plain text where there are no words. The console's transcript and the dictation pill both draw words with it.
 */
public final class WordFlow {

    /** Style class of every word node. */
    public static final String WORD = "word";

    /** Style class of a word below the confidence threshold. */
    public static final String LOW_CONFIDENCE = "low-confidence";

    /** Marks a word node whose tooltip exists already. */
    private static final String TOOLTIP_MADE = WordFlow.class.getName() + ".tooltipMade";

    private WordFlow() {}

    /**
     * The nodes that show these words, in order, spaces between the words.
     *
     * @param styleClass the style class every node gets besides its own (the screen's text style)
     */
    public static List<Text> texts(ShownWords shown, WordMarks marks, String styleClass) {
        List<Text> nodes = new ArrayList<>();
        if (shown.cutFront()) {
            nodes.add(styled(new Text("…"), styleClass));
        }
        if (shown.words().isEmpty()) {
            nodes.add(styled(new Text(shown.text()), styleClass));
            return nodes;
        }
        for (int i = 0; i < shown.words().size(); i++) {
            if (i > 0) {
                nodes.add(styled(new Text(" "), styleClass));
            }
            nodes.add(word(shown.words().get(i), marks, styleClass));
        }
        return nodes;
    }

    private static Text word(TranscriptWord w, WordMarks marks, String styleClass) {
        Text text = styled(new Text(w.text().strip()), styleClass);
        text.getStyleClass().add(WORD);
        if (marks.low(w)) {
            text.getStyleClass().add(LOW_CONFIDENCE);
        }
        // The tooltip is made on the first hover, not here: a long transcript redraws its cells as it scrolls, and
        // a Tooltip (a popup window) per word of every drawn cell would be most of that work.
        String details = marks.details(w);
        text.setOnMouseEntered(e -> {
            if (!text.getProperties().containsKey(TOOLTIP_MADE)) {
                text.getProperties().put(TOOLTIP_MADE, true);
                Tooltip.install(text, new Tooltip(details));
            }
        });
        return text;
    }

    private static Text styled(Text text, String styleClass) {
        text.getStyleClass().add(styleClass);
        return text;
    }
}
