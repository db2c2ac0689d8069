package dev.voiceconsole.cli;

import dev.voiceconsole.audio.InvalidAudioException;
import dev.voiceconsole.audio.Pcm16;
import dev.voiceconsole.audio.Resampler;
import dev.voiceconsole.audio.WavAudio;
import dev.voiceconsole.audio.WavReader;
import dev.voiceconsole.contract.SpokenLanguages;
import dev.voiceconsole.engine.WhisperEngineSettings;
import dev.voiceconsole.models.ModelCatalog;
import dev.voiceconsole.models.ModelDirectory;
import dev.voiceconsole.transcript.CueLayout;
import dev.voiceconsole.transcript.TranscriptFormat;
import java.io.IOException;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;

/** Checks and converts what the user hands the CLI, turning every problem into a one-line {@link UserInputException}. */
final class CliInputs {

    /** Audio as the worker accepts it: mono PCM16LE at 16 or 48 kHz. */
    @SuppressWarnings("ArrayRecordComponent") // a whole recording, streamed from this byte[]
    record StreamAudio(byte[] pcm16le, int sampleRateHz) {}

    private CliInputs() {}

    static WavAudio readWav(Path file) {
        try {
            return WavReader.read(file);
        } catch (NoSuchFileException e) {
            throw new UserInputException(file + ": no such file");
        } catch (InvalidAudioException e) {
            throw new UserInputException(e.getMessage(), e);
        } catch (IOException e) {
            throw new UserInputException("cannot read " + file + ": " + e.getMessage(), e);
        }
    }

    /**
     * The worker takes 16 and 48 kHz (what microphones deliver); any other file rate is resampled here, with the same
     * anti-aliasing resampler the worker uses.
     */
    static StreamAudio toWireAudio(WavAudio audio) {
        int rate = audio.sampleRate();
        float[] samples = audio.samples();
        if (rate != 16_000 && rate != 48_000) {
            samples = Resampler.convert(samples, rate, 16_000);
            rate = 16_000;
        }
        return new StreamAudio(Pcm16.fromFloat(samples), rate);
    }

    /** A --format value (txt, json, srt, vtt); an unknown one is the user's mistake, said as such. */
    static TranscriptFormat transcriptFormat(String name) {
        try {
            return TranscriptFormat.parse(name);
        } catch (IllegalArgumentException e) {
            throw new UserInputException(e.getMessage(), e);
        }
    }

    /** A --max-line-chars value; one out of range is the user's mistake, said with the range. */
    static CueLayout cueLayout(int maxLineChars) {
        try {
            return new CueLayout(maxLineChars);
        } catch (IllegalArgumentException e) {
            throw new UserInputException(
                    "--max-line-chars must be " + CueLayout.MIN_LINE_CHARS + ".." + CueLayout.MAX_LINE_CHARS + ", was "
                            + maxLineChars,
                    e);
        }
    }

    /**
     * The bearer token from {@code --token-file} when given, else from the environment; a file that is missing or
     * cannot be read is the user's mistake, said in one line.
     */
    static java.util.Optional<String> token(Path tokenFile) {
        try {
            return dev.voiceconsole.sidecar.SidecarToken.resolve(
                    tokenFile, System.getenv(dev.voiceconsole.sidecar.SidecarToken.ENV_VAR));
        } catch (NoSuchFileException e) {
            throw new UserInputException("--token-file " + tokenFile + ": no such file", e);
        } catch (IOException e) {
            throw new UserInputException("--token-file " + tokenFile + ": cannot be read (" + e.getMessage() + ")", e);
        }
    }

    /** A --tls-ca file, checked before any connection is made. */
    static java.util.Optional<Path> tlsCa(Path ca) {
        if (ca != null) {
            TlsFileCheck.requireCertificates("--tls-ca", ca);
        }
        return java.util.Optional.ofNullable(ca);
    }

    /**
     * The code of a --language value (a code, a region-qualified code or an English name), checked before anything
     * loads, so a typo costs no model load and gets a suggestion.
     */
    static String language(String typed) {
        return SpokenLanguages.codeFor(typed)
                .orElseThrow(() -> new UserInputException("--language " + typed
                        + ": not a language whisper knows; "
                        + SpokenLanguages.nearest(typed)
                                .map(code -> "did you mean " + SpokenLanguages.describe(code) + "?")
                                .orElse("give a code such as en or de, a name such as German, or auto")));
    }

    /** A path, or a bare name ("tiny.en") looked up in the user's model directory. */
    static Path requireModel(String model) {
        ModelDirectory models = ModelDirectory.forCurrentUser();
        return models.resolve(model).orElseThrow(() -> missingModel(model, models));
    }

    /** Says what to do next: the download command for a model the catalog has, the listing for anything else. */
    private static UserInputException missingModel(String model, ModelDirectory models) {
        return ModelCatalog.standard()
                .find(model)
                .map(known -> new UserInputException(model + " is not installed (" + models.path()
                        + "); get it with 'voice-console models download " + known.name() + "'"
                        + known.disk().map(size -> " (" + size + ")").orElse("")))
                .orElseGet(() -> new UserInputException(model + ": no such model file (nor a model of that name in "
                        + models.path() + "); 'voice-console models list' shows the models there are"));
    }

    static WhisperEngineSettings engine(Integer threads, boolean gpu) {
        return threads(threads).withUseGpu(gpu);
    }

    static WhisperEngineSettings threads(Integer threads) {
        WhisperEngineSettings defaults = WhisperEngineSettings.defaults();
        if (threads == null) {
            return defaults;
        }
        if (threads < 1 || threads > 64) {
            throw new UserInputException("--threads must be 1..64, was " + threads);
        }
        return defaults.withThreads(threads);
    }
}
