package dev.voiceconsole.engine.whispercpp;

import com.sun.jna.Pointer;
import com.sun.jna.Structure;

/**
 * {@code struct whisper_full_params} of whisper.cpp 1.7.1 ({@code include/whisper.h}), field for field, in order.
 * C's {@code bool} is a Java {@code byte} (JNA would make a {@code boolean} four bytes); the two nested structs
 * {@code greedy} and {@code beam_search} are flattened, which keeps their offsets since their members are all 4-byte
 * aligned like the fields around them. Passed by value to {@code whisper_full_with_state}; read from the memory
 * {@code whisper_full_default_params_by_ref} returns, so fields not set here keep whisper.cpp's defaults.
 */
@Structure.FieldOrder({
    "strategy",
    "n_threads",
    "n_max_text_ctx",
    "offset_ms",
    "duration_ms",
    "translate",
    "no_context",
    "no_timestamps",
    "single_segment",
    "print_special",
    "print_progress",
    "print_realtime",
    "print_timestamps",
    "token_timestamps",
    "thold_pt",
    "thold_ptsum",
    "max_len",
    "split_on_word",
    "max_tokens",
    "debug_mode",
    "audio_ctx",
    "tdrz_enable",
    "suppress_regex",
    "initial_prompt",
    "prompt_tokens",
    "prompt_n_tokens",
    "language",
    "detect_language",
    "suppress_blank",
    "suppress_non_speech_tokens",
    "temperature",
    "max_initial_ts",
    "length_penalty",
    "temperature_inc",
    "entropy_thold",
    "logprob_thold",
    "no_speech_thold",
    "greedy_best_of",
    "beam_search_beam_size",
    "beam_search_patience",
    "new_segment_callback",
    "new_segment_callback_user_data",
    "progress_callback",
    "progress_callback_user_data",
    "encoder_begin_callback",
    "encoder_begin_callback_user_data",
    "abort_callback",
    "abort_callback_user_data",
    "logits_filter_callback",
    "logits_filter_callback_user_data",
    "grammar_rules",
    "n_grammar_rules",
    "i_start_rule",
    "grammar_penalty"
})
public final class FullParams extends Structure implements Structure.ByValue {
    /** {@code WHISPER_SAMPLING_GREEDY}. */
    public static final int SAMPLING_GREEDY = 0;

    public int strategy;
    public int n_threads;
    public int n_max_text_ctx;
    public int offset_ms;
    public int duration_ms;
    public byte translate;
    public byte no_context;
    public byte no_timestamps;
    public byte single_segment;
    public byte print_special;
    public byte print_progress;
    public byte print_realtime;
    public byte print_timestamps;
    public byte token_timestamps;
    public float thold_pt;
    public float thold_ptsum;
    public int max_len;
    public byte split_on_word;
    public int max_tokens;
    public byte debug_mode;
    public int audio_ctx;
    public byte tdrz_enable;
    public String suppress_regex;
    public String initial_prompt;
    public Pointer prompt_tokens;
    public int prompt_n_tokens;
    public String language;
    public byte detect_language;
    public byte suppress_blank;
    public byte suppress_non_speech_tokens;
    public float temperature;
    public float max_initial_ts;
    public float length_penalty;
    public float temperature_inc;
    public float entropy_thold;
    public float logprob_thold;
    public float no_speech_thold;
    public int greedy_best_of;
    public int beam_search_beam_size;
    public float beam_search_patience;
    public Pointer new_segment_callback;
    public Pointer new_segment_callback_user_data;
    public Pointer progress_callback;
    public Pointer progress_callback_user_data;
    public Pointer encoder_begin_callback;
    public Pointer encoder_begin_callback_user_data;
    public Pointer abort_callback;
    public Pointer abort_callback_user_data;
    public Pointer logits_filter_callback;
    public Pointer logits_filter_callback_user_data;
    public Pointer grammar_rules;
    public SizeT n_grammar_rules = new SizeT();
    public SizeT i_start_rule = new SizeT();
    public float grammar_penalty;

    public FullParams() {}

    /** The structure at {@code p}, read. */
    public FullParams(Pointer p) {
        super(p);
        read();
    }

    /** C's {@code bool} from a Java one. */
    public static byte flag(boolean value) {
        return (byte) (value ? 1 : 0);
    }
}
