package io.narwhal.supervisor;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.narwhal.api.server.MetricFamily;
import io.narwhal.api.server.MetricSample;
import io.narwhal.api.server.MetricType;
import io.narwhal.api.server.Readiness;
import io.narwhal.api.server.ServerStatus;
import io.narwhal.control.ControlMessage;
import io.narwhal.control.ControlMessage.AppRequests;
import io.narwhal.control.LatencyBuckets;
import io.narwhal.settings.ServerSettings;
import io.narwhal.supervisor.deploy.AppRevision;
import io.narwhal.supervisor.deploy.PoolDeployments;
import io.narwhal.supervisor.posix.ExitStatus;
import io.narwhal.supervisor.posix.Posix;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

/** What the pool's metrics and readiness are made of, as the arbiter keeps it. */
class ArbiterMetricsTest {
    private static final AppRevision HELLO = new AppRevision("hello.jar", "a".repeat(64), "io.example.hello", "1.0.0",
            Path.of("/staged/hello.jar"));
    private static final AppRevision ECHO = new AppRevision("echo.jar", "b".repeat(64), "io.example.echo", "1.0.0",
            Path.of("/staged/echo.jar"));
    private static final AppRevision ECHO_BROKEN = new AppRevision("echo.jar", "c".repeat(64), "io.example.echo",
            "2.0.0", Path.of("/staged/echo-2.jar"));

    private final FakeProcessHost host = new FakeProcessHost();
    private Arbiter arbiter;

    private void start(Map<String, String> values) {
        try {
            ServerSettings settings = ServerSettings.parse(values);
            arbiter = new Arbiter(settings, host, ServiceManager.NONE, status -> { }, new PoolDeployments(List.of(HELLO)),
                    () -> settings);
        } catch (Exception e) {
            throw new AssertionError(e);
        }
        assertTrue(arbiter.start());
        arbiter.turn();
    }

    private void submit(ArbiterEvent... events) {
        for (ArbiterEvent event : events) {
            arbiter.submit(event);
        }
        arbiter.turn();
    }

    private PoolStatus.Snapshot inspect() throws Exception {
        CompletableFuture<PoolStatus.Snapshot> reply = new CompletableFuture<>();
        submit(new ArbiterEvent.Inspect(reply));
        return reply.get();
    }

    private static AppRequests served(String app, long ok, long failed, int bucket) {
        List<Long> buckets = new ArrayList<>(Collections.nCopies(LatencyBuckets.COUNT, 0L));
        buckets.set(bucket, ok + failed);
        return new AppRequests(app, failed == 0 ? Map.of(200, ok) : Map.of(200, ok, 503, failed), buckets,
                (ok + failed) * 1_000);
    }

    private static ArbiterEvent.StatsReported stats(int pid, long inFlight, AppRequests... apps) {
        return new ArbiterEvent.StatsReported(pid, new ControlMessage.WorkerStats(inFlight, 2, 10, 1 << 20, 4 << 20,
                8 << 20, List.of(apps)));
    }

    private List<MetricFamily> metrics() throws Exception {
        PoolStatus.Snapshot pool = inspect();
        ServerStatus status = new ServerStatus(1, "test", Duration.ofSeconds(5), pool.settings().workerClass(),
                pool.target(), pool.settings().spareWorkers(), List.of(), pool.stopping(), pool.workers(),
                pool.counters(), pool.bootBackoff());
        return PoolMetrics.of(status, pool);
    }

    private static Map<String, Double> samples(List<MetricFamily> families, String family) {
        return families.stream().filter(f -> f.name().equals(family)).findFirst().orElseThrow().samples().stream()
                .collect(Collectors.toMap(ArbiterMetricsTest::key, MetricSample::value));
    }

    private static String key(MetricSample sample) {
        return sample.name() + sample.labels();
    }

    @Test
    void requestsAreSummedOverWorkers_andAGoneWorkersStayCounted() throws Exception {
        start(Map.of("workers", "2", "worker_class", "gthread"));
        submit(new ArbiterEvent.WorkerReady(1000), new ArbiterEvent.WorkerReady(1001));
        submit(stats(1000, 1, served("hello.jar", 5, 1, 0)), stats(1001, 0, served("hello.jar", 3, 0, 2)));
        submit(stats(1000, 0, served("hello.jar", 7, 1, 0)));

        Map<String, Double> requests = samples(metrics(), "narwhal_requests_total");
        assertEquals(Map.of("narwhal_requests_total{app=hello.jar, status=2xx, worker_class=gthread}", 10.0,
                "narwhal_requests_total{app=hello.jar, status=5xx, worker_class=gthread}", 1.0), requests,
                "a worker's later report replaces its earlier one");
        assertEquals(Map.of("narwhal_responses_total{code=200}", 10.0, "narwhal_responses_total{code=503}", 1.0),
                samples(metrics(), "narwhal_responses_total"));

        host.die(1000, ExitStatus.killedBy(Posix.SIGKILL));
        submit();
        assertEquals(10.0, samples(metrics(), "narwhal_requests_total")
                .get("narwhal_requests_total{app=hello.jar, status=2xx, worker_class=gthread}"),
                "what a dead worker served is still counted");
    }

