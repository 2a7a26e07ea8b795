package io.narwhal.admin;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.narwhal.api.server.MetricFamily;
import io.narwhal.api.server.MetricSample;
import io.narwhal.api.server.MetricType;
import io.narwhal.api.server.Readiness;
import io.narwhal.testkit.RecordingResponse;
import io.narwhal.testkit.TestRequest;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import org.junit.jupiter.api.Test;

class AdminRoutesTest {
    private final FakeServer server = new FakeServer();
    private final AdminRoutes routes = new AdminRoutes(server, Duration.ofMillis(300));

    private RecordingResponse get(String path) throws Exception {
        return TestRequest.get(path).sendTo(routes);
    }

    @Test
    void metricsAreThePrometheusTextOfTheServersFamilies() throws Exception {
        server.metrics = List.of(new MetricFamily("narwhal_ready", MetricType.GAUGE, "ready",
                List.of(new MetricSample("narwhal_ready", Map.of(), 1))));
        RecordingResponse response = get("/metrics");
        assertEquals(200, response.status());
        assertEquals(PrometheusText.CONTENT_TYPE, response.headers().first("Content-Type"));
        assertEquals("# HELP narwhal_ready ready\n# TYPE narwhal_ready gauge\nnarwhal_ready 1\n", response.bodyText());
    }

    @Test
    void readyIs200_orA503ListingEveryReason() throws Exception {
        assertEquals(200, get("/health/ready").status());
        assertEquals("ready\n", get("/readyz").bodyText());
        server.readiness = Readiness.of(List.of("1 of 2 workers serving", "worker 1 does not run echo.jar yet"));
        RecordingResponse notReady = get("/health/ready");
        assertEquals(503, notReady.status());
        assertEquals("1 of 2 workers serving\nworker 1 does not run echo.jar yet\n", notReady.bodyText());
    }

    @Test
    void liveWhileTheMastersLoopAnswers_evenWhenNotReady() throws Exception {
        server.readiness = Readiness.of(List.of("the server is stopping"));
        RecordingResponse live = get("/health/live");
        assertEquals(200, live.status());
        assertEquals("live\n", live.bodyText());
        assertEquals(200, get("/livez").status());
    }

    @Test
    void aLoopThatDoesNotAnswerInTimeIsNotLive_andTheProbeStillAnswers() throws Exception {
        CountDownLatch never = new CountDownLatch(1);
        server.stuck = never;
        long start = System.nanoTime();
        RecordingResponse live = get("/health/live");
        assertEquals(503, live.status());
        assertEquals("the master's loop did not answer within 300 ms\n", live.bodyText());
        assertEquals(503, get("/health/ready").status());
        assertEquals(503, get("/metrics").status());
        assertTrue(System.nanoTime() - start < Duration.ofSeconds(5).toNanos(), "each probe waits its 300 ms only");
        never.countDown();
    }

    @Test
    void aMasterThatRefusesIsNotLive_sayingWhy() throws Exception {
        server.refusal = new IllegalStateException("the master's loop did not answer within 10 s; it may be stopping");
        RecordingResponse live = get("/health/live");
        assertEquals(503, live.status());
        assertEquals("the master cannot answer: the master's loop did not answer within 10 s; it may be stopping\n",
                live.bodyText());
    }

    @Test
    void onlyGetAndHeadAreServed() throws Exception {
        RecordingResponse post = TestRequest.post("/metrics").sendTo(routes);
        assertEquals(405, post.status());
        assertEquals("GET, HEAD", post.headers().first("Allow"));
        assertEquals(200, TestRequest.of("HEAD", "/health/live").sendTo(routes).status());
    }

    @Test
    void anUnknownPathIsA404NamingTheEndpoints() throws Exception {
        RecordingResponse response = get("/status");
        assertEquals(404, response.status());
        assertEquals("no endpoint /status here: /metrics, /health/live, /health/ready\n", response.bodyText());
    }
}
