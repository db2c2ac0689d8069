package dev.voiceconsole.engine;

import dev.voiceconsole.audio.WavReader;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;

/**
 * The trained fixture model and its held-out test set (tools/fixture-model): sentences and voices that training
 * never heard, spoken here by espeak-ng exactly as the training tools speak them (trimmed to the speech, then 0.3 s
 * of silence before and 0.4 s after), so a test hears real words without Python.
 */
public final class HeldOutSpeech {
    public static final Path DIR = Path.of("src/test/fixtures/fixture-model");
    /** The trained model. */
    public static final Path MODEL = DIR.resolve("ggml-fixture.en.bin");
    /** An under-trained checkpoint (6 steps of a trial run of the same tools): its decoder runs on, ignoring the audio. */
    public static final Path EARLY_MODEL = DIR.resolve("ggml-fixture-early.en.bin");
    public static final double LEAD_S = 0.3;
    public static final double TAIL_S = 0.4;
    private static final float TRIM_THRESHOLD = 0.004f;
    private static final int TRIM_MARGIN = 80;

    /** One held-out sentence and the voice that speaks it. */
    public record Entry(String id, String accent, String variant, int speed, int pitch, String text) {
    }

    /** Synthesized speech: 16-kHz samples and where the speech is in them. */
    public record Utterance(Entry entry, float[] samples, double speechStartS, double speechEndS) {
    }

    private HeldOutSpeech() {
    }

    public static List<Entry> entries() throws IOException {
        List<String> lines = Files.readAllLines(DIR.resolve("heldout.tsv"), StandardCharsets.UTF_8);
        List<Entry> out = new ArrayList<>();
        for (String line : lines.subList(1, lines.size())) {
            String[] f = line.split("\t");
            out.add(new Entry(f[0], f[1], f[2], Integer.parseInt(f[3]), Integer.parseInt(f[4]), f[5]));
        }
        return out;
    }

    /** The PyTorch model's greedy transcript of each held-out sentence, by id (written by export.py). */
    public static Map<String, String> referenceTranscripts() throws IOException {
        List<String> lines = Files.readAllLines(DIR.resolve("reference-transcripts.tsv"), StandardCharsets.UTF_8);
        return lines.subList(1, lines.size()).stream().map(l -> l.split("\t", -1))
                .collect(Collectors.toMap(f -> f[0], f -> f.length > 1 ? f[1] : ""));
    }

    /** espeak-ng's speech of the entry, resampled to 16 kHz by the app's own WAV reader. */
    public static float[] speech(Entry e, Path workDir) throws IOException, InterruptedException {
        Path wav = Files.createTempFile(workDir, e.id(), ".wav");
        Process p = new ProcessBuilder("espeak-ng", "-v", e.accent() + "+" + e.variant(), "-s",
                String.valueOf(e.speed()), "-p", String.valueOf(e.pitch()), "-w", wav.toString(), e.text())
                .redirectErrorStream(true).start();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        if (!p.waitFor(30, TimeUnit.SECONDS) || p.exitValue() != 0) {
            throw new IOException("espeak-ng failed for " + e.id() + ": " + out);
        }
        float[] samples = WavReader.readAs16kMono(wav).samples();
        Files.delete(wav);
        return trim(samples);
    }

    /** The entry as the tests feed it: speech with {@value #LEAD_S} s before and {@value #TAIL_S} s after. */
    public static Utterance utterance(Entry e, Path workDir) throws IOException, InterruptedException {
        float[] speech = speech(e, workDir);
        int lead = (int) (LEAD_S * 16_000);
        float[] samples = new float[lead + speech.length + (int) (TAIL_S * 16_000)];
        System.arraycopy(speech, 0, samples, lead, speech.length);
        return new Utterance(e, samples, LEAD_S, LEAD_S + speech.length / 16_000.0);
    }

    static float[] trim(float[] x) {
        int first = 0;
        while (first < x.length && Math.abs(x[first]) <= TRIM_THRESHOLD) {
            first++;
        }
        int last = x.length - 1;
        while (last > first && Math.abs(x[last]) <= TRIM_THRESHOLD) {
            last--;
        }
        return Arrays.copyOfRange(x, Math.max(0, first - TRIM_MARGIN), Math.min(x.length, last + TRIM_MARGIN + 1));
    }

    /** Words for scoring: lower case, punctuation removed. */
    public static List<String> words(String text) {
        String cleaned = text.toLowerCase(Locale.ROOT).replaceAll("[^a-z0-9' ]", " ").strip();
        return cleaned.isEmpty() ? List.of() : List.of(cleaned.split("\\s+"));
    }

    /** Word-level edit distance between reference and hypothesis. */
    public static int wordErrors(List<String> ref, List<String> hyp) {
        int[] d = new int[hyp.size() + 1];
        for (int j = 0; j <= hyp.size(); j++) {
            d[j] = j;
        }
        for (int i = 1; i <= ref.size(); i++) {
            int prev = d[0];
            d[0] = i;
            for (int j = 1; j <= hyp.size(); j++) {
                int cur = Math.min(Math.min(d[j] + 1, d[j - 1] + 1), prev + (ref.get(i - 1).equals(hyp.get(j - 1)) ? 0 : 1));
                prev = d[j];
                d[j] = cur;
            }
        }
        return d[hyp.size()];
    }
}
