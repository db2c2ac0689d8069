package dev.voiceconsole.engine.whispercpp;

import com.sun.jna.Pointer;
import com.sun.jna.Structure;

/**
 * {@code struct whisper_context_params} of whisper.cpp 1.7.1 ({@code include/whisper.h}), field for field. C's
 * {@code bool} is one byte, so it is a Java {@code byte} here: JNA would make a {@code boolean} field four. Passed by
 * value, as {@code whisper_init_from_file_with_params_no_state} takes it; read from the memory that
 * {@code whisper_context_default_params_by_ref} returns, so every field starts at whisper.cpp's own default.
 */
@Structure.FieldOrder({
    "use_gpu",
    "flash_attn",
    "gpu_device",
    "dtw_token_timestamps",
    "dtw_aheads_preset",
    "dtw_n_top",
    "dtw_aheads_n_heads",
    "dtw_aheads_heads",
    "dtw_mem_size"
})
public final class ContextParams extends Structure implements Structure.ByValue {
    public byte use_gpu;
    public byte flash_attn;
    public int gpu_device;
    public byte dtw_token_timestamps;
    public int dtw_aheads_preset;
    public int dtw_n_top;
    /** {@code struct whisper_aheads dtw_aheads}, flattened: its fields have the alignment the struct would. */
    public SizeT dtw_aheads_n_heads = new SizeT();

    public Pointer dtw_aheads_heads;
    public SizeT dtw_mem_size = new SizeT();

    public ContextParams() {}

    /** The structure at {@code p}, read. */
    public ContextParams(Pointer p) {
        super(p);
        read();
    }
}
