package io.narwhal.api.app;

/**
 * Speaks the protocol an HTTP/1.1 connection was switched to (WebSocket, h2c, ...), given by an app to
 * {@link HttpResponse#upgrade}. It runs on the thread that served the request once the 101 has gone out, and the
 * connection closes when it returns (or throws).
 */
@FunctionalInterface
public interface UpgradeHandler {
    void upgraded(UpgradedConnection connection) throws Exception;
}
