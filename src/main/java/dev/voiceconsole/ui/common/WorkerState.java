package dev.voiceconsole.ui.common;

/** Where the console's voice worker is in its life. */
public enum WorkerState {
    /** First run: no model file chosen yet, so there is nothing to start. */
    NO_MODEL,
    STARTING,
    READY,
    /** Start failed or the worker became unreachable; the error message says why. */
    FAILED
}
