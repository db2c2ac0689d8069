package dev.voiceconsole.worker.policy;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/** Word splitting and the loose comparison used for agreement (case and punctuation do not count). */
final class Words {

    private Words() {}

    static List<String> split(String text) {
        List<String> words = new ArrayList<>();
        if (text == null) {
            return words;
        }
        for (String w : text.strip().split("\\s+", -1)) {
            if (!w.isEmpty()) {
                words.add(w);
            }
        }
        return words;
    }

    static String join(List<String> words) {
        return String.join(" ", words);
    }

    /** Lower case, letters and digits only; a word of only punctuation normalizes to itself so it still compares. */
    static String normalize(String word) {
        StringBuilder sb = new StringBuilder(word.length());
        word.codePoints()
                .filter(Character::isLetterOrDigit)
                .forEach(cp -> sb.appendCodePoint(Character.toLowerCase(cp)));
        return sb.isEmpty() ? word.toLowerCase(Locale.ROOT) : sb.toString();
    }

    static boolean same(String a, String b) {
        return normalize(a).equals(normalize(b));
    }
}
