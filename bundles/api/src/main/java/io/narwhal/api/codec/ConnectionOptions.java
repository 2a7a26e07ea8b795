package io.narwhal.api.codec;

/**
 * How a connection behaves.
 *
 * @param keepAlive whether a connection may carry more than one request; when false every response says
 *     {@code Connection: close} (the sync worker's choice)
 * @param limits the request size limits
 */
public record ConnectionOptions(boolean keepAlive, RequestLimits limits) {
    public ConnectionOptions {
        if (limits == null) {
            throw new IllegalArgumentException("limits");
        }
    }
}
