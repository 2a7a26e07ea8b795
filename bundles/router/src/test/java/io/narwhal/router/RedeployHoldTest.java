package io.narwhal.router;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.narwhal.api.app.AppHold;
import io.narwhal.testkit.RecordingResponse;
import io.narwhal.testkit.TestRequest;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

/** The router's side of a redeploy: a bundle's requests wait while it is replaced, then go to what replaced it. */
class RedeployHoldTest {
    private static final long BUNDLE = 42;
    private final AppRouter router = new AppRouter();
    private final AtomicInteger waiting = new AtomicInteger();

    @Test
    void heldRequestsWaitThroughTheGapAndGoToTheNewRevision() throws Exception {
        AppService v1 = Apps.inBundle(BUNDLE, "swap", "/swap", Apps.named("v1"));
        router.registry().put(v1);
        router.registry().put(Apps.service("root", "/"));

        try (ExecutorService clients = Executors.newCachedThreadPool()) {
            List<Future<String>> answers = new ArrayList<>();
            try (AppHold hold = router.hold(BUNDLE)) {
                assertTrue(hold.awaitIdle(Duration.ofSeconds(1)));
                for (int i = 0; i < 8; i++) {
                    answers.add(clients.submit(() -> get("/swap/x")));
                }
                // The gap of an update: no app of the bundle is registered, and "/" would cover the path.
                awaitWaiting(8);
                router.registry().remove(v1.serviceId());
                assertEquals(List.of(), router.mounts().stream().filter(m -> m.name().equals("swap")).toList());
                router.registry().put(Apps.inBundle(BUNDLE, "swap", "/swap", Apps.named("v2")));
            }
            for (Future<String> answer : answers) {
                assertEquals("200 v2", answer.get(5, TimeUnit.SECONDS));
            }
        }
    }

    @Test
    void aHoldWaitsForTheRequestsAlreadyRunning() throws Exception {
        CountDownLatch inside = new CountDownLatch(1);
        CountDownLatch finish = new CountDownLatch(1);
        router.registry().put(Apps.inBundle(BUNDLE, "slow", "/slow", (request, response) -> {
            inside.countDown();
            finish.await();
            response.send("old revision");
        }));
        try (ExecutorService clients = Executors.newCachedThreadPool()) {
            Future<String> running = clients.submit(() -> get("/slow"));
            assertTrue(inside.await(5, TimeUnit.SECONDS));
            try (AppHold hold = router.hold(BUNDLE)) {
                assertEquals(1, hold.inFlight());
                assertFalse(hold.awaitIdle(Duration.ofMillis(50)));
                finish.countDown();
                assertTrue(hold.awaitIdle(Duration.ofSeconds(5)));
                assertEquals(0, hold.inFlight());
            }
            assertEquals("200 old revision", running.get(5, TimeUnit.SECONDS));
        }
    }

    @Test
    void aRequestHeldPastTheTimeoutIsA503WithRetryAfter() throws Exception {
        router.holdTimeout(Duration.ofMillis(100));
        router.registry().put(Apps.inBundle(BUNDLE, "swap", "/swap", Apps.named("v1")));
        try (AppHold hold = router.hold(BUNDLE)) {
            RecordingResponse response = TestRequest.get("/swap").header("Host", "x").sendTo(router);
            assertEquals(503, response.status());
            assertEquals("1", response.headers().first("Retry-After"));
            assertEquals("503 Service Unavailable: the app is being redeployed (waited 0 s)\n", response.bodyText());
        }
    }

    @Test
    void otherAppsAreNotHeld() throws Exception {
        router.holdTimeout(Duration.ofMillis(100));
        router.registry().put(Apps.inBundle(BUNDLE, "swap", "/swap", Apps.named("v1")));
        router.registry().put(Apps.inBundle(7, "other", "/other", Apps.named("other")));
        try (AppHold hold = router.hold(BUNDLE)) {
            assertEquals("200 other", get("/other"));
        }
        assertEquals("200 v1", get("/swap"));
    }

    @Test
    void afterAnUninstallTheHeldRequestsGetA404() throws Exception {
        AppService v1 = Apps.inBundle(BUNDLE, "swap", "/swap", Apps.named("v1"));
        router.registry().put(v1);
        try (ExecutorService clients = Executors.newCachedThreadPool()) {
            Future<String> answer;
            try (AppHold hold = router.hold(BUNDLE)) {
                answer = clients.submit(() -> get("/swap"));
                router.registry().remove(v1.serviceId());
                awaitWaiting(1);
            }
            assertEquals("404 404 Not Found\n", answer.get(5, TimeUnit.SECONDS));
        }
    }

    @Test
    void aBundleCannotBeHeldTwice() {
        router.registry().put(Apps.inBundle(BUNDLE, "swap", "/swap", Apps.named("v1")));
        try (AppHold hold = router.hold(BUNDLE)) {
            assertThrows(IllegalStateException.class, () -> router.hold(BUNDLE));
        }
        router.hold(BUNDLE).close();
    }

    private String get(String path) throws Exception {
        waiting.incrementAndGet();
        RecordingResponse response = TestRequest.get(path).header("Host", "x").sendTo(router);
        return response.status() + " " + response.bodyText();
    }

    /** Until this many client threads are parked in the router, waiting on the hold (platform threads: virtual ones are not listed). */
    private void awaitWaiting(int count) throws InterruptedException {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(5);
        while (waiting.get() < count || Thread.getAllStackTraces().keySet().stream().filter(this::parkedInRouter).count() < count) {
            assertTrue(System.nanoTime() < deadline, "no request is waiting on the hold");
            Thread.sleep(5);
        }
    }

    private boolean parkedInRouter(Thread thread) {
        for (StackTraceElement frame : thread.getStackTrace()) {
            if (frame.getClassName().equals(BundleActivity.class.getName()) && frame.getMethodName().equals("awaitRelease")) {
                return true;
            }
        }
        return false;
    }
}
