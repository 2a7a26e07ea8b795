package io.narwhal.supervisor;

import io.narwhal.api.server.MetricFamily;
import io.narwhal.api.server.MetricSample;
import io.narwhal.api.server.MetricType;
import io.narwhal.api.server.ServerStatus;
import io.narwhal.api.server.WorkerState;
import io.narwhal.api.server.WorkerStatus;
import io.narwhal.control.ControlMessage;
import io.narwhal.control.LatencyBuckets;
import io.narwhal.supervisor.deploy.PoolDeployments;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.function.ToLongFunction;

/**
 * The server's metrics, named once here for every exposition (Prometheus text, statsd): made from the pool's
 * snapshot and the status read with it. Counters count from the master's start, gone workers included.
 */
final class PoolMetrics {
    private final List<MetricFamily> families = new ArrayList<>();

    private PoolMetrics() {
    }

    static List<MetricFamily> of(ServerStatus status, PoolStatus.Snapshot pool) {
        PoolMetrics metrics = new PoolMetrics();
        metrics.requests(pool.requests());
        metrics.workers(status, pool);
        metrics.pool(status, pool);
        metrics.deploys(pool.deploys());
        return List.copyOf(metrics.families);
    }

    private void requests(RequestTotals totals) {
        List<MetricSample> requests = new ArrayList<>();
        List<MetricSample> latency = new ArrayList<>();
        totals.sums().forEach((key, sum) -> {
            List<Long> byStatusClass = sum.byStatusClass();
            for (int i = 0; i < byStatusClass.size(); i++) {
                if (byStatusClass.get(i) > 0) {
                    requests.add(sample("narwhal_requests_total", byStatusClass.get(i), "app", key.app(),
                            "status", (i + 1) + "xx", "worker_class", key.workerClass()));
                }
            }
            String name = "narwhal_request_duration_seconds";
            long cumulative = 0;
            for (int i = 0; i < LatencyBuckets.COUNT; i++) {
                cumulative += sum.latencyBuckets().get(i);
                latency.add(sample(name + "_bucket", cumulative, "app", key.app(), "worker_class", key.workerClass(),
                        "le", LatencyBuckets.label(i)));
            }
            latency.add(sample(name + "_sum", sum.latencySumMicros() / 1e6, "app", key.app(), "worker_class",
                    key.workerClass()));
            latency.add(sample(name + "_count", sum.requests(), "app", key.app(), "worker_class",
                    key.workerClass()));
        });
        Map<Integer, Long> byCode = new java.util.TreeMap<>();
        totals.sums().values().forEach(sum -> sum.byStatus().forEach((code, count) -> byCode.merge(code, count,
                Long::sum)));
        family("narwhal_responses_total", MetricType.COUNTER,
                "Responses by status code, every app and worker class together (Gunicorn's request.status.CODE)",
                byCode.entrySet().stream().map(code -> sample("narwhal_responses_total", code.getValue(), "code",
                        Integer.toString(code.getKey()))).toList());
        family("narwhal_requests_total", MetricType.COUNTER,
                "Requests served, by app, status class and worker class (app - for requests no app took)", requests);
        family("narwhal_request_duration_seconds", MetricType.HISTOGRAM,
                "How long requests took, from the head read to the app's return, by app and worker class", latency);
    }

    private void workers(ServerStatus status, PoolStatus.Snapshot pool) {
        perWorker(pool, "narwhal_requests_in_flight", "Requests being served now, per worker",
                ControlMessage.WorkerStats::inFlight);
        perWorker(pool, "narwhal_connections_open", "Connections open now, per worker",
                ControlMessage.WorkerStats::openConnections);
        family("narwhal_connections_total", MetricType.COUNTER, "Connections accepted by every worker",
                List.of(sample("narwhal_connections_total", pool.connections())));
        perWorker(pool, "narwhal_worker_heap_used_bytes", "JVM heap in use, per worker",
                ControlMessage.WorkerStats::heapUsedBytes);
        perWorker(pool, "narwhal_worker_heap_committed_bytes", "JVM heap held from the system, per worker",
                ControlMessage.WorkerStats::heapCommittedBytes);
        perWorker(pool, "narwhal_worker_metaspace_used_bytes", "Class metadata in use, per worker",
                ControlMessage.WorkerStats::metaspaceUsedBytes);
        memory(status, "narwhal_worker_resident_memory_bytes", "Resident memory (RSS), per worker",
                WorkerStatus::rssBytes);
        memory(status, "narwhal_worker_proportional_memory_bytes",
                "Proportional set size (PSS: shared pages divided among their sharers), per worker",
                WorkerStatus::pssBytes);
    }

