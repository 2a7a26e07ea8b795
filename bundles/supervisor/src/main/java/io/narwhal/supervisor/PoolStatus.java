package io.narwhal.supervisor;

import io.narwhal.api.server.BootBackoff;
import io.narwhal.api.server.ServerCounters;
import io.narwhal.api.server.WorkerState;
import io.narwhal.api.server.WorkerStatus;
import io.narwhal.settings.ServerSettings;
import io.narwhal.supervisor.deploy.PoolDeployments;
import java.time.Duration;
import java.util.Collection;
import java.util.List;

/** The arbiter's table as the shell shows it: built on the arbiter's thread, read anywhere after. */
final class PoolStatus {
    private PoolStatus() {
    }

    /** The pool's part of a {@link io.narwhal.api.server.ServerStatus}; the rows' memory is read later, off the loop. */
    record Snapshot(ServerSettings settings, int target, boolean stopping, List<WorkerStatus> workers,
            ServerCounters counters, BootBackoff bootBackoff) {
    }

    /** @param now the arbiter's clock ({@link ProcessHost#nanoTime()}) */
    static Snapshot of(ServerSettings settings, int target, boolean stopping, Collection<WorkerProcess> workers,
            PoolDeployments deployments, PoolCounters counters, BootFailures bootFailures, long now) {
        List<WorkerStatus> rows = workers.stream().map(worker -> new WorkerStatus(worker.age, worker.pid,
                state(worker), worker.standsBy(), worker.outdated, Duration.ofNanos(now - worker.spawnedNanos),
                worker.requests, worker.silentFor(now), -1, -1, deployments.appsOn(worker.pid, worker.mounts))).toList();
        return new Snapshot(settings, target, stopping, rows, counters.snapshot(workers), bootFailures.backoff(now));
    }

    static WorkerState state(WorkerProcess worker) {
        return switch (worker.stage) {
            case RETIRING -> WorkerState.RETIRING;
            case DISCONNECTED -> WorkerState.EXITING;
            case SPARE, PROMOTION_DUE -> worker.isReady() ? WorkerState.STANDING_BY : WorkerState.BOOTING;
            case POOL -> worker.isReady() ? WorkerState.SERVING : WorkerState.BOOTING;
        };
    }
}
