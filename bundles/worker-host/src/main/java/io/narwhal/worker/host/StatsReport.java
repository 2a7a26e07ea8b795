package io.narwhal.worker.host;

import io.narwhal.control.ControlMessage;
import java.lang.management.ManagementFactory;
import java.lang.management.MemoryPoolMXBean;

/** What a worker tells the master with its heartbeats ({@link ControlMessage.WorkerStats}): its counts and gauges now. */
final class StatsReport {
    private final RequestMetrics requests;
    private final ConnectionCounts connections;
    /** Looked up at the first report, off the boot's path; null where the JVM has no such pool. */
    private MemoryPoolMXBean metaspace;
    private boolean lookedUp;

    StatsReport(RequestMetrics requests, ConnectionCounts connections) {
        this.requests = requests;
        this.connections = connections;
    }

    synchronized ControlMessage.WorkerStats now() {
        Runtime runtime = Runtime.getRuntime();
        long committed = runtime.totalMemory();
        return new ControlMessage.WorkerStats(requests.inFlight(), connections.open(), connections.accepted(),
                committed - runtime.freeMemory(), committed, metaspaceUsed(), requests.snapshot());
    }

    private long metaspaceUsed() {
        if (!lookedUp) {
            lookedUp = true;
            metaspace = ManagementFactory.getMemoryPoolMXBeans().stream()
                    .filter(pool -> pool.getName().equals("Metaspace")).findFirst().orElse(null);
        }
        return metaspace == null ? 0 : metaspace.getUsage().getUsed();
    }
}
