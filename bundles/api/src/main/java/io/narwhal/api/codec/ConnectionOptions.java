package io.narwhal.api.codec;

import java.time.Duration;

/**
 * How a connection behaves. Components are added at the end; callers build options from a short constructor and
 * the {@code with...} methods, so a new component breaks none of them.
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
 * @param proxyTrust which PROXY header is read and whose forwarding headers are believed; a PROXY header is
 *     read within the first request's head deadline
 * @param idleTimeout how long a keep-alive connection may wait for its next request's first byte
 *     ({@code keepalive}), enforced through the transport's {@link ReadTimeout}; past it the connection closes
 *     quietly. Zero: the transport's own read timeout
 */
public record ConnectionOptions(boolean keepAlive, RequestLimits limits, Duration headerTimeout,
        HttpCompliance compliance, int bodyMinRate, ProxyTrust proxyTrust, Duration idleTimeout) {
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
        if (proxyTrust == null) {
            throw new IllegalArgumentException("proxyTrust");
        }
        if (idleTimeout == null || idleTimeout.isNegative()) {
            throw new IllegalArgumentException("idleTimeout");
        }
    }

    /** Strict options without a minimum body rate, believing no proxy. */
    public ConnectionOptions(boolean keepAlive, RequestLimits limits, Duration headerTimeout) {
        this(keepAlive, limits, headerTimeout, HttpCompliance.STRICT, 0, ProxyTrust.NONE, Duration.ZERO);
    }

    /** Options without a head deadline (as before there was one). */
    public ConnectionOptions(boolean keepAlive, RequestLimits limits) {
        this(keepAlive, limits, Duration.ZERO);
    }

    public ConnectionOptions withCompliance(HttpCompliance newCompliance) {
        return new ConnectionOptions(keepAlive, limits, headerTimeout, newCompliance, bodyMinRate, proxyTrust, idleTimeout);
    }

    public ConnectionOptions withBodyMinRate(int newBodyMinRate) {
        return new ConnectionOptions(keepAlive, limits, headerTimeout, compliance, newBodyMinRate, proxyTrust, idleTimeout);
    }

    public ConnectionOptions withProxyTrust(ProxyTrust newProxyTrust) {
        return new ConnectionOptions(keepAlive, limits, headerTimeout, compliance, bodyMinRate, newProxyTrust, idleTimeout);
    }

    public ConnectionOptions withIdleTimeout(Duration newIdleTimeout) {
        return new ConnectionOptions(keepAlive, limits, headerTimeout, compliance, bodyMinRate, proxyTrust,
                newIdleTimeout);
    }
}
