package dev.voiceconsole.ui.latency;

/**
 * One measured latency.
 *
 * @param atS     seconds since the recorder started (client clock), the chart's x axis
 * @param valueMs the latency in milliseconds
 */
public record LatencySample(LatencyMetric metric, double atS, double valueMs) {}
