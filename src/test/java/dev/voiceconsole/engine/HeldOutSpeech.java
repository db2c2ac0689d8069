package dev.voiceconsole.engine;

import dev.voiceconsole.bench.HeldOutSentence;
import dev.voiceconsole.bench.HeldOutSet;
import dev.voiceconsole.bench.SpokenSentences;
import dev.voiceconsole.bench.SpokenUtterance;
import dev.voiceconsole.bench.WordAlignment;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

/**
 * The trained fixture model and its held-out test set (tools/fixture-model): sentences and voices that training
 * never heard. The speech itself comes from {@link SpokenSentences}, the one implementation {@code bench --held-out}
 * uses too (espeak-ng as the training tools run it, trimmed to the speech, padded as {@link SpokenUtterance}).
 */
public final class HeldOutSpeech {
    public static final Path DIR = Path.of("src/test/fixtures/fixture-model");
    /** The held-out list. */
    public static final Path LIST = DIR.resolve("heldout.tsv");
    /** The trained model. */
    public static final Path MODEL = DIR.resolve("ggml-fixture.en.bin");
    /** An under-trained checkpoint (6 steps of a trial run of the same tools): its decoder runs on, ignoring the audio. */
    public static final Path EARLY_MODEL = DIR.resolve("ggml-fixture-early.en.bin");

    private HeldOutSpeech() {}

    public static List<HeldOutSentence> entries() throws IOException {
        return HeldOutSet.read(LIST).sentences();
    }

    /** The PyTorch model's greedy transcript of each held-out sentence, by id (written by export.py). */
    public static Map<String, String> referenceTranscripts() throws IOException {
        List<String> lines = Files.readAllLines(DIR.resolve("reference-transcripts.tsv"), StandardCharsets.UTF_8);
        return lines.subList(1, lines.size()).stream()
                .map(l -> l.split("\t", -1))
                .collect(Collectors.toMap(f -> f[0], f -> f.length > 1 ? f[1] : ""));
    }

    /** espeak-ng's speech of the entry, resampled to 16 kHz by the app's own WAV reader, trimmed to the speech. */
    public static float[] speech(HeldOutSentence e, Path workDir) throws IOException, InterruptedException {
        return new SpokenSentences(workDir).speech(e);
    }

    /** The entry as the tests feed it: speech with 0.3 s before and 0.4 s after. */
    public static SpokenUtterance utterance(HeldOutSentence e, Path workDir) throws IOException, InterruptedException {
        return new SpokenSentences(workDir).utterance(e);
    }

    /** Words for scoring: lower case, punctuation removed. */
    public static List<String> words(String text) {
        return WordAlignment.words(text);
    }

    /** Word-level edit distance between reference and hypothesis. */
    public static int wordErrors(List<String> ref, List<String> hyp) {
        return WordAlignment.errors(ref, hyp);
    }
}
