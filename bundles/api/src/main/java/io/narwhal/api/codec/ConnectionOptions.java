package io.narwhal.api.codec;

import java.time.Duration;

/**
 * How a connection behaves.
 *
 * @param keepAlive whether a connection may carry more than one request; when false every response says
 *     {@code Connection: close} (the sync worker's choice)
 * @param limits the request size limits
 * @param headerTimeout how long a request head may take to arrive: from the connection's start for its first
 *     request, from the first byte for a later one; past it the codec answers 408 and closes. Zero: no deadline
 * @param compliance how strictly requests are held to the protocol's grammar
 * @param bodyMinRate the slowest a request body may arrive, in bytes per second of waiting for it, once
 *     headerTimeout of waiting has passed (each byte received earns 1/bodyMinRate s more); slower is a 408.
 *     Zero: no minimum
 */
public record ConnectionOptions(boolean keepAlive, RequestLimits limits, Duration headerTimeout,
        HttpCompliance compliance, int bodyMinRate) {
    public ConnectionOptions {
        if (limits == null) {
            throw new IllegalArgumentException("limits");
        }
        if (headerTimeout == null || headerTimeout.isNegative()) {
            throw new IllegalArgumentException("headerTimeout");
        }
        if (compliance == null) {
            throw new IllegalArgumentException("compliance");
        }
        if (bodyMinRate < 0) {
            throw new IllegalArgumentException("bodyMinRate");
        }
    }

    /** Options without a minimum body rate (as before there was one). */
    public ConnectionOptions(boolean keepAlive, RequestLimits limits, Duration headerTimeout,
            HttpCompliance compliance) {
        this(keepAlive, limits, headerTimeout, compliance, 0);
    }

    /** Strict options (as before compliance was a choice). */
    public ConnectionOptions(boolean keepAlive, RequestLimits limits, Duration headerTimeout) {
        this(keepAlive, limits, headerTimeout, HttpCompliance.STRICT);
    }

    /** Options without a head deadline (as before there was one). */
    public ConnectionOptions(boolean keepAlive, RequestLimits limits) {
        this(keepAlive, limits, Duration.ZERO, HttpCompliance.STRICT);
    }
}
