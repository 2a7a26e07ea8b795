package io.narwhal.http1;

import java.time.Duration;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * Runs each input on a worker thread and gives up on it past a deadline, so that a loop in the codec fails the
 * input that caused it instead of stalling the build. JUnit's preemptive @Timeout would not do: under Jazzer's
 * fuzzing it bounds the whole run, not one input. One thread serves every input while none hangs.
 */
final class HangGuard {
    private final Duration limit;
    private ExecutorService worker = newWorker();

    HangGuard(Duration limit) {
        this.limit = limit;
    }

    /** The task's result, or what it threw, rethrown here; an AssertionError when it outlives the limit. */
    synchronized <T> T call(Callable<T> task) throws Exception {
        Future<T> result = worker.submit(task);
        try {
            return result.get(limit.toMillis(), TimeUnit.MILLISECONDS);
        } catch (TimeoutException hung) {
            // The stuck thread can not be stopped; it is a daemon, and later inputs get a thread of their own.
            worker.shutdownNow();
            worker = newWorker();
            throw new AssertionError("no end within " + limit.toMillis() + " ms: a loop in the codec?");
        } catch (ExecutionException failed) {
            if (failed.getCause() instanceof Error error) {
                throw error;
            }
            throw (Exception) failed.getCause();
        }
    }

    private static ExecutorService newWorker() {
        return Executors.newSingleThreadExecutor(task -> {
            Thread thread = new Thread(task, "fuzz-input");
            thread.setDaemon(true);
            return thread;
        });
    }
}
