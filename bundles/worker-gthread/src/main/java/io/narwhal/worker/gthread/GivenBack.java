package io.narwhal.worker.gthread;

import java.util.concurrent.atomic.AtomicReference;

/**
 * The kept-alive connections their threads have given back since the last turn: a stack linked through the
 * connections, so giving one back allocates nothing (a ConcurrentLinkedQueue took a node per request). Any thread
 * gives back; a turn takes them all at once, oldest first.
 */
final class GivenBack {
    private final AtomicReference<PolledConnection> latest = new AtomicReference<>();

    void add(PolledConnection connection) {
        PolledConnection before;
        do {
            before = latest.get();
            connection.givenBackBefore = before;
        } while (!latest.compareAndSet(before, connection));
    }

    /** Takes every connection given back, oldest first, as a chain through {@code givenBackBefore}; null if none. */
    PolledConnection takeAll() {
        PolledConnection newest = latest.getAndSet(null);
        PolledConnection oldest = null;
        while (newest != null) { // reverses the chain
            PolledConnection next = newest.givenBackBefore;
            newest.givenBackBefore = oldest;
            oldest = newest;
            newest = next;
        }
        return oldest;
    }
}
