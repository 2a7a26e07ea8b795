package io.narwhal.worker.sync;

import io.narwhal.api.app.HttpApp;
import io.narwhal.api.codec.ConnectionOptions;
import io.narwhal.api.codec.HttpConnection;
import io.narwhal.api.codec.Transport;
import io.narwhal.api.worker.WorkerContext;
import io.narwhal.api.worker.WorkerType;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.channels.SelectionKey;
import java.nio.channels.Selector;
import java.nio.channels.ServerSocketChannel;
import java.nio.channels.SocketChannel;
import java.time.Duration;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.FutureTask;
import java.util.concurrent.locks.LockSupport;
import org.osgi.service.component.annotations.Component;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Gunicorn's default worker type: one connection, one request at a time per process. Every response
 * says {@code Connection: close}: with keep-alive, one idle client would hold the only thread while
 * every other connection starved in the backlog.
 */
@Component(property = WorkerType.WORKER_CLASS + "=sync")
public final class SyncWorker implements WorkerType {
    private static final Logger LOG = LoggerFactory.getLogger(SyncWorker.class);
    private static final long ACCEPT_FAILURE_PAUSE_NANOS = 10_000_000;

    /**
     * Serves on a thread of its own per app generation: when an app revision is retired, the next connection is
     * taken by a fresh thread and the old one ends, taking with it whatever ThreadLocal an app left on it.
     */
    @Override
    public void serve(WorkerContext context) throws IOException {
        ConnectionOptions options = new ConnectionOptions(false, context.settings().limits(),
                context.settings().headerTimeout(), context.settings().compliance());
        HttpApp counting = countingRequests(context);
        try (Selector selector = Selector.open()) {
            context.onStop(selector::wakeup);
            context.listener().register(selector, SelectionKey.OP_ACCEPT);
            while (context.running()) {
                long generation = context.appGeneration();
                FutureTask<Void> serving = new FutureTask<>(() -> {
                    acceptWhile(generation, selector, context, options, counting);
                    return null;
                });
                Thread.ofPlatform().name("narwhal-sync-" + generation).start(serving);
                awaitServing(serving);
            }
        }
    }

    private static void acceptWhile(long generation, Selector selector, WorkerContext context, ConnectionOptions options,
            HttpApp handler) throws IOException {
        long pollMillis = Math.clamp(context.settings().timeout().toMillis() / 4, 50, 1000);
        ServerSocketChannel listener = context.listener();
        while (context.running() && context.appGeneration() == generation) {
            context.notifyAlive();
            selector.select(pollMillis);
            selector.selectedKeys().clear();
            if (!context.running()) {
                break;
            }
            // Every worker's selector wakes for a new connection; the others get null here.
            SocketChannel accepted = accept(listener);
            if (accepted != null) {
                serveConnection(accepted, context, options, handler);
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

    /**
     * Accepts one connection, or null. A failed accept (a connection reset while queued, too many open files)
     * costs that connection, not the worker: log it, pause briefly so a lasting cause does not spin, go on.
     */
    private static SocketChannel accept(ServerSocketChannel listener) {
        try {
            return listener.accept();
        } catch (IOException e) {
            LOG.warn("accept failed: {}", e.toString());
            LockSupport.parkNanos(ACCEPT_FAILURE_PAUSE_NANOS);
            return null;
        }
    }

    private static void serveConnection(SocketChannel channel, WorkerContext context, ConnectionOptions options,
            HttpApp handler) {
        try (channel) {
            channel.configureBlocking(true);
            Socket socket = channel.socket();
            socket.setTcpNoDelay(true);
            // A client silent for half the timeout is dropped before the master could take the worker for hung, and
            // one silent past the head deadline sooner: a read never outlasts what the codec would allow.
            socket.setSoTimeout((int) Math.max(1, Math.min(Integer.MAX_VALUE, readTimeout(context).toMillis())));
            Transport transport = new Transport(new AliveOnRead(socket.getInputStream(), context::notifyAlive),
                    socket.getOutputStream(),
                    (InetSocketAddress) channel.getRemoteAddress(), (InetSocketAddress) channel.getLocalAddress(),
                    "http", channel);
            try (HttpConnection connection = context.codec().open(transport, options)) {
                while (connection.serveNext(handler) && context.running()) {
                    context.notifyAlive();
                }
            }
        } catch (IOException e) {
            LOG.debug("connection ended: {}", e.toString());
        }
    }

    private static Duration readTimeout(WorkerContext context) {
        Duration half = context.settings().timeout().dividedBy(2);
        Duration head = context.settings().headerTimeout();
        return head.isZero() || head.compareTo(half) > 0 ? half : head;
    }

    private static HttpApp countingRequests(WorkerContext context) {
        HttpApp handler = context.handler();
        return (request, response) -> {
            try {
                handler.handle(request, response);
            } finally {
                context.requestServed();
            }
        };
    }
}
