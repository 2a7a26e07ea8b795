package io.narwhal.worker.host;

import io.narwhal.api.app.HttpApp;
import io.narwhal.api.codec.HttpCodec;
import io.narwhal.api.worker.WorkerContext;
import io.narwhal.api.worker.WorkerSettings;
import java.nio.channels.ServerSocketChannel;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicLong;

/** The worker context handed to the worker type; the host reads liveness and counts from it. */
final class ServingContext implements WorkerContext {
    private final ServerSocketChannel listener;
    private final HttpCodec codec;
    private final HttpApp handler;
    private final WorkerSettings settings;
    private final List<Runnable> stopActions = new CopyOnWriteArrayList<>();
    private final AtomicLong requests = new AtomicLong();
    private volatile boolean running = true;
    private volatile long lastAliveNanos = System.nanoTime();

    ServingContext(ServerSocketChannel listener, HttpCodec codec, HttpApp handler, WorkerSettings settings) {
        this.listener = listener;
        this.codec = codec;
        this.handler = handler;
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
    public void notifyAlive() {
        lastAliveNanos = System.nanoTime();
    }

    @Override
    public void requestServed() {
        requests.incrementAndGet();
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
