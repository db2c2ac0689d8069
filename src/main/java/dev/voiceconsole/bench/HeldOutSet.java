package dev.voiceconsole.bench;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * The held-out test list of the fixture model ({@code src/test/fixtures/fixture-model/heldout.tsv}, written by
 * tools/fixture-model): a header line, then one sentence a line as id, accent, variant, speed, pitch, text.
 */
public record HeldOutSet(List<HeldOutSentence> sentences) {

    static final String HEADER = "id\taccent\tvariant\tspeed\tpitch\ttext";

    public HeldOutSet {
        sentences = List.copyOf(sentences);
    }

    /**
     * Reads a held-out list; blank lines are skipped.
     *
     * @throws IOException when the file cannot be read or is not a held-out list (the message names the line)
     */
    public static HeldOutSet read(Path tsv) throws IOException {
        List<String> lines = Files.readAllLines(tsv, StandardCharsets.UTF_8);
        if (lines.isEmpty() || !lines.get(0).strip().equals(HEADER)) {
            throw new IOException(tsv + ": line 1 must be the header '" + HEADER.replace("\t", "<tab>") + "'");
        }
        List<HeldOutSentence> out = new ArrayList<>();
        for (int i = 1; i < lines.size(); i++) {
            if (lines.get(i).isBlank()) {
                continue;
            }
            // Limit 0: trailing empty fields are dropped, so tabs after the text do not count as fields.
            String[] f = lines.get(i).split("\t", 0);
            try {
                if (f.length != 6 || f[5].isBlank()) {
                    throw new NumberFormatException("expected 6 tab-separated fields, found " + f.length);
                }
                out.add(new HeldOutSentence(f[0], f[1], f[2], Integer.parseInt(f[3]), Integer.parseInt(f[4]), f[5]));
            } catch (NumberFormatException e) {
                throw new IOException(tsv + ": line " + (i + 1) + ": " + e.getMessage(), e);
            }
        }
        if (out.isEmpty()) {
            throw new IOException(tsv + ": no sentences");
        }
        return new HeldOutSet(out);
    }

    /** The first {@code n} sentences (all of them when there are fewer). */
    public HeldOutSet first(int n) {
        return new HeldOutSet(sentences.subList(0, Math.min(n, sentences.size())));
    }
}
