package dev.voiceconsole.client;

/** What a {@link RecoveringSession} tells its owner about recovery; called on client threads, must not block. */
public interface RecoveryListener {

    /** The worker's stream broke; recovery is starting. */
    default void onWorkerLost(Throwable cause) {}

    /** A replacement worker has the session's uncommitted audio and takes live audio again. */
    default void onRecovered(RecoveryReport report) {}

    /** Uncommitted audio was dropped from the full replay buffer. */
    default void onReplayOverflow(ReplayOverflow overflow) {}

    static RecoveryListener none() {
        return new RecoveryListener() {};
    }
}
