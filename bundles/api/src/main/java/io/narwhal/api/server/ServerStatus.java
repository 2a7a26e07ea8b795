package io.narwhal.api.server;

import java.time.Duration;
import java.util.List;

/**
 * The server at one moment, as the master's loop saw it.
 *
 * @param masterPid the master's process id
 * @param version the Narwhal version running
 * @param uptime since the master started
 * @param workerClass the worker class new workers boot with
 * @param targetWorkers how many serving workers the master keeps
 * @param spareWorkers how many spares it keeps besides
 * @param listeners the addresses the server listens at, as configured ({@code bind})
 * @param stopping the master is stopping: it takes no more commands
 * @param workers every worker process alive, oldest first
 * @param counters counts since the master started
 * @param bootBackoff where workers fail to boot one after another, how and when the next boot comes; null while
 *     boots succeed
 */
public record ServerStatus(long masterPid, String version, Duration uptime, String workerClass, int targetWorkers,
        int spareWorkers, List<String> listeners, boolean stopping, List<WorkerStatus> workers,
        ServerCounters counters, BootBackoff bootBackoff) {
    public ServerStatus {
        listeners = List.copyOf(listeners);
        workers = List.copyOf(workers);
    }

    /** Workers accepting connections now. */
    public long serving() {
        return workers.stream().filter(worker -> worker.state() == WorkerState.SERVING).count();
    }
}
