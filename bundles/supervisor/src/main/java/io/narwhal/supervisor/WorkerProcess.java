package io.narwhal.supervisor;

import io.narwhal.control.ControlMessage;
import java.io.IOException;
import java.nio.channels.SocketChannel;
import java.time.Duration;
import java.util.Map;

/** The arbiter's record of one worker process. Touched only by the arbiter's thread. */
final class WorkerProcess {
    /** Where a worker is in its life; the arbiter moves it on. Whether it has booted is {@link #isReady()}. */
    enum Stage {
        /** Booted, or booting, to stand by: accepts nothing and counts for no capacity until promoted. */
        SPARE,
        /** A spare taken to serve: PROMOTE is sent as soon as it is ready and connected. */
        PROMOTION_DUE,
        /** In the pool: accepting on the shared socket once ready. */
        POOL,
        /** Sent SIGTERM: it finishes what it has and exits; counts for no capacity. */
        RETIRING,
        /**
         * Its control channel closed unasked: dead or exiting, and out of the pool at once, before it can be reaped
         * (the channel closes a little before the process can be waited for), so its replacement is not a turn late.
         */
        DISCONNECTED
    }

    final int pid;
    final int age;
    final long spawnedNanos;
    /** The worker class it was spawned with (a HUP may change the pool's while it still serves). */
    final String workerClass;
    Stage stage;
    long lastAliveNanos;
    long readyNanos;
    long requests;
    /** Runs with settings older than the current ones: replace it once a fresh worker is ready. */
    boolean outdated;
    boolean timedOut;
    /** Requests after which this worker is replaced (max_requests plus its jitter); 0 for never. */
    long maxRequests;
    SocketChannel control;
    /** Where its apps are mounted, as it last reported: app name to its mounts. */
    Map<String, String> mounts = Map.of();
    /** What it served and its gauges, as it last reported; null before its first report. */
    ControlMessage.WorkerStats stats;

    WorkerProcess(int pid, int age, long spawnedNanos, boolean spare, String workerClass) {
        this.pid = pid;
        this.age = age;
        this.spawnedNanos = spawnedNanos;
        this.workerClass = workerClass;
        this.lastAliveNanos = spawnedNanos;
        this.stage = spare ? Stage.SPARE : Stage.POOL;
    }

    /** Booted: its apps are up (a spare is ready to be promoted). */
    boolean isReady() {
        return readyNanos != 0;
    }

    /** Accepting connections from the shared socket. */
    boolean isServing() {
        return isReady() && stage == Stage.POOL;
    }

    /** A spare, or one taken from the spares and not promoted yet: it accepts nothing. */
    boolean standsBy() {
        return stage == Stage.SPARE || stage == Stage.PROMOTION_DUE;
    }

    Duration silentFor(long nowNanos) {
        return Duration.ofNanos(nowNanos - lastAliveNanos);
    }

    /** Sends a command over the worker's control channel (a short line: the socket buffer takes it at once). */
    void send(ControlMessage message) throws IOException {
        message.writeTo(control);
    }

    void closeControl() {
        if (control != null) {
            closeQuietly(control);
            control = null;
        }
    }

    static void closeQuietly(AutoCloseable closeable) {
        try {
            closeable.close();
        } catch (Exception e) {
            // the worker is gone either way
        }
    }
}
