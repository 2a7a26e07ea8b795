package io.narwhal.router;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.narwhal.testkit.RecordingResponse;
import io.narwhal.testkit.TestRequest;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

class ConcurrentRoutingTest {

    @Test
    void routingWhileAppsComeAndGoNeverFails() throws Exception {
        AppRouter router = new AppRouter();
        router.registry().put(Apps.service("stable", "/stable"));
        AtomicBoolean churning = new AtomicBoolean(true);
        ConcurrentLinkedQueue<Throwable> failures = new ConcurrentLinkedQueue<>();
        AtomicInteger served = new AtomicInteger();
        CountDownLatch routersStarted = new CountDownLatch(4);

        try (ExecutorService threads = Executors.newFixedThreadPool(5)) {
            for (int i = 0; i < 4; i++) {
                threads.submit(() -> {
                    routersStarted.countDown();
                    while (churning.get()) {
                        try {
                            for (String target : List.of("/stable/x", "/a/1", "/b", "/a/b/c", "/")) {
                                checkAnswer(target, TestRequest.get(target).header("Host", "x").sendTo(router));
                            }
                            served.incrementAndGet();
                        } catch (Throwable failure) {
                            failures.add(failure);
                            return;
                        }
                    }
                });
            }
            threads.submit(() -> {
                try {
                    routersStarted.await();
                    for (int round = 0; round < 2_000; round++) {
                        AppService a = Apps.service("a", "/a");
                        AppService ab = Apps.service("ab", "/a/b");
                        router.registry().put(a);
                        router.registry().put(ab);
                        router.registry().remove(a.serviceId());
                        router.registry().remove(ab.serviceId());
                    }
                } catch (Throwable failure) {
                    failures.add(failure);
                } finally {
                    churning.set(false);
                }
            });
            threads.shutdown();
            assertTrue(threads.awaitTermination(60, TimeUnit.SECONDS));
        }

        assertTrue(failures.isEmpty(), () -> "failures: " + failures);
        assertTrue(served.get() > 0);
        assertEquals(List.of("stable"), router.mounts().stream().map(m -> m.name()).toList());
    }

    /** Each answer must come from a table that existed: the right app or a 404, never a wrong app. */
    private static void checkAnswer(String target, RecordingResponse response) {
        Set<String> allowed = switch (target) {
            case "/stable/x" -> Set.of("stable");
            case "/a/1" -> Set.of("a", "404 Not Found\n");
            case "/a/b/c" -> Set.of("a", "ab", "404 Not Found\n");
            default -> Set.of("404 Not Found\n");
        };
        if (!allowed.contains(response.bodyText())) {
            throw new AssertionError(target + " answered " + response.bodyText());
        }
    }
}