    private void pool(ServerStatus status, PoolStatus.Snapshot pool) {
        Map<WorkerState, Long> byState = new LinkedHashMap<>();
        for (WorkerState state : WorkerState.values()) {
            byState.put(state, 0L);
        }
        status.workers().forEach(worker -> byState.merge(worker.state(), 1L, Long::sum));
        List<MetricSample> states = new ArrayList<>();
        byState.forEach((state, count) -> states.add(sample("narwhal_workers", count, "state",
                state.name().toLowerCase(Locale.ROOT))));
        family("narwhal_workers", MetricType.GAUGE, "Worker processes, by state", states);
        gauge("narwhal_workers_target", "Serving workers the master keeps", status.targetWorkers());
        gauge("narwhal_ready", "1 when the server is ready for traffic (/health/ready), else 0",
                pool.readiness().ready() ? 1 : 0);
        gauge("narwhal_uptime_seconds", "Since the master started", status.uptime().toMillis() / 1e3);
        counter("narwhal_worker_boots_total", "Workers spawned, spares included", status.counters().workersBooted());
        counter("narwhal_worker_deaths_total",
                "Workers that ended unasked: crashed, killed from outside, timed out, or failed to boot",
                status.counters().workersDied());
        counter("narwhal_worker_timeouts_total", "Workers killed for being silent longer than timeout",
                status.counters().workerTimeouts());
        counter("narwhal_worker_recycles_total", "Workers replaced after max_requests",
                status.counters().workersRecycled());
        counter("narwhal_reloads_total", "HUPs and shell reloads", status.counters().reloads());
    }

    private void deploys(List<PoolDeployments.DeployCount> deploys) {
        family("narwhal_deploys_total", MetricType.COUNTER, "New app revisions the pool took, by app",
                deploys.stream().map(count -> sample("narwhal_deploys_total", count.deployed(), "app", count.app()))
                        .toList());
        family("narwhal_deploy_rollbacks_total", MetricType.COUNTER,
                "App revisions rolled back (failed on their first worker, or it died trying them), by app",
                deploys.stream().map(count -> sample("narwhal_deploy_rollbacks_total", count.rolledBack(), "app",
                        count.app())).toList());
    }

    private void perWorker(PoolStatus.Snapshot pool, String name, String help,
            ToLongFunction<ControlMessage.WorkerStats> value) {
        family(name, MetricType.GAUGE, help, pool.reports().stream().map(report -> sample(name,
                value.applyAsLong(report.stats()), "worker", Integer.toString(report.id()), "worker_class",
                report.workerClass())).toList());
    }

    private void memory(ServerStatus status, String name, String help, ToLongFunction<WorkerStatus> value) {
        family(name, MetricType.GAUGE, help, status.workers().stream().filter(worker -> value.applyAsLong(worker) >= 0)
                .map(worker -> sample(name, value.applyAsLong(worker), "worker", Integer.toString(worker.id())))
                .toList());
    }

    private void gauge(String name, String help, double value) {
        family(name, MetricType.GAUGE, help, List.of(sample(name, value)));
    }

    private void counter(String name, String help, long value) {
        family(name, MetricType.COUNTER, help, List.of(sample(name, value)));
    }

    private void family(String name, MetricType type, String help, List<MetricSample> samples) {
        families.add(new MetricFamily(name, type, help, samples));
    }

    /** A sample with labels given as name, value, name, value... */
    private static MetricSample sample(String name, double value, String... labels) {
        Map<String, String> map = new LinkedHashMap<>();
        for (int i = 0; i < labels.length; i += 2) {
            map.put(labels[i], labels[i + 1]);
        }
        return new MetricSample(name, map, value);
    }
}
