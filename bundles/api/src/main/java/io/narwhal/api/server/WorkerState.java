package io.narwhal.api.server;

/** Where a worker process is in its life, as the master sees it. */
public enum WorkerState {
    /** Spawned; its framework and apps are starting. */
    BOOTING,
    /** Accepting connections from the shared socket. */
    SERVING,
    /** Booted but accepting nothing: a spare, promoted when a serving worker dies or is retired. */
    STANDING_BY,
    /** Told to stop: it finishes what it has and exits. */
    RETIRING,
    /** Its control channel closed unasked: dying, about to be reaped and replaced. */
    EXITING
}
