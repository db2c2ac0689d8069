package dev.voiceconsole.engine;

import java.lang.management.ManagementFactory;
import java.util.Locale;
import java.util.OptionalLong;

/**
 * About how much memory whisper.cpp allocates to load a model of given hyper-parameters: the weight matrices at the
 * file's weight type plus one decoder state's key/value caches. whisper.cpp allocates by the hyper-parameters, not by
 * what the file holds, so a small file (a weightless model, or a corrupt header) can ask for hundreds of gigabytes;
 * the allocation then fails inside native code, or the machine starts swapping, instead of a clear refusal.
 */
public final class ModelMemory {

    private ModelMemory() {}

    /** Bytes for the weights and caches (compute buffers, a few tens of MB, are left out: this is a floor). */
    public static long estimateBytes(WhisperHparams h) {
        double weight = bytesPerWeight(h.fileType());
        double n = h.nAudioState();
        // Per encoder layer: attention q, k, v, out (4 n^2) and the 4n-wide MLP (8 n^2); per decoder layer the
        // same plus cross-attention (4 n^2). The token embedding is stored at the weight type too.
        double matrices = h.nAudioLayer() * 12 * n * n + h.nTextLayer() * 16 * n * n + (double) h.nVocab() * n;
        double convolutions = 3 * n * h.nMels() + 3 * n * n; // stored as f16 whatever the weight type
        double positions = 4 * n * ((double) h.nAudioCtx() + h.nTextCtx()); // f32
        // Self-attention cache over the text context and cross-attention cache over the audio context, f16 k and v.
        double caches = 2.0 * 2 * h.nTextLayer() * n * ((double) h.nTextCtx() + h.nAudioCtx());
        return (long) Math.min(Long.MAX_VALUE, matrices * weight + convolutions * 2 + positions + caches);
    }

    /** ggml file types as whisper.cpp maps them to a weight type; bytes per weight including block scales. */
    static double bytesPerWeight(int fileType) {
        return switch (fileType) {
            case 0 -> 4; // f32
            case 1 -> 2; // f16
            case 2 -> 18.0 / 32; // q4_0
            case 3 -> 20.0 / 32; // q4_1
            case 7 -> 34.0 / 32; // q8_0
            case 8 -> 22.0 / 32; // q5_0
            case 9 -> 24.0 / 32; // q5_1
            case 10 -> 84.0 / 256; // q2_k
            case 11 -> 110.0 / 256; // q3_k
            case 12 -> 144.0 / 256; // q4_k
            case 13 -> 176.0 / 256; // q5_k
            case 14 -> 210.0 / 256; // q6_k
            default -> 4; // ModelValidator refuses the others; the largest is the safe guess
        };
    }

    /** Physical memory of this machine, when the JVM can tell. */
    public static OptionalLong machineBytes() {
        if (ManagementFactory.getOperatingSystemMXBean() instanceof com.sun.management.OperatingSystemMXBean os) {
            long total = os.getTotalMemorySize();
            return total > 0 ? OptionalLong.of(total) : OptionalLong.empty();
        }
        return OptionalLong.empty();
    }

    /**
     * Refuses a model whose {@link #estimateBytes estimated} memory exceeds the machine's, before whisper.cpp tries.
     *
     * @throws InvalidModelException when the model needs more memory than the machine has
     */
    public static void requireFits(java.nio.file.Path model, WhisperHparams h, long machineBytes)
            throws InvalidModelException {
        long needed = estimateBytes(h);
        if (needed > machineBytes) {
            throw new InvalidModelException(String.format(
                    Locale.ROOT,
                    "%s needs about %s of memory to load (its hyper-parameters: %d audio and %d text layers of width"
                            + " %d), more than this machine's %s (%s)",
                    model.getFileName(),
                    human(needed),
                    h.nAudioLayer(),
                    h.nTextLayer(),
                    h.nAudioState(),
                    human(machineBytes),
                    model));
        }
    }

    static String human(long bytes) {
        double gb = bytes / 1e9;
        return gb >= 10 ? String.format(Locale.ROOT, "%.0f GB", gb) : String.format(Locale.ROOT, "%.1f GB", gb);
    }
}
