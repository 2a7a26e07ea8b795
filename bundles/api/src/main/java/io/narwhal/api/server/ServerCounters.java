package io.narwhal.api.server;

/**
 * Counts since the master started.
 *
 * @param requests requests served by every worker, those gone included (as of each one's last heartbeat)
 * @param workersBooted workers spawned (spares included)
 * @param workersDied workers that ended unasked: crashed, killed from outside, timed out, or failed to boot
 * @param workerTimeouts workers killed for being silent longer than {@code timeout}
 * @param workersRecycled workers replaced after max_requests
 * @param reloads HUPs and shell reloads
 */
public record ServerCounters(long requests, long workersBooted, long workersDied, long workerTimeouts,
        long workersRecycled, long reloads) {
}
