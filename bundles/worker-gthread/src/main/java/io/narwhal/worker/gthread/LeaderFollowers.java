package io.narwhal.worker.gthread;

import io.narwhal.api.worker.WorkerContext;
import java.io.IOException;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.locks.Condition;
import java.util.concurrent.locks.ReentrantLock;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The gthread worker's {@code threads} threads, taking turns at the {@link Poller}. A thread with nothing to serve
 * leads (waits on the selector) if nobody does; a leader serves what its turn found itself, one connection after
 * another, then leads again: a request is served on the thread that heard it, with no hand-over and no wake of
 * another thread, which on a busy worker is most of a request's cost. Of the threads left free, one stands by and
 * looks every {@link #STALLED_NANOS}: should the serving thread have been in the app that long with nobody leading (an
 * app that blocks, or a slow request), it takes over, serving what is found and waiting or leading, and another free
 * thread stands by in its place. So the threads a worker runs at once grow with what its app blocks on, not with its
 * load. While every thread is in the app, the worker's own thread takes a turn every {@link #UNHEARD_NANOS}: the
 * selector is still heard, deadlines kept and the master told the worker lives; what it finds waits for the first
 * thread free. Threads are renewed between requests when an app revision is retired
 * ({@link WorkerContext#appGeneration()}).
 */
final class LeaderFollowers {
    private static final Logger LOG = LoggerFactory.getLogger(LeaderFollowers.class);
    static final long STALLED_NANOS = 1_000_000;
    static final long UNHEARD_NANOS = 10_000_000;

    private final WorkerContext context;
    private final Poller poller;
    private final int size;
    private final ReentrantLock lock = new ReentrantLock();
    /** The one thread standing by waits here, timed; the other free threads wait on followers. */
    private final Condition standby = lock.newCondition();
    private final Condition followers = lock.newCondition();
    /** The worker's own thread waits here, apart from the followers, so a follower's wake never goes to it. */
    private final Condition watcher = lock.newCondition();
    private final Condition threadEnded = lock.newCondition();
    // Everything below is guarded by lock.
    /** Connections found ready by a turn, not yet taken by a thread, oldest first. */
    private final ArrayDeque<PolledConnection> ready = new ArrayDeque<>();
    /** The leader's turn's findings; only the leader uses it. */
    private final List<PolledConnection> found = new ArrayList<>();
    private boolean leading;
    private boolean standingBy;
    private int waitingFollowers;
    private long lastTurnNanos = System.nanoTime();
    /** The last turn's end or take from ready: while nobody leads, the serving thread has been in the app since. */
    private long lastProgressNanos = lastTurnNanos;
    private int liveThreads;
    private int threadNumber;
    private boolean done;
    private IOException failure;

    LeaderFollowers(WorkerContext context, Poller poller) {
        this.context = context;
        this.poller = poller;
        this.size = Math.max(1, context.settings().threads());
    }

    /**
     * Starts the threads, then, on the calling thread, watches over them until the poller has nothing left to do
     * (the worker stopped and every connection ended), and waits for them to end.
     */
    void run() throws IOException {
        lock.lock();
        try {
            for (int i = 0; i < size; i++) {
                startThread();
            }
            while (!done) {
                if (!leading && !standingBy && waitingFollowers == 0
                        && System.nanoTime() - lastTurnNanos >= UNHEARD_NANOS) {
                    lead(true); // every thread is in the app; its findings wait in ready for the first one free
                } else {
                    watcher.awaitNanos(UNHEARD_NANOS);
                }
            }
            awaitThreads();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } finally {
            lock.unlock();
        }
        if (failure != null) {
            throw failure;
        }
    }

    private void startThread() {
        long generation = context.appGeneration();
        Runnable work = ThreadSelectors.withSelector(() -> serveUntilDone(generation));
        Thread.ofPlatform().name("narwhal-gthread-" + ++threadNumber).start(() -> {
            boolean returned = false;
            try {
                work.run();
                returned = true;
            } finally {
                threadEnded(returned);
            }
        });
        liveThreads++;
    }

    /** A thread ended; one that a fatal error ended (it goes on to the uncaught-exception handler) is replaced. */
    private void threadEnded(boolean returned) {
        lock.lock();
        try {
            liveThreads--;
            if (!returned && !done) {
                LOG.error("a gthread thread ended with a fatal error; another takes its place");
                startThread();
            }
            threadEnded.signalAll();
        } finally {
            lock.unlock();
        }
    }

    private void serveUntilDone(long generation) {
        PolledConnection connection;
        while ((connection = nextWork(generation)) != null) {
            poller.serve(connection);
        }
    }

    /** The next connection for this thread to serve, after leading or standing by as it should; null: it ends. */
    private PolledConnection nextWork(long generation) {
        lock.lock();
        try {
            while (true) {
                if (done && ready.isEmpty()) {
                    return null;
                }
                if (generation != context.appGeneration()) {
                    startThread(); // its successor takes on whatever this thread would have
                    return null;
                }
                if (!ready.isEmpty()) {
                    lastProgressNanos = System.nanoTime();
                    return ready.poll();
                }
                if (!leading) { // ready is empty and done is not: something is left to hear
                    lead(false);
                } else if (standingBy) {
                    waitingFollowers++;
                    try {
                        followers.await();
                    } finally {
                        waitingFollowers--;
                    }
                } else {
                    standBy(generation);
                }
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return null;
        } finally {
            lock.unlock();
        }
    }

    /**
     * Watches, a millisecond at a time, the thread that serves while nobody leads; returns when that thread has been
     * in the app for {@link #STALLED_NANOS} (this one then takes over), or when the threads end or are renewed.
     */
    private void standBy(long generation) throws InterruptedException {
        standingBy = true;
        try {
            do {
                standby.awaitNanos(STALLED_NANOS);
            } while (!done && generation == context.appGeneration()
                    && (leading || System.nanoTime() - lastProgressNanos < STALLED_NANOS));
        } finally {
            standingBy = false;
        }
        if (waitingFollowers > 0) {
            followers.signal(); // to stand by in its place
        }
    }

    /**
     * One turn at the poller, the lock let go meanwhile; what it found joins ready. A hurried turn waits on the
     * selector at most a millisecond: it is the worker's own thread's, standing in while every thread is in the app.
     */
    private void lead(boolean hurry) {
        leading = true;
        long generation = context.appGeneration();
        boolean more = false;
        lock.unlock();
        try {
            more = poller.turn(found, hurry);
        } catch (IOException e) {
            LOG.error("the worker's selector failed", e);
            failure = e;
        } finally {
            lock.lock();
            leading = false;
        }
        lastTurnNanos = System.nanoTime();
        lastProgressNanos = lastTurnNanos;
        for (int i = 0; i < found.size(); i++) {
            ready.addLast(found.get(i)); // addAll would make a method reference per turn
        }
        found.clear();
        if (!more) {
            done = true;
            followers.signalAll();
            standby.signal();
            watcher.signal();
        } else if (generation != context.appGeneration()) {
            followers.signalAll(); // waiting threads are renewed too
            standby.signal();
        }
    }

    /** Waits, at most the worker's timeout, for the threads to finish their requests and end. */
    private void awaitThreads() throws InterruptedException {
        long left = context.settings().timeout().toNanos();
        while (liveThreads > 0 && left > 0) {
            left = threadEnded.awaitNanos(left);
        }
        if (liveThreads > 0) {
            LOG.warn("{} gthread threads still busy after the timeout", liveThreads);
        }
    }
}
