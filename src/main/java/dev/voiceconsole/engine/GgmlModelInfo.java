package dev.voiceconsole.engine;

/**
 * What a whisper.cpp ggml model file declares, read without native code.
 *
 * @param ftype weight type with the quantization version removed (whisper.cpp stores version * 1000 + type)
 * @param tensorCount 0 for a weightless test model, which whisper.cpp loads as an empty model
 */
public record GgmlModelInfo(int nVocab, int nAudioCtx, int nAudioState, int nAudioHead, int nAudioLayer,
                            int nTextCtx, int nTextState, int nTextHead, int nTextLayer, int nMels, int ftype,
                            int quantizationVersion, int filterMels, int filterFft, int vocabTokens, int tensorCount,
                            long fileSize) {

    /** whisper.cpp's English-only models have exactly this vocabulary size; multilingual ones have more. */
    static final int ENGLISH_ONLY_VOCAB = 51864;

    public boolean multilingual() {
        return nVocab > ENGLISH_ONLY_VOCAB;
    }

    public boolean hasTensors() {
        return tensorCount > 0;
    }

    /** "tiny", "base.en", "large-v3"…, from the encoder depth as whisper.cpp names its models. */
    public String modelType() {
        String size = switch (nAudioLayer) {
            case 4 -> "tiny";
            case 6 -> "base";
            case 12 -> "small";
            case 24 -> "medium";
            case 32 -> nMels == 128 ? "large-v3" : "large";
            default -> "unknown(" + nAudioLayer + " layers)";
        };
        return multilingual() ? size : size + ".en";
    }
}
