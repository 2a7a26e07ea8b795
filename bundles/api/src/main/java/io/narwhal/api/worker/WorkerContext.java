package io.narwhal.api.worker;

import io.narwhal.api.app.HttpApp;
import io.narwhal.api.codec.HttpCodec;
import java.nio.channels.ServerSocketChannel;
import org.osgi.annotation.versioning.ProviderType;

/** What a worker type is given to serve with. */
@ProviderType
public interface WorkerContext {
    /**
     * The listening socket every worker of the pool shares. It is in non-blocking mode in every process
     * (the mode lives on the shared socket): accept from a Selector, and expect accept() to return null
     * when another worker took the connection first.
     */
    ServerSocketChannel listener();

    HttpCodec codec();

    /** Where requests go: the router over the deployed apps. */
    HttpApp handler();

    WorkerSettings settings();

    /** False once the worker was asked to stop: stop accepting, finish what is in flight, return. */
    boolean running();

    /** Runs the action (at most once) when a stop is requested; a worker type wakes its selector with it. */
    void onStop(Runnable action);

    /**
     * The worker type accepts no more (it has stopped and taken what was queued, see {@link WorkerType#serve}): the
     * worker closes its handle on the shared listener. Once every worker has, the kernel refuses new connections at
     * once, which a client or load balancer can retry safely, instead of queuing them for nobody and resetting
     * them, request sent, when the last worker exits. Callable once, from any thread.
     */
    void acceptingDone();

    /** Tells the master this worker is alive and not stuck; call at least every {@code timeout / 2}. */
    void notifyAlive();

    /** Counts one served request (for the master's statistics and max_requests). */
    void requestServed();

    /** {@link #handler()}, counting each request it serves with {@link #requestServed()}. */
    default HttpApp countingHandler() {
        HttpApp handler = handler();
        return (request, response) -> {
            try {
                handler.handle(request, response);
            } finally {
                requestServed();
            }
        };
    }

    /**
     * Changes each time an app revision is retired (updated away or removed). A worker type whose request
     * threads outlive a request replaces them, between requests, when it changes: a ThreadLocal an app left on
     * one would otherwise keep the retired revision's classes alive.
     */
    long appGeneration();
}
