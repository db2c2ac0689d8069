package dev.voiceconsole.ui.shell;

import java.util.ArrayList;
import java.util.List;
import javafx.geometry.Bounds;
import javafx.scene.Node;
import javafx.scene.Parent;
import javafx.scene.Scene;
import javafx.scene.control.Cell;
import javafx.scene.control.Control;
import javafx.scene.control.Labeled;
import javafx.scene.control.ScrollPane;
import javafx.scene.text.Text;

/**
 * What a user would see cut off in a window, found in the laid-out scene graph: a label whose skin shows less text
 * than it has (JavaFX elides it, "Inference per deco…"), and a control squeezed below its minimum size or reaching
 * past the window's edge. Rows of lists and tables are left out: eliding a long row is how they show it, and what
 * scrolls inside a scroll pane is not cut off. FX thread.
 */
final class LayoutFaults {

    private LayoutFaults() {}

    static List<String> in(Scene scene) {
        List<String> faults = new ArrayList<>();
        visit(scene.getRoot(), scene, faults, false);
        return faults;
    }

    private static void visit(Node node, Scene scene, List<String> faults, boolean scrolled) {
        if (!node.isVisible() || node instanceof Cell) {
            return;
        }
        if (node instanceof Labeled labeled) {
            truncation(labeled).ifPresent(faults::add);
        }
        if (node instanceof Control control && !scrolled) {
            clipping(control, scene).ifPresent(faults::add);
        }
        if (node instanceof Parent parent) {
            boolean inside = scrolled || node instanceof ScrollPane;
            for (Node child : parent.getChildrenUnmodifiable()) {
                visit(child, scene, faults, inside);
            }
        }
    }

    /** The skin draws a labeled's text as a Text child; elided, it holds fewer characters than the label. */
    private static java.util.Optional<String> truncation(Labeled labeled) {
        String text = labeled.getText();
        if (text == null || text.isEmpty()) {
            return java.util.Optional.empty();
        }
        // With mnemonic parsing the skin leaves out the '_' that marks the mnemonic ("__" stands for one '_').
        String full = labeled.isMnemonicParsing()
                ? text.replace("__", "\0").replaceFirst("_", "").replace("\0", "_")
                : text;
        for (Node child : labeled.getChildrenUnmodifiable()) {
            if (child instanceof Text shown && child.isVisible() && !full.equals(shown.getText())) {
                return java.util.Optional.of(describe(labeled) + " shows '" + shown.getText() + "' of '" + full + "'");
            }
        }
        return java.util.Optional.empty();
    }

    private static java.util.Optional<String> clipping(Control control, Scene scene) {
        double minWidth = control.minWidth(-1);
        double minHeight = control.minHeight(control.getWidth());
        if (control.getWidth() + 0.5 < minWidth || control.getHeight() + 0.5 < minHeight) {
            return java.util.Optional.of(String.format(
                    "%s is %.0fx%.0f, below its minimum %.0fx%.0f",
                    describe(control), control.getWidth(), control.getHeight(), minWidth, minHeight));
        }
        Bounds b = control.localToScene(control.getLayoutBounds());
        if (b.getMaxX() > scene.getWidth() + 0.5 || b.getMaxY() > scene.getHeight() + 0.5) {
            return java.util.Optional.of(String.format(
                    "%s reaches past the window's edge (%.0f, %.0f of %.0fx%.0f)",
                    describe(control), b.getMaxX(), b.getMaxY(), scene.getWidth(), scene.getHeight()));
        }
        return java.util.Optional.empty();
    }

    private static String describe(Node node) {
        String text = node instanceof Labeled l && l.getText() != null ? " '" + l.getText() + "'" : "";
        return node.getClass().getSimpleName() + (node.getId() == null ? "" : " #" + node.getId()) + text;
    }
}
