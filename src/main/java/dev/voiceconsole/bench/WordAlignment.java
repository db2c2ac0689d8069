package dev.voiceconsole.bench;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * Word error rate and what went wrong at utterance boundaries, from word lists alone (no audio, no engine).
 *
 * <p>The heard words of a whole stream are aligned with its reference words in one minimal-edit alignment (so a
 * word heard in the neighbouring utterance still matches), then each edit is classified by where it falls: a
 * deleted word among the first or last {@value #BOUNDARY_WORDS} of its sentence was lost at a boundary, an inserted
 * word among the first or last {@value #BOUNDARY_WORDS} of its utterance was added at one, an inserted word that
 * repeats one of the {@value #BOUNDARY_WORDS} heard words either side of it is a duplicate (a commit or an utterance
 * boundary said it twice), and a matched word heard in an utterance that belongs to another sentence is in the
 * wrong utterance.
 */
public final class WordAlignment {

    /** How many words at each end of a sentence or utterance count as its boundary. */
    public static final int BOUNDARY_WORDS = 2;

    private static final byte MATCH = 0;
    private static final byte SUBSTITUTION = 1;
    private static final byte DELETION = 2;
    private static final byte INSERTION = 3;

    private WordAlignment() {}

    /**
     * One final segment: its words and the reference sentence it was heard in (by time, see
     * {@link HeldOutStream#sentenceAt}).
     */
    public record Heard(int sentence, List<String> words) {
        public Heard {
            words = List.copyOf(words);
        }
    }

    /**
     * The alignment's counts. {@code substitutions + deletions + insertions} is the word-level edit distance;
     * the boundary counts are subsets of the deletions and insertions, {@code duplicated} a subset of the
     * insertions, {@code wrongUtterance} a subset of the matches.
     */
    public record Score(
            int referenceWords,
            int substitutions,
            int deletions,
            int insertions,
            int boundaryDeleted,
            int boundaryInserted,
            int duplicated,
            int wrongUtterance) {

        public int errors() {
            return substitutions + deletions + insertions;
        }

        /** Errors per reference word (can exceed 1 when the decoder runs on); NaN without reference words. */
        public double wer() {
            return referenceWords == 0 ? Double.NaN : errors() / (double) referenceWords;
        }
    }

    /** Words for scoring: lower case, punctuation removed, apostrophes kept. */
    public static List<String> words(String text) {
        String cleaned =
                text.toLowerCase(Locale.ROOT).replaceAll("[^a-z0-9' ]", " ").strip();
        return cleaned.isEmpty() ? List.of() : List.of(cleaned.split("\\s+"));
    }

    /** Word-level edit distance between reference and hypothesis. */
    public static int errors(List<String> ref, List<String> hyp) {
        int[] d = new int[hyp.size() + 1];
        for (int j = 0; j <= hyp.size(); j++) {
            d[j] = j;
        }
        for (int i = 1; i <= ref.size(); i++) {
            int prev = d[0];
            d[0] = i;
            for (int j = 1; j <= hyp.size(); j++) {
                int cur = Math.min(
                        Math.min(d[j] + 1, d[j - 1] + 1), prev + (ref.get(i - 1).equals(hyp.get(j - 1)) ? 0 : 1));
                prev = d[j];
                d[j] = cur;
            }
        }
        return d[hyp.size()];
    }

    /**
     * Aligns what was heard, utterance by utterance, with the reference sentences of the same stream.
     *
     * @param sentences reference words of each sentence, in spoken order
     * @param heard     the finals in the order they were delivered
     */
    public static Score align(List<List<String>> sentences, List<Heard> heard) {
        List<Word> ref = flatten(sentences.stream().map(s -> new Heard(0, s)).toList(), true);
        List<Word> hyp = flatten(heard, false);
        byte[][] step = backPointers(ref, hyp);
        int s = 0;
        int d = 0;
        int ins = 0;
        int boundaryDeleted = 0;
        int boundaryInserted = 0;
        int duplicated = 0;
        int wrongUtterance = 0;
        int i = ref.size();
        int j = hyp.size();
        while (i > 0 || j > 0) {
            switch (step[i][j]) {
                case MATCH -> {
                    if (hyp.get(j - 1).group() != ref.get(i - 1).group()) {
                        wrongUtterance++;
                    }
                    i--;
                    j--;
                }
                case SUBSTITUTION -> {
                    s++;
                    i--;
                    j--;
                }
                case DELETION -> {
                    d++;
                    if (ref.get(i - 1).atBoundary()) {
                        boundaryDeleted++;
                    }
                    i--;
                }
                default -> {
                    ins++;
                    if (hyp.get(j - 1).atBoundary()) {
                        boundaryInserted++;
                    }
                    if (repeatsANeighbour(hyp, j - 1)) {
                        duplicated++;
                    }
                    j--;
                }
            }
        }
        return new Score(ref.size(), s, d, ins, boundaryDeleted, boundaryInserted, duplicated, wrongUtterance);
    }

    /** A word of a stream: which sentence (reference) or which sentence's utterance (heard) it belongs to. */
    private record Word(String text, int group, boolean atBoundary) {}

    /** @param reference groups are the sentences' own indices; heard words take the sentence their final fell on */
    private static List<Word> flatten(List<Heard> groups, boolean reference) {
        List<Word> out = new ArrayList<>();
        for (int g = 0; g < groups.size(); g++) {
            List<String> words = groups.get(g).words();
            for (int k = 0; k < words.size(); k++) {
                boolean edge = k < BOUNDARY_WORDS || k >= words.size() - BOUNDARY_WORDS;
                out.add(new Word(words.get(k), reference ? g : groups.get(g).sentence(), edge));
            }
        }
        return out;
    }

    /**
     * The minimal-edit alignment as one step per cell (a byte each: a long run-on hypothesis stays affordable).
     * Among alignments with the fewest edits it takes one that matches fewest words across sentences: when a word
     * is heard twice, the copy in its own sentence's utterance is the match and the other one the insertion, so a
     * word counts as in the wrong utterance only when no equally good alignment avoids it. Remaining ties prefer a
     * match or substitution, then a deletion, so the backtrace is deterministic.
     */
    private static byte[][] backPointers(List<Word> ref, List<Word> hyp) {
        // one edit outweighs every possible cross-sentence match: cost = edits * edit + cross-sentence matches
        long edit = ref.size() + hyp.size() + 1L;
        byte[][] step = new byte[ref.size() + 1][hyp.size() + 1];
        long[] prev = new long[hyp.size() + 1];
        long[] cur = new long[hyp.size() + 1];
        for (int j = 0; j <= hyp.size(); j++) {
            prev[j] = j * edit;
            step[0][j] = INSERTION;
        }
        for (int i = 1; i <= ref.size(); i++) {
            cur[0] = i * edit;
            step[i][0] = DELETION;
            for (int j = 1; j <= hyp.size(); j++) {
                Word r = ref.get(i - 1);
                Word h = hyp.get(j - 1);
                boolean same = r.text().equals(h.text());
                long diagonal = prev[j - 1] + (same ? (r.group() == h.group() ? 0 : 1) : edit);
                long deletion = prev[j] + edit;
                long insertion = cur[j - 1] + edit;
                if (diagonal <= deletion && diagonal <= insertion) {
                    cur[j] = diagonal;
                    step[i][j] = same ? MATCH : SUBSTITUTION;
                } else if (deletion <= insertion) {
                    cur[j] = deletion;
                    step[i][j] = DELETION;
                } else {
                    cur[j] = insertion;
                    step[i][j] = INSERTION;
                }
            }
            long[] t = prev;
            prev = cur;
            cur = t;
        }
        return step;
    }

    private static boolean repeatsANeighbour(List<Word> hyp, int at) {
        for (int k = Math.max(0, at - BOUNDARY_WORDS); k <= Math.min(hyp.size() - 1, at + BOUNDARY_WORDS); k++) {
            if (k != at && hyp.get(k).text().equals(hyp.get(at).text())) {
                return true;
            }
        }
        return false;
    }
}
