package io.narwhal.api.server;

/** What a metric's samples mean, as Prometheus and OpenMetrics type them. */
public enum MetricType {
    /** Only grows (from the master's start): a rate is taken of it. */
    COUNTER,
    /** A value now: up or down. */
    GAUGE,
    /** Observations counted into buckets of upper bounds ({@code le}), with their sum and count. */
    HISTOGRAM
}
