package dev.voiceconsole.client;

/** Chunk send → ack arrival times of one stream, in milliseconds (over the most recent chunks for percentiles). */
public record RoundTripStats(
        long count, double lastMs, double meanMs, double p50Ms, double p95Ms, double p99Ms, double maxMs) {}
