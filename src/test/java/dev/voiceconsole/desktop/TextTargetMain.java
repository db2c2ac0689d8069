package dev.voiceconsole.desktop;

import java.awt.event.FocusAdapter;
import java.awt.event.FocusEvent;
import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.atomic.AtomicReference;
import javax.swing.JFrame;
import javax.swing.JTextField;
import javax.swing.SwingUtilities;

/**
 * "Another application" for the desktop tests: a window with one text field. Prints "shown" once visible and
 * "focused" / "unfocused" when the field gains or loses the keyboard focus; answers "text" on stdin with "text:" and the field's content
 * (line breaks as \n).
 */
public final class TextTargetMain {

    public static void main(String[] args) throws Exception {
        PrintStream out = new PrintStream(System.out, true, StandardCharsets.UTF_8);
        AtomicReference<JTextField> field = new AtomicReference<>();
        SwingUtilities.invokeAndWait(() -> {
            JFrame frame = new JFrame(args[0]);
            JTextField text = new JTextField(40);
            text.addFocusListener(new FocusAdapter() {
                @Override
                public void focusGained(FocusEvent e) {
                    out.println("focused");
                }

                @Override
                public void focusLost(FocusEvent e) {
                    out.println("unfocused");
                }
            });
            frame.add(text);
            frame.setDefaultCloseOperation(JFrame.EXIT_ON_CLOSE);
            frame.setSize(400, 80);
            frame.setLocation(0, 0);
            frame.setVisible(true);
            field.set(text);
        });
        out.println("shown");
        BufferedReader in = new BufferedReader(new InputStreamReader(System.in, StandardCharsets.UTF_8));
        for (String line; (line = in.readLine()) != null; ) {
            if (line.equals("text")) {
                AtomicReference<String> content = new AtomicReference<>();
                SwingUtilities.invokeAndWait(() -> content.set(field.get().getText()));
                out.println("text:" + content.get().replace("\n", "\\n"));
            }
        }
        System.exit(0);
    }
}
