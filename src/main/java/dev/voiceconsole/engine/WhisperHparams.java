package dev.voiceconsole.engine;

/**
 * The eleven int32 hyper-parameters at the start of a whisper.cpp ggml model, in file order.
 *
 * @param ftype weight type; whisper.cpp stores the quantization version as {@code ftype / 1000} and the ggml file type
 *              as {@code ftype % 1000}
 */
public record WhisperHparams(
        int nVocab,
        int nAudioCtx,
        int nAudioState,
        int nAudioHead,
        int nAudioLayer,
        int nTextCtx,
        int nTextState,
        int nTextHead,
        int nTextLayer,
        int nMels,
        int ftype) {

    /** whisper.cpp's GGML_QNT_VERSION_FACTOR. */
    public static final int QUANTIZATION_VERSION_FACTOR = 1000;

    /** The architecture of whisper tiny.en (f16 weights). */
    public static WhisperHparams tinyEn() {
        return new WhisperHparams(51864, 1500, 384, 6, 4, 448, 384, 6, 4, 80, 1);
    }

    /** The architecture of whisper base.en (f16 weights). */
    public static WhisperHparams baseEn() {
        return new WhisperHparams(51864, 1500, 512, 8, 6, 448, 512, 8, 6, 80, 1);
    }

    /** The ggml file type without the quantization version. */
    public int fileType() {
        return ftype % QUANTIZATION_VERSION_FACTOR;
    }

    public int quantizationVersion() {
        return ftype / QUANTIZATION_VERSION_FACTOR;
    }

    /** whisper.cpp treats every vocabulary larger than the English-only one (51864) as multilingual. */
    public boolean multilingual() {
        return nVocab >= 51865;
    }

    public WhisperHparams withFtype(int value) {
        return new WhisperHparams(
                nVocab,
                nAudioCtx,
                nAudioState,
                nAudioHead,
                nAudioLayer,
                nTextCtx,
                nTextState,
                nTextHead,
                nTextLayer,
                nMels,
                value);
    }

    /** Values in file order, for writers and for naming a bad one. */
    int[] inFileOrder() {
        return new int[] {
            nVocab,
            nAudioCtx,
            nAudioState,
            nAudioHead,
            nAudioLayer,
            nTextCtx,
            nTextState,
            nTextHead,
            nTextLayer,
            nMels,
            ftype
        };
    }

    static WhisperHparams fromFileOrder(int[] v) {
        return new WhisperHparams(v[0], v[1], v[2], v[3], v[4], v[5], v[6], v[7], v[8], v[9], v[10]);
    }

    static final String[] FILE_ORDER_NAMES = {
        "n_vocab",
        "n_audio_ctx",
        "n_audio_state",
        "n_audio_head",
        "n_audio_layer",
        "n_text_ctx",
        "n_text_state",
        "n_text_head",
        "n_text_layer",
        "n_mels",
        "ftype"
    };
}
