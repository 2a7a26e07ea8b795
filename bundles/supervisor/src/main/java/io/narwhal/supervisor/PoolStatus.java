package io.narwhal.supervisor;

import io.narwhal.api.server.BootBackoff;
import io.narwhal.api.server.Readiness;
import io.narwhal.api.server.ServerCounters;
import io.narwhal.api.server.WorkerState;
import io.narwhal.api.server.WorkerStatus;
import io.narwhal.control.ControlMessage;
import io.narwhal.settings.ServerSettings;
import io.narwhal.supervisor.deploy.PoolDeployments;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Set;

/** The arbiter's table as the shell shows it: built on the arbiter's thread, read anywhere after. */
final class PoolStatus {
    private PoolStatus() {
    }

    /**
     * The pool's part of a {@link io.narwhal.api.server.ServerStatus}, and what its metrics and readiness are made
     * of; the rows' memory is read later, off the loop.
     *
     * @param reports each worker's last report, by worker id, in the rows' order (a worker that has not reported yet
     *     has none)
     * @param requests every worker's requests, gone ones included
     * @param connections every worker's connections accepted, gone ones included
     */
    record Snapshot(ServerSettings settings, int target, boolean stopping, List<WorkerStatus> workers,
            ServerCounters counters, BootBackoff bootBackoff, List<WorkerReport> reports, RequestTotals requests,
            long connections, List<PoolDeployments.DeployCount> deploys, Readiness readiness) {
    }

    /** What one worker last reported, and the class it runs. */
    record WorkerReport(int id, long pid, String workerClass, ControlMessage.WorkerStats stats) {
    }

    /** @param now the arbiter's clock ({@link ProcessHost#nanoTime()}) */
    static Snapshot of(ServerSettings settings, int target, boolean stopping, Collection<WorkerProcess> workers,
            PoolDeployments deployments, PoolCounters counters, BootFailures bootFailures, long now) {
        List<WorkerStatus> rows = workers.stream().map(worker -> new WorkerStatus(worker.age, worker.pid,
                state(worker), worker.standsBy(), worker.outdated, Duration.ofNanos(now - worker.spawnedNanos),
                worker.requests, worker.silentFor(now), -1, -1, deployments.appsOn(worker.pid, worker.mounts))).toList();
        List<WorkerReport> reports = workers.stream().filter(worker -> worker.stats != null)
                .map(worker -> new WorkerReport(worker.age, worker.pid, worker.workerClass, worker.stats)).toList();
        return new Snapshot(settings, target, stopping, rows, counters.snapshot(workers), bootFailures.backoff(now),
                reports, counters.requests(workers), counters.connections(workers), deployments.deployCounts(),
                readiness(target, stopping, workers, deployments));
    }

    /**
     * Ready for traffic: not stopping, the target number of workers serving, and each of them running every app of
     * the deploy folder.
     */
    static Readiness readiness(int target, boolean stopping, Collection<WorkerProcess> workers,
            PoolDeployments deployments) {
        List<String> reasons = new ArrayList<>();
        if (stopping) {
            reasons.add("the server is stopping");
        }
        List<WorkerProcess> serving = workers.stream().filter(WorkerProcess::isServing).toList();
        if (serving.size() < target) {
            reasons.add(serving.size() + " of " + target + " workers serving");
        }
        for (WorkerProcess worker : serving) {
            Set<String> missing = deployments.missingOn(worker.pid);
            if (!missing.isEmpty()) {
                reasons.add("worker " + worker.age + " does not run " + String.join(", ", missing) + " yet");
            }
        }
        return Readiness.of(reasons);
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
