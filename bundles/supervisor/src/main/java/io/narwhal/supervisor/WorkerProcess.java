package io.narwhal.supervisor;

import io.narwhal.control.ControlMessage;
import java.io.IOException;
import java.nio.channels.SocketChannel;
import java.time.Duration;

/** The arbiter's record of one worker process. Touched only by the arbiter's thread. */
final class WorkerProcess {
    final int pid;
    final int age;
    final long spawnedNanos;
    /** Booted, or booting, to stand by: accepts nothing and counts for no capacity until promoted. */
    boolean spare;
    /** Taken from the spares to serve: PROMOTE is sent as soon as it is ready and connected. */
    boolean promotionDue;
    long lastAliveNanos;
    long readyNanos;
    long requests;
    boolean retiring;
    /** Runs with settings older than the current ones: replace it once a fresh worker is ready. */
    boolean outdated;
    boolean timedOut;
    /**
     * Its control channel closed: it is dead or exiting, and out of the pool at once, before it can be reaped (the
     * channel closes a little before the process can be waited for), so its replacement is not a turn late.
     */
    boolean channelClosed;
    /** Requests after which this worker is replaced (max_requests plus its jitter); 0 for never. */
    long maxRequests;
    SocketChannel control;

    WorkerProcess(int pid, int age, long spawnedNanos, boolean spare) {
        this.pid = pid;
        this.age = age;
        this.spawnedNanos = spawnedNanos;
        this.lastAliveNanos = spawnedNanos;
        this.spare = spare;
    }

    /** Booted: its apps are up (a spare is ready to be promoted). */
    boolean isReady() {
        return readyNanos != 0;
    }

    /** Accepting connections from the shared socket. */
    boolean isServing() {
        return isReady() && !spare && !promotionDue;
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
