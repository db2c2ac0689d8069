package dev.voiceconsole.ui.journal;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Splits a line into the parts a search matched and the rest, as the journal's search matches: every word of the
 * query is the beginning of a word of the line ("kube" marks "Kube" in "Kubernetes"), in any case.
 */
final class MatchHighlighter {

    /** A piece of the line; {@code hit} when the search matched it. */
    record Span(String text, boolean hit) {}

    private static final Pattern WORD = Pattern.compile("[\\p{L}\\p{N}']+");

    private MatchHighlighter() {}

    static List<Span> spans(String line, String query) {
        List<String> words = Arrays.stream(
                        query.strip().toLowerCase(Locale.ROOT).split("\\s+"))
                .filter(w -> !w.isEmpty())
                .toList();
        List<Span> spans = new ArrayList<>();
        int plainFrom = 0;
        Matcher m = WORD.matcher(line);
        while (m.find()) {
            String word = m.group().toLowerCase(Locale.ROOT);
            int longest = words.stream()
                    .filter(word::startsWith)
                    .mapToInt(String::length)
                    .max()
                    .orElse(0);
            if (longest > 0) {
                if (m.start() > plainFrom) {
                    spans.add(new Span(line.substring(plainFrom, m.start()), false));
                }
                spans.add(new Span(line.substring(m.start(), m.start() + longest), true));
                plainFrom = m.start() + longest;
            }
        }
        if (plainFrom < line.length()) {
            spans.add(new Span(line.substring(plainFrom), false));
        }
        return spans;
    }

    /** Whether the search marks anything in the line. */
    static boolean matches(String line, String query) {
        return spans(line, query).stream().anyMatch(Span::hit);
    }
}
