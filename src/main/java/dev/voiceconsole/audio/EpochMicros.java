package dev.voiceconsole.audio;

import java.time.Instant;

/**
 * Wall-clock time in microseconds since the epoch: the unit of every capture and emit time on the wire, so a
 * client's capture time and a worker's emit time can be subtracted (on one machine, or on clocks kept in sync).
 */
public final class EpochMicros {

    private EpochMicros() {}

    public static long now() {
        return of(Instant.now());
    }

    public static long of(Instant instant) {
        return instant.getEpochSecond() * 1_000_000L + instant.getNano() / 1_000;
    }
}
