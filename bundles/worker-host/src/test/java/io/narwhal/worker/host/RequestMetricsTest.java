package io.narwhal.worker.host;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;

import io.narwhal.api.app.AppHold;
import io.narwhal.api.app.HttpApp;
import io.narwhal.api.app.HttpRequest;
import io.narwhal.api.app.HttpResponse;
import io.narwhal.api.app.Router;
import io.narwhal.api.http.RequestBodyException;
import io.narwhal.control.ControlMessage.AppRequests;
import io.narwhal.control.LatencyBuckets;
import io.narwhal.testkit.TestRequest;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

class RequestMetricsTest {
    private static final Router.Mount HELLO = new Router.Mount("hello-app", "", null, 11);
    private static final Router.Mount HELLO_UPDATED = new Router.Mount("hello-app", "", null, 12);
    private static final Router.Mount ECHO = new Router.Mount("echo-app", "/echo", null, 21);

    private final List<Long> lookedUp = new ArrayList<>();
    private final RequestMetrics metrics = new RequestMetrics(serviceId -> {
        lookedUp.add(serviceId);
        return serviceId == 21 ? null : "hello.jar";
    });

    /** A router that hands each request to the app its path names, answering with the status the path asks. */
    private static final class FakeRouter implements Router {
        final Map<String, Router.Mount> mounts;
        HttpApp app = (request, response) -> response.status(Integer.parseInt(request.path().substring(
                request.path().lastIndexOf('/') + 1))).send("");

        FakeRouter(Map<String, Router.Mount> mounts) {
            this.mounts = mounts;
        }

        @Override
        public Mount serve(HttpRequest request, HttpResponse response) throws Exception {
            Mount mount = mounts.get(request.path().substring(1, request.path().lastIndexOf('/')));
            app.handle(request, response);
            return mount;
        }

        @Override
        public List<Mount> mounts() {
            return List.copyOf(mounts.values());
        }

        @Override
        public AppHold hold(long bundleId) {
            throw new UnsupportedOperationException();
        }
    }

    private final FakeRouter router = new FakeRouter(Map.of("hello", HELLO, "hello2", HELLO_UPDATED, "echo", ECHO));
    private final java.util.concurrent.atomic.AtomicInteger served = new java.util.concurrent.atomic.AtomicInteger();
    private final HttpApp counted = metrics.around(router, null, served::incrementAndGet);

    private int send(String path) throws Exception {
        return TestRequest.get(path).sendTo(counted).status();
    }

    private Map<String, AppRequests> byApp() {
        return metrics.snapshot().stream().collect(Collectors.toMap(AppRequests::app, requests -> requests));
    }

    @Test
    void requestsCountByAppAndStatusClass() throws Exception {
        send("/hello/200");
        send("/hello/204");
        send("/hello2/503");
        send("/echo/301");
        send("/echo/404");
        send("/nowhere/404");

        Map<String, AppRequests> apps = byApp();
        assertEquals(List.of(0L, 2L, 0L, 0L, 1L), apps.get("hello.jar").byStatusClass(),
                "both revisions of the app count as the app");
        assertEquals(Map.of(200, 1L, 204, 1L, 503, 1L), apps.get("hello.jar").byStatus());
        assertEquals(List.of(0L, 0L, 1L, 1L, 0L), apps.get("echo-app").byStatusClass(),
                "a service of no deployed app counts under its mount's name");
        assertEquals(List.of(0L, 0L, 0L, 1L, 0L), apps.get(AppRequests.NO_APP).byStatusClass());
        assertEquals(List.of(11L, 12L, 21L), lookedUp, "each service's app is looked up once");
        assertEquals(6, served.get(), "the worker is told of every request");
    }

    @Test
    void everyRequestFallsInOneLatencyBucket() throws Exception {
        for (int i = 0; i < 5; i++) {
            send("/hello/200");
        }
        AppRequests hello = byApp().get("hello.jar");
        assertEquals(5, hello.latencyBuckets().stream().mapToLong(Long::longValue).sum());
        assertEquals(LatencyBuckets.COUNT, hello.latencyBuckets().size());
    }

    @Test
    void aSlowRequestLandsInItsBucketAndTheSum() throws Exception {
        router.app = (request, response) -> {
            Thread.sleep(30);
            response.send("late");
        };
        send("/hello/200");
        AppRequests hello = byApp().get("hello.jar");
        int bucket = hello.latencyBuckets().indexOf(1L);
        assertEquals(true, LatencyBuckets.UPPER_BOUNDS.get(bucket).toMillis() >= 30, "bucket " + bucket);
        assertEquals(true, hello.latencySumMicros() >= 30_000, hello.latencySumMicros() + " µs");
    }

    @Test
    void aRequestIsInFlightWhileItsAppRuns() throws Exception {
        List<Long> seen = new ArrayList<>();
        router.app = (request, response) -> {
            seen.add(metrics.inFlight());
            response.send("");
        };
        send("/hello/200");
        assertEquals(List.of(1L), seen);
        assertEquals(0, metrics.inFlight());
    }

    @Test
    void aRequestBrokenOffByItsBodyCountsAsTheClientWasAnswered() {
        RequestBodyException late = new RequestBodyException(408, "too slow", null);
        router.app = (request, response) -> {
            throw new IllegalStateException("app passed it on", late);
        };
        Exception thrown = assertThrows(IllegalStateException.class, () -> send("/hello/200"));
        assertSame(late, thrown.getCause(), "the exception goes on to the codec unchanged");
        assertEquals(1, served.get(), "a request that failed was served all the same");
        assertEquals(List.of(0L, 0L, 0L, 1L, 0L), byApp().get(AppRequests.NO_APP).byStatusClass());
        assertEquals(0, metrics.inFlight());
    }

    @Test
    void aFailureAfterTheResponseWasCommittedCountsItsStatus() {
        router.app = (request, response) -> {
            response.status(200).body().flush();
            throw new IllegalStateException("broke off");
        };
        assertThrows(IllegalStateException.class, () -> send("/hello/200"));
        assertEquals(List.of(0L, 1L, 0L, 0L, 0L), byApp().get(AppRequests.NO_APP).byStatusClass());
    }

    @Test
    void anUncommittedFailureIsA5xx() {
        router.app = (request, response) -> {
            throw new IllegalStateException("boom");
        };
        assertThrows(IllegalStateException.class, () -> send("/hello/200"));
        assertEquals(List.of(0L, 0L, 0L, 0L, 1L), byApp().get(AppRequests.NO_APP).byStatusClass());
    }

    @Test
    void appsThatServedNothingAreLeftOut() {
        assertEquals(List.of(), metrics.snapshot());
    }
}
