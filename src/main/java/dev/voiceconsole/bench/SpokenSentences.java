package dev.voiceconsole.bench;

import dev.voiceconsole.audio.WavReader;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.concurrent.TimeUnit;

/**
 * Speaks held-out sentences with espeak-ng exactly as the fixture model's training tools do (tools/fixture-model):
 * the sentence's voice, speed and pitch, read by the app's own WAV reader at 16 kHz, trimmed to the speech. The one
 * implementation the tests and {@code bench --held-out} share, so both hear the same audio.
 */
public final class SpokenSentences {

    public static final String ESPEAK = "espeak-ng";
    /** Below this a sample counts as espeak-ng's leading or trailing silence. */
    private static final float TRIM_THRESHOLD = 0.004f;
    /** Samples kept either side of the speech (5 ms), so a soft onset is not cut. */
    private static final int TRIM_MARGIN = 80;

    private final String executable;
    private final Path workDir;

    /** espeak-ng from the PATH; its WAV files are written to (and removed from) {@code workDir}. */
    public SpokenSentences(Path workDir) {
        this(ESPEAK, workDir);
    }

    public SpokenSentences(String executable, Path workDir) {
        this.executable = executable;
        this.workDir = workDir;
    }

    /**
     * Checks that the synthesizer starts at all, so a missing one is one clear message before any model is loaded.
     *
     * @throws SynthesizerMissingException when it cannot be started
     */
    public void requireSynthesizer() throws IOException, InterruptedException {
        run(new ProcessBuilder(executable, "--version"), "--version");
    }

    /** The sentence's speech, 16 kHz mono, trimmed to the speech. */
    public float[] speech(HeldOutSentence s) throws IOException, InterruptedException {
        Path wav = Files.createTempFile(workDir, s.id(), ".wav");
        try {
            run(
                    new ProcessBuilder(
                            executable,
                            "-v",
                            s.voice(),
                            "-s",
                            String.valueOf(s.speed()),
                            "-p",
                            String.valueOf(s.pitch()),
                            "-w",
                            wav.toString(),
                            s.text()),
                    s.id());
            return trim(WavReader.readAs16kMono(wav).samples());
        } finally {
            Files.deleteIfExists(wav);
        }
    }

    /** The sentence alone, padded as the tests feed it ({@link SpokenUtterance}). */
    public SpokenUtterance utterance(HeldOutSentence s) throws IOException, InterruptedException {
        return SpokenUtterance.of(s, speech(s));
    }

    private void run(ProcessBuilder command, String what) throws IOException, InterruptedException {
        Process p;
        try {
            p = command.redirectErrorStream(true).start();
        } catch (IOException e) {
            throw new SynthesizerMissingException(executable, e);
        }
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        if (!p.waitFor(30, TimeUnit.SECONDS) || p.exitValue() != 0) {
            p.destroyForcibly();
            throw new IOException(executable + " failed for " + what + ": " + out.strip());
        }
    }

    /** Cuts leading and trailing silence, keeping {@link #TRIM_MARGIN} samples either side. */
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
}
