package io.narwhal.worker.gthread;

import io.narwhal.api.worker.WorkerContext;
import io.narwhal.api.worker.WorkerType;
import java.io.IOException;
import org.osgi.service.component.annotations.Component;

/**
 * Gunicorn's gthread: {@code threads} platform threads serve requests, for apps that want a real thread per request;
 * every connection waiting for a request, new or kept alive, waits on one selector ({@link Poller}), so idle clients
 * cost no thread, and the threads take turns waiting on it ({@link LeaderFollowers}), so a request is served on the
 * thread that heard it. At most worker_connections per worker. On stop, the connections queued on the listener are
 * taken and served, then nothing more is accepted; connections idle between requests close, and requests in flight
 * finish with {@code Connection: close}.
 */
@Component(property = WorkerType.WORKER_CLASS + "=gthread")
public final class GthreadWorker implements WorkerType {
    @Override
    public void serve(WorkerContext context) throws IOException {
        try (Poller poller = new Poller(context)) {
            context.onStop(poller::wakeup);
            new LeaderFollowers(context, poller).run();
        }
    }
}
