package io.narwhal.worker.gthread;

import io.narwhal.api.worker.WorkerContext;
import io.narwhal.api.worker.WorkerType;
import java.io.IOException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Supplier;
import org.osgi.service.component.annotations.Component;

/**
 * Gunicorn's gthread: {@code threads} platform threads serve requests, for apps that want a real thread per
 * request; every connection waiting for a request, new or kept alive, waits on one selector ({@link Poller}), so
 * idle clients cost no thread. At most worker_connections per worker. On stop, the connections queued on the listener
 * are taken and served, then nothing more is accepted; connections idle between requests close, and requests in
 * flight finish with {@code Connection: close}.
 */
@Component(property = WorkerType.WORKER_CLASS + "=gthread")
public final class GthreadWorker implements WorkerType {
    @Override
    public void serve(WorkerContext context) throws IOException {
        AtomicInteger threadNumber = new AtomicInteger();
        int size = Math.max(1, context.settings().threads());
        // A pool per app generation: Poller starts a fresh one when an app revision is retired, so a ThreadLocal an
        // app left on a pool thread ends with that thread instead of keeping the old revision's classes alive.
        Supplier<ExecutorService> pools = () -> Executors.newFixedThreadPool(size,
                task -> Thread.ofPlatform().name("narwhal-gthread-" + threadNumber.incrementAndGet())
                        .unstarted(ThreadSelectors.withSelector(task)));
        try (Poller poller = new Poller(context, pools)) {
            context.onStop(poller::wakeup);
            poller.run();
        }
    }
}
