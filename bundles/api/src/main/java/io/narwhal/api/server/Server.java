package io.narwhal.api.server;

import java.util.List;
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

    /** Whether the server should be sent traffic now, and if not, why. */
    Readiness readiness();

    /**
     * The server's metrics now: requests by app, status class and worker class with their latencies, the workers'
     * connections and memory, the pool's boots, exits and deploys. Counters count from the master's start, gone
     * workers included.
     */
    List<MetricFamily> metrics();

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

    /** Every setting, in the order of the docs' table, with where its value came from. */
    List<SettingStatus> configuration();

    /**
     * Sets one setting as an edit of config/narwhal.server.cfg would, validated first: applied to the running server
     * at once and written to that file, so it holds after a restart. Refused (nothing changed) where the value is not
     * valid, or where a source above that file (the {@code -c} file, a flag) sets the key, as it would win.
     *
     * @return the setting as it now runs
     */
    SettingStatus configure(String key, String value);

    /** As HUP: every configuration source read again, every worker replaced a few at a time. */
    void reload();

    /** As USR1: the master and every worker reopen their log files. */
    void reopenLogs();

    /** As TERM ({@code graceful}) or INT: the server stops; this returns before it has. */
    void stop(boolean graceful);
}
