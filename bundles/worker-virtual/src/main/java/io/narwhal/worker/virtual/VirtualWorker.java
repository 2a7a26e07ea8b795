package io.narwhal.worker.virtual;

import io.narwhal.api.codec.ConnectionOptions;
import io.narwhal.api.worker.WorkerContext;
import io.narwhal.api.worker.WorkerType;
import java.io.IOException;
import java.nio.channels.SelectionKey;
import java.nio.channels.Selector;
import java.nio.channels.ServerSocketChannel;
import java.nio.channels.SocketChannel;
import java.util.concurrent.locks.LockSupport;
import org.osgi.service.component.annotations.Component;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A virtual thread per connection, running the same blocking app code as sync: Gunicorn's gevent without the
 * monkey-patching. Connections are kept alive, so a client waiting between requests costs a parked virtual thread,
 * not a platform thread; at most worker_connections are open per worker, past that new ones wait in the backlog.
 * On stop: the connections queued on the listener are taken and served, then nothing more is accepted; connections
 * waiting between requests are closed, and requests in flight finish with {@code Connection: close}.
 */
@Component(property = WorkerType.WORKER_CLASS + "=virtual")
public final class VirtualWorker implements WorkerType {
    private static final Logger LOG = LoggerFactory.getLogger(VirtualWorker.class);
    private static final long ACCEPT_FAILURE_PAUSE_NANOS = 10_000_000;

    @Override
    public void serve(WorkerContext context) throws IOException {
        ConnectionOptions options = context.settings().connectionOptions(true);
        OpenConnections open = new OpenConnections(context, options, context.countingHandler());
        long pollMillis = Math.clamp(context.settings().timeout().toMillis() / 4, 50, 1000);
        try (Selector selector = Selector.open()) {
            context.onStop(() -> {
                open.stop();
                selector.wakeup();
            });
            ServerSocketChannel listener = context.listener();
            SelectionKey accepting = listener.register(selector, SelectionKey.OP_ACCEPT);
            while (context.running()) {
                context.notifyAlive();
                if (!open.awaitRoom(pollMillis)) {
                    continue; // worker_connections are open: the rest wait in the backlog for this or another worker
                }
                selector.select(pollMillis);
                selector.selectedKeys().clear();
                if (accepting.isValid() && context.running()) {
                    acceptWhileRoom(listener, open);
                }
            }
            open.stop();
            // What is queued on the listener is served too, as room allows, until the backlog is empty.
            while (!acceptWhileRoom(listener, open)) {
                context.notifyAlive();
                open.awaitRoom(pollMillis);
            }
            LOG.debug("stopped accepting: the backlog is empty");
        }
        // After the selector's close: a channel still registered with one would keep its descriptor open.
        context.acceptingDone();
        open.awaitAllClosed(context::notifyAlive);
    }

    /** Accepts while there is room; whether it emptied the backlog. */
    private static boolean acceptWhileRoom(ServerSocketChannel listener, OpenConnections open) {
        while (open.hasRoom()) {
            SocketChannel channel;
            try {
                // Every worker's selector wakes for a new connection; the others get null here.
                channel = listener.accept();
            } catch (IOException e) {
                // A connection reset while queued, too many open files: that connection's loss, not the worker's.
                LOG.warn("accept failed: {}", e.toString());
                LockSupport.parkNanos(ACCEPT_FAILURE_PAUSE_NANOS);
                return false;
            }
            if (channel == null) {
                return true;
            }
            open.serve(channel);
        }
        return false;
    }
}
