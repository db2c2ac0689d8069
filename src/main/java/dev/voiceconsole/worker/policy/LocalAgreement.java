package dev.voiceconsole.worker.policy;

import java.util.List;

/**
 * LocalAgreement-2: a word becomes committed once two consecutive hypotheses of the same growing utterance agree
 * on it and on everything before it. Comparison is case- and punctuation-insensitive; the newest hypothesis's
 * spelling is what gets committed, because it saw the most context.
 */
public final class LocalAgreement {

    /** Committed words whose end lies this far from the expected position still count as the anchor. */
    private static final int MAX_ANCHOR_DRIFT = 2;

    private LocalAgreement() {}

    /** Number of leading words on which both lists agree. */
    public static int commonPrefixLength(List<String> a, List<String> b) {
        int n = Math.min(a.size(), b.size());
        int i = 0;
        while (i < n && Words.same(a.get(i), b.get(i))) {
            i++;
        }
        return i;
    }

    /**
     * Position-based LocalAgreement-2.
     *
     * @param committedCount how many leading words are already committed
     * @return the words of {@code current} at positions {@code committedCount ..} that {@code previous} agrees on;
     *         empty when the agreement does not reach past the committed words
     */
    public static List<String> commit(List<String> previous, List<String> current, int committedCount) {
        int agreed = commonPrefixLength(previous, current);
        if (agreed <= committedCount) {
            return List.of();
        }
        return List.copyOf(current.subList(committedCount, agreed));
    }

    /**
     * The part of {@code hypothesis} that comes after the already committed words. Whisper may re-spell or drop a
     * committed word in a later decode; committed words win, so this only finds where the new text continues:
     * <ol>
     *   <li>the hypothesis starts with the committed words: everything after them;</li>
     *   <li>else the last two (then the last one) committed words are searched as an anchor near the expected
     *       position: everything after the anchor;</li>
     *   <li>else positional: everything after the first {@code committed.size()} words.</li>
     * </ol>
     */
    public static List<String> remainderAfter(List<String> committed, List<String> hypothesis) {
        int c = committed.size();
        if (c == 0) {
            return List.copyOf(hypothesis);
        }
        if (commonPrefixLength(committed, hypothesis) == c) {
            return List.copyOf(hypothesis.subList(c, hypothesis.size()));
        }
        for (int anchorLength = Math.min(2, c); anchorLength >= 1; anchorLength--) {
            int end = findAnchorEnd(committed.subList(c - anchorLength, c), hypothesis, c - 1);
            if (end >= 0) {
                return List.copyOf(hypothesis.subList(end + 1, hypothesis.size()));
            }
        }
        return List.copyOf(hypothesis.subList(Math.min(c, hypothesis.size()), hypothesis.size()));
    }

    /** Index of the anchor's last word in the hypothesis closest to {@code expectedEnd}, or -1. */
    private static int findAnchorEnd(List<String> anchor, List<String> hypothesis, int expectedEnd) {
        int best = -1;
        int bestDistance = Integer.MAX_VALUE;
        for (int start = 0; start + anchor.size() <= hypothesis.size(); start++) {
            if (commonPrefixLength(anchor, hypothesis.subList(start, start + anchor.size())) == anchor.size()) {
                int end = start + anchor.size() - 1;
                int distance = Math.abs(end - expectedEnd);
                if (distance <= MAX_ANCHOR_DRIFT && distance < bestDistance) {
                    best = end;
                    bestDistance = distance;
                }
            }
        }
        return best;
    }
}
