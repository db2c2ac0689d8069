package dev.voiceconsole.engine;

/**
 * What {@link ModelValidator} learned about a whisper.cpp ggml model file.
 *
 * @param hparams the model's hyper-parameters
 * @param filterMels n_mel of the stored mel filter bank
 * @param filterFftBins n_fft of the stored mel filter bank (201 for whisper)
 * @param vocabSize tokens stored in the file; whisper.cpp synthesizes the special tokens up to n_vocab
 * @param tensorCount weight tensors stored; 0 for a weightless test model
 * @param fileSize bytes
 */
public record GgmlModelInfo(
        WhisperHparams hparams, int filterMels, int filterFftBins, int vocabSize, int tensorCount, long fileSize) {

    public boolean hasTensors() {
        return tensorCount > 0;
    }

    public boolean multilingual() {
        return hparams.multilingual();
    }

    /**
     * The whisper size name ("tiny", "base", "small", "medium", "large") from the encoder depth, with ".en" for the
     * English-only vocabulary; "unknown" for a depth whisper.cpp does not name either.
     */
    public String modelType() {
        String size = switch (hparams.nAudioLayer()) {
            case 4 -> "tiny";
            case 6 -> "base";
            case 12 -> "small";
            case 24 -> "medium";
            case 32 -> "large";
            default -> "unknown";
        };
        return hparams.nVocab() == 51864 ? size + ".en" : size;
    }
}
