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
 */
public record ConnectionOptions(boolean keepAlive, RequestLimits limits, Duration headerTimeout) {
    public ConnectionOptions {
        if (limits == null) {
            throw new IllegalArgumentException("limits");
        }
        if (headerTimeout == null || headerTimeout.isNegative()) {
            throw new IllegalArgumentException("headerTimeout");
        }
    }

    /** Options without a head deadline (as before there was one). */
    public ConnectionOptions(boolean keepAlive, RequestLimits limits) {
        this(keepAlive, limits, Duration.ZERO);
    }
}
