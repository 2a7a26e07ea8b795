package io.narwhal.api.app;

import java.time.Duration;
import org.osgi.annotation.versioning.ProviderType;

/**
 * New requests for a bundle's apps wait while this is open (each up to the router's deploy hold timeout, then
 * 503 with Retry-After); requests already running carry on. Closing it lets the waiting requests through to
 * whatever is mounted then: the new revision after an update, nothing (404) after an uninstall.
 */
@ProviderType
public interface AppHold extends AutoCloseable {
    /**
     * Waits until none of the bundle's requests is running, so its revision can be replaced without pulling
     * a class loader from under one.
     *
     * @return false when some were still running at the timeout
     */
    boolean awaitIdle(Duration timeout) throws InterruptedException;

    /** How many requests are running in the bundle's apps now. */
    int inFlight();

    /** Releases the waiting requests. Closing twice does nothing more. */
    @Override
    void close();
}
