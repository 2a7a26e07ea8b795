package io.narwhal.router;

import java.time.Duration;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * One app bundle's traffic, across its revisions: how many of its requests run now, and whether new ones must
 * wait while it is replaced. A request counts itself in before it looks at the hold, and the hold is set before
 * its holder counts the requests, so a request either is counted or sees the hold: none slips past both.
 */
final class BundleActivity {
    private final long bundleId;
    private final AtomicInteger inFlight = new AtomicInteger();
    private volatile CountDownLatch hold;

    BundleActivity(long bundleId) {
        this.bundleId = bundleId;
    }

    long bundleId() {
        return bundleId;
    }

    /** Counts a request in, unless the bundle is held: then nothing is counted and the caller must wait. */
    boolean tryEnter() {
        inFlight.incrementAndGet();
        if (hold == null) {
            return true;
        }
        exit();
        return false;
    }

    void exit() {
        if (inFlight.decrementAndGet() == 0 && hold != null) {
            synchronized (this) {
                notifyAll();
            }
        }
    }

    int inFlight() {
        return inFlight.get();
    }

    boolean isHeld() {
        return hold != null;
    }

    /** Waits while the bundle is held; false when still held after {@code nanos}. */
    boolean awaitRelease(long nanos) throws InterruptedException {
        CountDownLatch current = hold;
        return current == null || current.await(nanos, TimeUnit.NANOSECONDS);
    }

    void hold() {
        if (hold != null) {
            throw new IllegalStateException("bundle " + bundleId + " is held already");
        }
        hold = new CountDownLatch(1);
    }

    /** Ends the hold; the caller publishes the routes the waiting requests should see first, then releases them. */
    CountDownLatch unhold() {
        CountDownLatch current = hold;
        hold = null;
        return current;
    }

    synchronized boolean awaitIdle(Duration timeout) throws InterruptedException {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (inFlight.get() > 0) {
            long left = deadline - System.nanoTime();
            if (left <= 0) {
                return false;
            }
            TimeUnit.NANOSECONDS.timedWait(this, left);
        }
        return true;
    }
}
