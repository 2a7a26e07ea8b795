package io.narwhal.api.server;

import org.osgi.annotation.versioning.ProviderType;

/**
 * The master's pool, for operators: each command is carried out by the master's one loop (as a signal would be),
 * and returns once that loop has taken it. A command the master cannot take (a worker count below one, an unknown
 * worker, the server stopping) throws {@link IllegalArgumentException} or {@link IllegalStateException} saying why.
 */
@ProviderType
public interface Server {
    /** What runs now: the workers, the apps on each, the counters. */
    ServerStatus status();

    /** Sets the number of serving workers; returns it. The pool grows or shrinks to it as on TTIN/TTOU. */
    int scale(int workers);

    /** Adds {@code by} serving workers; returns the new target. */
    int increase(int by);

    /** Removes {@code by} serving workers, never going below one; returns the new target. */
    int decrease(int by);

    /**
     * Stops one worker (its id, as {@link WorkerStatus#id()}): gracefully (SIGTERM, it finishes what it has), or at
     * once (SIGKILL) when {@code force}. The pool replaces it.
     */
    void kill(int workerId, boolean force);

    /** As HUP: every configuration source read again, every worker replaced a few at a time. */
    void reload();

    /** As USR1: the master and every worker reopen their log files. */
    void reopenLogs();

    /** As TERM ({@code graceful}) or INT: the server stops; this returns before it has. */
    void stop(boolean graceful);
}
