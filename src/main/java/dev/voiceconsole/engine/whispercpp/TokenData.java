package dev.voiceconsole.engine.whispercpp;

import com.sun.jna.Structure;

/** {@code whisper_token_data} of whisper.cpp 1.7.1, returned by value from {@code whisper_full_get_token_data}. */
@Structure.FieldOrder({"id", "tid", "p", "plog", "pt", "ptsum", "t0", "t1", "t_dtw", "vlen"})
public final class TokenData extends Structure implements Structure.ByValue {
    /** Token id. */
    public int id;
    /** The most probable timestamp token at this position. */
    public int tid;
    /** Probability of the token. */
    public float p;
    /** Its log probability. */
    public float plog;
    /** Probability of {@link #tid}. */
    public float pt;
    /** Sum of the probabilities of all timestamp tokens here. */
    public float ptsum;
    /** Start, in centiseconds, when token timestamps were computed; -1 otherwise. */
    public long t0;
    /** End, in centiseconds, when token timestamps were computed; -1 otherwise. */
    public long t1;
    /** Where DTW aligned the token, in centiseconds, when DTW timestamps were on; -1 otherwise. */
    public long t_dtw;
    /** Voice length of the token, whisper.cpp's estimate. */
    public float vlen;
}