    @Test
    void theLatencyHistogramIsCumulativeWithItsSumAndCount() throws Exception {
        start(Map.of("workers", "1"));
        submit(new ArbiterEvent.WorkerReady(1000), stats(1000, 0, served("hello.jar", 4, 0, 1)));

        Map<String, Double> latency = samples(metrics(), "narwhal_request_duration_seconds");
        String labels = "app=hello.jar, worker_class=sync";
        assertEquals(0.0, latency.get("narwhal_request_duration_seconds_bucket{" + labels + ", le=0.0005}"));
        assertEquals(4.0, latency.get("narwhal_request_duration_seconds_bucket{" + labels + ", le=0.001}"));
        assertEquals(4.0, latency.get("narwhal_request_duration_seconds_bucket{" + labels + ", le=10}"));
        assertEquals(4.0, latency.get("narwhal_request_duration_seconds_bucket{" + labels + ", le=+Inf}"));
        assertEquals(4.0, latency.get("narwhal_request_duration_seconds_count{" + labels + "}"));
        assertEquals(0.004, latency.get("narwhal_request_duration_seconds_sum{" + labels + "}"), 1e-9);
        assertEquals(LatencyBuckets.COUNT + 2, latency.size());
    }

    @Test
    void gaugesArePerWorker_andWorkersCountByState() throws Exception {
        start(Map.of("workers", "2", "spare_workers", "1"));
        submit(new ArbiterEvent.WorkerReady(1000), stats(1000, 3));

        List<MetricFamily> metrics = metrics();
        assertEquals(Map.of("narwhal_requests_in_flight{worker=1, worker_class=sync}", 3.0),
                samples(metrics, "narwhal_requests_in_flight"), "workers that have not reported are left out");
        assertEquals(Map.of("narwhal_worker_heap_used_bytes{worker=1, worker_class=sync}", (double) (1 << 20)),
                samples(metrics, "narwhal_worker_heap_used_bytes"));
        assertEquals(1.0, samples(metrics, "narwhal_workers").get("narwhal_workers{state=serving}"));
        assertEquals(2.0, samples(metrics, "narwhal_workers").get("narwhal_workers{state=booting}"));
        assertEquals(0.0, samples(metrics, "narwhal_workers").get("narwhal_workers{state=retiring}"));
        assertEquals(3.0, samples(metrics, "narwhal_worker_boots_total").get("narwhal_worker_boots_total{}"));
        assertEquals(10.0, samples(metrics, "narwhal_connections_total").get("narwhal_connections_total{}"));
        assertEquals(MetricType.HISTOGRAM, metrics.stream()
                .filter(f -> f.name().equals("narwhal_request_duration_seconds")).findFirst().orElseThrow().type());
    }

    @Test
    void deploysAndRollbacksCountByApp() throws Exception {
        start(Map.of("workers", "2"));
        submit(new ArbiterEvent.WorkerReady(1000), new ArbiterEvent.WorkerReady(1001));
        submit(new ArbiterEvent.AppChanged(ECHO));
        submit(new ArbiterEvent.DeployOutcome(1000, new ControlMessage.AppActive("echo.jar", ECHO.checksum())));
        submit(new ArbiterEvent.DeployOutcome(1001, new ControlMessage.AppActive("echo.jar", ECHO.checksum())));
        submit(new ArbiterEvent.AppChanged(ECHO_BROKEN));
        submit(new ArbiterEvent.DeployOutcome(1000,
                new ControlMessage.AppFailed("echo.jar", ECHO_BROKEN.checksum(), "activator threw")));

        List<MetricFamily> metrics = metrics();
        assertEquals(Map.of("narwhal_deploys_total{app=echo.jar}", 1.0), samples(metrics, "narwhal_deploys_total"));
        assertEquals(Map.of("narwhal_deploy_rollbacks_total{app=echo.jar}", 1.0),
                samples(metrics, "narwhal_deploy_rollbacks_total"));
    }

    @Test
    void readyOnlyOnceTheTargetServes_andNeverOnceStopping() throws Exception {
        start(Map.of("workers", "2"));
        assertEquals(List.of("0 of 2 workers serving"), inspect().readiness().reasons());
        submit(new ArbiterEvent.WorkerReady(1000));
        assertEquals(List.of("1 of 2 workers serving"), inspect().readiness().reasons());
        submit(new ArbiterEvent.WorkerReady(1001));
        assertEquals(new Readiness(true, List.of()), inspect().readiness());

        submit(new ArbiterEvent.Stop(true));
        assertEquals(List.of("the server is stopping"), inspect().readiness().reasons());
    }

    @Test
    void aNewAppKeepsTheServerUnreadyUntilEveryWorkerRunsIt_butABrokenOneDoesNot() throws Exception {
        start(Map.of("workers", "2"));
        submit(new ArbiterEvent.WorkerReady(1000), new ArbiterEvent.WorkerReady(1001));
        submit(new ArbiterEvent.AppChanged(ECHO));
        assertEquals(List.of("worker 1 does not run echo.jar yet", "worker 2 does not run echo.jar yet"),
                inspect().readiness().reasons());
        submit(new ArbiterEvent.DeployOutcome(1000, new ControlMessage.AppActive("echo.jar", ECHO.checksum())));
        assertEquals(List.of("worker 2 does not run echo.jar yet"), inspect().readiness().reasons());
        submit(new ArbiterEvent.DeployOutcome(1001, new ControlMessage.AppActive("echo.jar", ECHO.checksum())));
        assertTrue(inspect().readiness().ready());

        submit(new ArbiterEvent.AppRemoved("echo.jar"), new ArbiterEvent.AppChanged(new AppRevision("new.jar",
                "d".repeat(64), "io.example.new", "1.0.0", Path.of("/staged/new.jar"))));
        submit(new ArbiterEvent.DeployOutcome(1000, new ControlMessage.AppFailed("new.jar", "d".repeat(64), "boom")));
        assertTrue(inspect().readiness().ready(), "an app that never started anywhere is given up, not waited for: "
                + inspect().readiness());
    }
}
