package io.narwhal.api.worker;

import io.narwhal.api.codec.ConnectionOptions;
import io.narwhal.api.codec.HttpCompliance;
import io.narwhal.api.codec.ProxyTrust;
import io.narwhal.api.codec.RequestLimits;
import java.time.Duration;

/**
 * The settings a worker type reads, named as Gunicorn's.
 *
 * @param threads threads per worker (thread-pool worker types)
 * @param workerConnections the most simultaneous connections per worker
 * @param keepAlive how long an idle keep-alive connection is kept open
 * @param timeout a worker silent for longer is killed and replaced by the master
 * @param limits request size limits
 * @param headerTimeout how long a client has to send a request head; zero for no deadline
 * @param compliance how strictly requests are held to the protocol's grammar ({@code http_compliance})
 * @param bodyMinRate the slowest a request body may arrive, bytes per second ({@code body_min_rate}); 0 for none
 * @param proxyTrust the proxies believed (forwarded_allow_ips, secure_scheme_headers, proxy_protocol,
 *     proxy_allow_ips), handed to the codec in its ConnectionOptions
 */
public record WorkerSettings(int threads, int workerConnections, Duration keepAlive, Duration timeout,
        RequestLimits limits, Duration headerTimeout, HttpCompliance compliance, int bodyMinRate,
        ProxyTrust proxyTrust) {

    /** Strict settings without a minimum body rate, believing no proxy. */
    public WorkerSettings(int threads, int workerConnections, Duration keepAlive, Duration timeout,
            RequestLimits limits, Duration headerTimeout) {
        this(threads, workerConnections, keepAlive, timeout, limits, headerTimeout, HttpCompliance.STRICT, 0,
                ProxyTrust.NONE);
    }

    /** Settings without a head deadline (as before there was one). */
    public WorkerSettings(int threads, int workerConnections, Duration keepAlive, Duration timeout,
            RequestLimits limits) {
        this(threads, workerConnections, keepAlive, timeout, limits, Duration.ZERO);
    }

    /**
     * The options a worker type opens its connections with: keep-alive ones wait {@code keepalive} for a next
     * request; without keep-alive every response closes.
     */
    public ConnectionOptions connectionOptions(boolean keepAliveConnections) {
        return new ConnectionOptions(keepAliveConnections, limits, headerTimeout, compliance, bodyMinRate, proxyTrust,
                keepAliveConnections ? keepAlive : Duration.ZERO);
    }
}
