package io.narwhal.worker.host;

import io.narwhal.api.app.HttpApp;
import io.narwhal.api.codec.HttpCodec;
import io.narwhal.api.worker.WorkerContext;
import io.narwhal.api.worker.WorkerSettings;
import java.io.Closeable;
import java.io.IOException;
import java.nio.channels.ServerSocketChannel;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Function;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** The worker context handed to the worker type; the host reads liveness and counts from it. */
final class ServingContext implements WorkerContext {
    private static final Logger LOG = LoggerFactory.getLogger(ServingContext.class);
    private final ServerSocketChannel listener;
    private final Closeable release;
    private final HttpCodec codec;
    private final HttpApp handler;
    private final HttpApp countingHandler;
    private final WorkerSettings settings;
    private final List<Runnable> stopActions = new CopyOnWriteArrayList<>();
    private final AtomicLong requests = new AtomicLong();
    private final AtomicLong appGeneration = new AtomicLong();
    private volatile boolean running = true;
    private volatile long lastAliveNanos = System.nanoTime();

    private final long maxRequests;
    private final Runnable wornOut;

    /**
     * @param release lets go of the listener once the worker type accepts no more
     * @param handlers the handler that runs what it is given after each request: {@link #handler()} with nothing,
     *     {@link #countingHandler()} with {@link #requestServed()}, built once each
     * @param maxRequests after this many requests (0: never) {@code wornOut} runs once, so the master hears of
     *     it at once rather than at the next heartbeat
     */
    ServingContext(ServerSocketChannel listener, Closeable release, HttpCodec codec,
            Function<Runnable, HttpApp> handlers, WorkerSettings settings, long maxRequests, Runnable wornOut) {
        this.release = release;
        this.maxRequests = maxRequests;
        this.wornOut = wornOut;
        this.listener = listener;
        this.codec = codec;
        this.handler = handlers.apply(() -> { });
        this.countingHandler = handlers.apply(this::requestServed);
        this.settings = settings;
    }

    @Override
    public ServerSocketChannel listener() {
        return listener;
    }

    @Override
    public HttpCodec codec() {
        return codec;
    }

    @Override
    public HttpApp handler() {
        return handler;
    }

    /** The handler counting each request itself, in the same call: no wrapper around {@link #handler()}. */
    @Override
    public HttpApp countingHandler() {
        return countingHandler;
    }

    @Override
    public WorkerSettings settings() {
        return settings;
    }

    @Override
    public boolean running() {
        return running;
    }

    @Override
    public void onStop(Runnable action) {
        stopActions.add(action);
        if (!running) {
            action.run();
        }
    }

    @Override
    public void acceptingDone() {
        try {
            release.close();
        } catch (IOException e) {
            LOG.warn("cannot let go of the listener: {}", e.toString());
        }
    }

    @Override
    public void notifyAlive() {
        lastAliveNanos = System.nanoTime();
    }

    @Override
    public void requestServed() {
        if (requests.incrementAndGet() == maxRequests) {
            wornOut.run();
        }
    }

    @Override
    public long appGeneration() {
        return appGeneration.get();
    }

    /** An app revision was retired: request threads are to be renewed. */
    void appRetired() {
        appGeneration.incrementAndGet();
    }

    void stop() {
        running = false;
        stopActions.forEach(Runnable::run);
    }

    long millisSinceAlive() {
        return (System.nanoTime() - lastAliveNanos) / 1_000_000;
    }

    long requests() {
        return requests.get();
    }
}
