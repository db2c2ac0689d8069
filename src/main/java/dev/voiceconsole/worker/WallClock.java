package dev.voiceconsole.worker;

import java.time.Instant;

/** Epoch microseconds, the unit every timestamp on the wire uses. */
final class WallClock {
    private WallClock() {
    }

    static long epochMicros() {
        Instant now = Instant.now();
        return now.getEpochSecond() * 1_000_000L + now.getNano() / 1_000;
    }
}
