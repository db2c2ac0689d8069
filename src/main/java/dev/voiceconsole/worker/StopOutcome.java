package dev.voiceconsole.worker;

import dev.voiceconsole.proto.v1.FinalSegment;
import java.util.List;

/**
 * What stopping a session produced: the finals its last flush delivered and how much audio it had taken.
 *
 * @param alreadyStopped the session had been stopped (or released) before; nothing was flushed
 * @param flushedSegments finals produced by the flush itself
 * @param audioSeconds total audio the session accepted
 */
public record StopOutcome(boolean alreadyStopped, List<FinalSegment> flushedSegments, double audioSeconds) {
    public StopOutcome {
        flushedSegments = List.copyOf(flushedSegments);
    }
}
