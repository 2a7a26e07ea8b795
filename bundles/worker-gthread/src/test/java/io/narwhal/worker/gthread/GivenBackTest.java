package io.narwhal.worker.gthread;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CountDownLatch;
import org.junit.jupiter.api.Test;

class GivenBackTest {
    private static List<PolledConnection> taken(GivenBack givenBack) {
        List<PolledConnection> order = new ArrayList<>();
        PolledConnection next = givenBack.takeAll();
        while (next != null) {
            order.add(next);
            PolledConnection after = next.givenBackBefore;
            next.givenBackBefore = null; // as a turn does
            next = after;
        }
        return order;
    }

    @Test
    void aTurnTakesWhatWasGivenBackOldestFirstAndOnlyOnce() {
        GivenBack givenBack = new GivenBack();
        assertNull(givenBack.takeAll());
        List<PolledConnection> connections = new ArrayList<>();
        for (int i = 0; i < 5; i++) {
            connections.add(new PolledConnection(null, null));
            givenBack.add(connections.get(i));
        }
        assertEquals(connections, taken(givenBack));
        assertEquals(List.of(), taken(givenBack));
        givenBack.add(connections.get(3));
        givenBack.add(connections.get(0));
        assertEquals(List.of(connections.get(3), connections.get(0)), taken(givenBack));
    }

    @Test
    void connectionsGivenBackByManyThreadsAtOnceAreEachTakenOnce() throws Exception {
        GivenBack givenBack = new GivenBack();
        int threads = 4;
        int each = 20_000;
        CountDownLatch start = new CountDownLatch(1);
        List<Thread> givers = new ArrayList<>();
        for (int t = 0; t < threads; t++) {
            givers.add(Thread.ofPlatform().start(() -> {
                try {
                    start.await();
                } catch (InterruptedException e) {
                    throw new AssertionError(e);
                }
                for (int i = 0; i < each; i++) {
                    givenBack.add(new PolledConnection(null, null));
                }
            }));
        }
        start.countDown();
        Set<PolledConnection> seen = new HashSet<>();
        int taken = 0;
        boolean giving = true;
        while (giving) {
            giving = givers.stream().anyMatch(Thread::isAlive); // read before the take: after it, nothing is left
            for (PolledConnection connection : taken(givenBack)) {
                seen.add(connection);
                taken++;
            }
        }
        assertEquals(threads * each, taken);
        assertEquals(threads * each, seen.size());
    }
}
