package io.narwhal.itests;

import io.narwhal.api.app.HttpApp;
import io.narwhal.api.codec.HttpCodec;
import io.narwhal.api.worker.WorkerContext;
import io.narwhal.api.worker.WorkerSettings;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.channels.ServerSocketChannel;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;

/** What the worker process would hand a worker type, played by the test; {@link #stop} plays the master's TERM. */
final class TestWorkerContext implements WorkerContext {
    private final ServerSocketChannel listener;
    private final HttpCodec codec;
    private final HttpApp handler;
    private final WorkerSettings settings;
    private final List<Runnable> stopActions = new ArrayList<>();
    private final AtomicInteger served = new AtomicInteger();
    private final AtomicInteger heartbeats = new AtomicInteger();
    private final AtomicInteger acceptingDone = new AtomicInteger();
    private volatile boolean running = true;

    TestWorkerContext(ServerSocketChannel listener, HttpCodec codec, HttpApp handler, WorkerSettings settings) {
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
        synchronized (stopActions) {
            if (running) {
                stopActions.add(action);
                return;
            }
        }
        // Asked for after the stop: the worker type still expects it to run, once.
        action.run();
    }

    /** Asks the worker type to stop and runs the actions it registered (waking its selector) once each. */
    void stop() {
        List<Runnable> actions;
        synchronized (stopActions) {
            running = false;
            actions = List.copyOf(stopActions);
            stopActions.clear();
        }
        actions.forEach(Runnable::run);
    }

    /** Closes the listener, as the worker process does, and counts the calls. */
    @Override
    public void acceptingDone() {
        acceptingDone.incrementAndGet();
        try {
            listener.close();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    int acceptingDoneCalls() {
        return acceptingDone.get();
    }

    @Override
    public void notifyAlive() {
        heartbeats.incrementAndGet();
    }

    @Override
    public void requestServed() {
        served.incrementAndGet();
    }

    @Override
    public long appGeneration() {
        return 0;
    }

    int heartbeats() {
        return heartbeats.get();
    }

    int requestsServed() {
        return served.get();
    }
}
