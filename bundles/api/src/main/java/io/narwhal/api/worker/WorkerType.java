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
     * Serves until {@link WorkerContext#running()} turns false, then stops accepting and returns once the
     * requests in flight have finished. Runs on a thread the caller owns; must not close the listener.
     */
    void serve(WorkerContext context) throws IOException;
}
