package io.narwhal.api.worker;

import java.io.IOException;
import org.osgi.annotation.versioning.ConsumerType;

/**
 * A concurrency model: accepts connections from the shared listener and serves them through the codec.
 * Registered as a service with {@link #WORKER_CLASS}; the worker process runs the one its
 * {@code worker_class} setting names.
 */
@ConsumerType
public interface WorkerType {
    /** Service property: the name users pick it by, e.g. "sync". */
    String WORKER_CLASS = "narwhal.worker.class";

    /**
     * Serves until {@link WorkerContext#running()} turns false; then takes the connections still queued on the
     * listener (accepting until accept() returns null, as far as worker_connections allows: a stopping server
     * resets none it has queued), calls {@link WorkerContext#acceptingDone()}, and returns once those and the
     * requests in flight have finished. Runs on a thread the caller owns; must not close the listener itself.
     */
    void serve(WorkerContext context) throws IOException;
}
