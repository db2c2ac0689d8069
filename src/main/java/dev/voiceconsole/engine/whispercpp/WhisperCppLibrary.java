package dev.voiceconsole.engine.whispercpp;

import com.sun.jna.Callback;
import com.sun.jna.Library;
import com.sun.jna.Pointer;

/**
 * The part of whisper.cpp 1.7.1's C API ({@code include/whisper.h}) this project calls, bound with JNA. Contexts and
 * states are raw pointers owned by {@code engine.WhisperEngine}: each one created here is freed there exactly once.
 * Names follow the C functions so that the header is the documentation.
 */
@SuppressWarnings({"MethodName", "ParameterName"})
public interface WhisperCppLibrary extends Library {

    /** {@code ggml_log_callback}: whisper.cpp's log lines, one call per line or fragment. */
    interface LogCallback extends Callback {
        void invoke(int level, String text, Pointer userData);
    }

    Pointer whisper_context_default_params_by_ref();

    void whisper_free_context_params(Pointer params);

    Pointer whisper_full_default_params_by_ref(int strategy);

    void whisper_free_params(Pointer params);

    Pointer whisper_init_from_file_with_params_no_state(String pathModel, ContextParams params);

    Pointer whisper_init_state(Pointer ctx);

    void whisper_free_state(Pointer state);

    void whisper_free(Pointer ctx);

    int whisper_is_multilingual(Pointer ctx);

    int whisper_full_with_state(Pointer ctx, Pointer state, FullParams params, float[] samples, int nSamples);

    int whisper_full_n_segments_from_state(Pointer state);

    long whisper_full_get_segment_t0_from_state(Pointer state, int segment);

    long whisper_full_get_segment_t1_from_state(Pointer state, int segment);

    /** Raw bytes, not a String: a token can end inside a multi-byte UTF-8 character. */
    Pointer whisper_full_get_segment_text_from_state(Pointer state, int segment);

    int whisper_full_n_tokens_from_state(Pointer state, int segment);

    TokenData whisper_full_get_token_data_from_state(Pointer state, int segment, int token);

    /** Raw bytes, not a String: a token can end inside a multi-byte UTF-8 character. */
    Pointer whisper_full_get_token_text_from_state(Pointer ctx, Pointer state, int segment, int token);

    int whisper_token_eot(Pointer ctx);

    int whisper_token_sot(Pointer ctx);

    int whisper_token_nosp(Pointer ctx);

    int whisper_token_translate(Pointer ctx);

    int whisper_n_vocab(Pointer ctx);

    /**
     * Runs the decoder over {@code tokens} against the encoder output the state holds from its last encode; the
     * logits of the last token are then at the start of {@link #whisper_get_logits_from_state}.
     */
    int whisper_decode_with_state(Pointer ctx, Pointer state, int[] tokens, int nTokens, int nPast, int nThreads);

    /** {@code float *}: n_vocab logits per decoded token of the last {@link #whisper_decode_with_state}. */
    Pointer whisper_get_logits_from_state(Pointer state);

    /** The language whisper_full transcribed as (detected when the params asked for "auto"). */
    int whisper_full_lang_id_from_state(Pointer state);

    int whisper_lang_max_id();

    String whisper_lang_str(int id);

    int whisper_token_lang(Pointer ctx, int langId);

    String whisper_print_system_info();

    void whisper_log_set(LogCallback callback, Pointer userData);
}
