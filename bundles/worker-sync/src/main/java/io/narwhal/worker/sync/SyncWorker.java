package io.narwhal.worker.sync;

import io.narwhal.api.app.HttpApp;
import io.narwhal.api.codec.ConnectionOptions;
import io.narwhal.api.codec.HttpConnection;
import io.narwhal.api.worker.WorkerContext;
import io.narwhal.api.worker.WorkerType;
import java.io.IOException;
import java.nio.channels.SocketChannel;
import java.time.Duration;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.FutureTask;
import org.osgi.service.component.annotations.Component;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Gunicorn's default worker type: one connection, one request at a time per process. Every response
 * says {@code Connection: close}: with keep-alive, one idle client would hold the only thread while
 * every other connection starved in the backlog. Unlike Gunicorn's, a connection only gets the thread once
 * its request head is whole ({@link ParkedHeads}): a client trickling its head holds nobody up.
 */
@Component(property = WorkerType.WORKER_CLASS + "=sync")
public final class SyncWorker implements WorkerType {
    private static final Logger LOG = LoggerFactory.getLogger(SyncWorker.class);

    /**
     * Serves on a thread of its own per app generation: when an app revision is retired, the next connection is
     * taken by a fresh thread and the old one ends, taking with it whatever ThreadLocal an app left on it.
     */
    @Override
    public void serve(WorkerContext context) throws IOException {
        ConnectionOptions options = context.settings().connectionOptions(false);
        HttpApp counting = context.countingHandler();
        try (ParkedHeads heads = new ParkedHeads(context, options, readTimeout(context))) {
            context.onStop(heads::wakeup);
            while (context.running() || heads.hasWaiting()) {
                long generation = context.appGeneration();
                FutureTask<Void> serving = new FutureTask<>(() -> {
                    serveWhile(generation, heads, context, counting);
                    return null;
                });
                Thread.ofPlatform().name("narwhal-sync-" + generation).start(serving);
                awaitServing(serving);
            }
        }
    }

    private static void serveWhile(long generation, ParkedHeads heads, WorkerContext context, HttpApp handler)
            throws IOException {
        long pollMillis = Math.clamp(context.settings().timeout().toMillis() / 4, 50, 1000);
        while ((context.running() || heads.hasWaiting()) && context.appGeneration() == generation) {
            context.notifyAlive();
            ParkedHeads.Ready next = heads.next(pollMillis);
            if (next != null) {
                serveConnection(next, context, handler);
            }
        }
    }

    /** The serving thread's failure is this worker's: an Error (out of memory) above all goes up unchanged. */
    private static void awaitServing(FutureTask<Void> serving) throws IOException {
        try {
            serving.get();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IOException("interrupted while serving", e);
        } catch (ExecutionException e) {
            switch (e.getCause()) {
                case IOException io -> throw io;
                case RuntimeException runtime -> throw runtime;
                case Error error -> throw error;
                default -> throw new IOException(e.getCause());
            }
        }
    }

    private static void serveConnection(ParkedHeads.Ready ready, WorkerContext context, HttpApp handler) {
        try (SocketChannel channel = ready.channel(); HttpConnection connection = ready.connection()) {
            while (connection.serveNext(handler) && context.running()) {
                context.notifyAlive();
            }
        } catch (IOException e) {
            LOG.debug("connection ended: {}", e.toString());
        }
    }

    /**
     * A client silent for half the timeout is dropped before the master could take the worker for hung, and one
     * silent past the head deadline sooner: a read never outlasts what the codec would allow.
     */
    private static Duration readTimeout(WorkerContext context) {
        Duration half = context.settings().timeout().dividedBy(2);
        Duration head = context.settings().headerTimeout();
        return head.isZero() || head.compareTo(half) > 0 ? half : head;
    }
}
