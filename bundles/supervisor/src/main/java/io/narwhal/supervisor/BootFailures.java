package io.narwhal.supervisor;

import io.narwhal.api.server.BootBackoff;
import java.time.Duration;

/**
 * Workers that die before they are ready, in a row. Before the pool has ever served, they mean the app cannot
 * boot: the master stops (exit 3), as Gunicorn's does. Once it has served, a failed boot (a broken jar in
 * dist/system, a full disk, memory) must not take down the workers that do serve: the next boot waits, longer after
 * each failure in a row (1 s doubling to a minute), until a boot succeeds.
 */
final class BootFailures {
    /** As Gunicorn: this many failures in a row before the pool first served stop the master. */
    static final int TOLERATED_AT_START = 5;
    static final Duration FIRST_DELAY = Duration.ofSeconds(1);
    static final Duration LONGEST_DELAY = Duration.ofSeconds(60);

    private int inARow;
    private boolean served;
    private long nextBootNanos;
    private String lastReason = "";

    /** A worker is ready: the pool serves, and the failures in a row are over. */
    void ready() {
        served = true;
        inARow = 0;
    }

    /**
     * A worker died before it was ready (or could not be started).
     *
     * @param reason as the log says it
     * @return how long the next boot waits: zero before the pool first served
     */
    Duration failed(long nowNanos, String reason) {
        inARow++;
        lastReason = reason;
        if (!served) {
            return Duration.ZERO;
        }
        Duration delay = FIRST_DELAY.multipliedBy(1L << Math.min(inARow - 1, 16));
        delay = delay.compareTo(LONGEST_DELAY) > 0 ? LONGEST_DELAY : delay;
        nextBootNanos = nowNanos + delay.toNanos();
        return delay;
    }

    int inARow() {
        return inARow;
    }

    /** Failures in a row now, and the wait before the next boot; null while boots succeed. */
    BootBackoff backoff(long nowNanos) {
        if (inARow == 0) {
            return null;
        }
        long left = served ? Math.max(0, nextBootNanos - nowNanos) : 0;
        return new BootBackoff(inARow, Duration.ofNanos(left), lastReason);
    }

    /** Whether the app cannot boot at all: too many failures before the pool ever served. */
    boolean stopTheMaster() {
        return !served && inARow >= TOLERATED_AT_START;
    }

    /** Whether a worker may be booted now, or must wait out the delay of the last failure. */
    boolean mayBoot(long nowNanos) {
        return inARow == 0 || !served || nowNanos - nextBootNanos >= 0;
    }
}
