package dev.voiceconsole.worker.policy;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.stream.Collectors;

/** Feeds a policy the way a session does and keeps every event. */
final class PolicyDriver {

    final TranscriptionPolicy policy;
    final List<PolicyEvent> events = new ArrayList<>();

    PolicyDriver(TranscriptionPolicy policy) {
        this.policy = policy;
    }

    /** Feeds {@code chunkMs} chunks, calling decodeIfDue after every {@code chunksPerDecode} chunks, then flushes. */
    PolicyDriver run(float[] audio, int chunkMs, int chunksPerDecode) {
        int chunk = chunkMs * 16;
        int fedChunks = 0;
        for (int off = 0; off < audio.length; off += chunk) {
            events.addAll(policy.feed(Arrays.copyOfRange(audio, off, Math.min(audio.length, off + chunk))));
            if (++fedChunks % chunksPerDecode == 0) {
                events.addAll(policy.decodeIfDue());
            }
        }
        events.addAll(policy.flush());
        return this;
    }

    <T extends PolicyEvent> List<T> of(Class<T> type) {
        return events.stream().filter(type::isInstance).map(type::cast).collect(Collectors.toList());
    }

    List<List<String>> finalWords() {
        return of(PolicyEvent.Final.class).stream()
                .map(f -> normalized(f.text()))
                .toList();
    }

    static List<String> normalized(String text) {
        return Words.split(text).stream().map(Words::normalize).toList();
    }
}
