package io.narwhal.worker.virtual;

import io.narwhal.api.app.HttpApp;
import io.narwhal.api.codec.ConnectionOptions;
import io.narwhal.api.codec.HttpConnection;
import io.narwhal.api.codec.Transport;
import io.narwhal.api.worker.WorkerContext;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.channels.SocketChannel;
import java.time.Duration;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The worker's open connections, each served on its own virtual thread, at most worker_connections at once. The
 * codec bounds each read through the socket's timeout per phase (keepalive between requests, the head's deadline);
 * a body's reads wait at most {@code timeout}, beyond which the client is gone for this worker's purposes.
 */
final class OpenConnections {
    private static final Logger LOG = LoggerFactory.getLogger(OpenConnections.class);

    /** An open connection; {@code answered} once its first request was served, so that it may be kept idle. */
    private static final class Served {
        final SocketChannel channel;
        final HttpConnection connection;
        volatile boolean answered;

        Served(SocketChannel channel, HttpConnection connection) {
            this.channel = channel;
            this.connection = connection;
        }
    }

    private final WorkerContext context;
    private final ConnectionOptions options;
    private final HttpApp handler;
    private final int capacity;
    private final Semaphore room;
    private final Set<Served> open = ConcurrentHashMap.newKeySet();
    private volatile boolean stopping;

    OpenConnections(WorkerContext context, ConnectionOptions options, HttpApp handler) {
        this.context = context;
        this.options = options;
        this.handler = handler;
        this.capacity = Math.max(1, context.settings().workerConnections());
        this.room = new Semaphore(capacity);
    }

    boolean hasRoom() {
        return room.availablePermits() > 0;
    }

    /** Waits up to maxWaitMillis for room for one more connection. */
    boolean awaitRoom(long maxWaitMillis) {
        if (hasRoom()) {
            return true;
        }
        try {
            if (room.tryAcquire(maxWaitMillis, TimeUnit.MILLISECONDS)) {
                room.release();
                return true;
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        return false;
    }

    /** Serves a freshly accepted connection on a virtual thread of its own. */
    void serve(SocketChannel channel) {
        if (!room.tryAcquire()) {
            closeQuietly(channel); // not reached: the acceptor asks hasRoom first, and only it takes room
            return;
        }
        Served served;
        try {
            served = new Served(channel, open(channel));
        } catch (IOException | RuntimeException e) {
            LOG.debug("accepted connection failed: {}", e.toString());
            closeQuietly(channel);
            room.release();
            return;
        }
        if (stopping) {
            served.connection.closeAfterResponse(); // taken from the backlog of a stopping worker
        }
        open.add(served);
        startThread(served);
    }

    private void startThread(Served served) {
        Thread.ofVirtual().name("narwhal-virtual-connection").start(() -> run(served));
    }

    private HttpConnection open(SocketChannel channel) throws IOException {
        Socket socket = channel.socket();
        socket.setTcpNoDelay(true);
        int bodyTimeoutMillis = (int) Math.min(Integer.MAX_VALUE, context.settings().timeout().toMillis());
        socket.setSoTimeout(bodyTimeoutMillis);
        Transport transport = new Transport(socket.getInputStream(), socket.getOutputStream(),
                (InetSocketAddress) channel.getRemoteAddress(), (InetSocketAddress) channel.getLocalAddress(), "http",
                channel, timeout -> socket.setSoTimeout(timeout.isZero() ? bodyTimeoutMillis : millis(timeout)));
        return context.codec().open(transport, options);
    }

    /**
     * Whole milliseconds, rounded up: a read given what is left of a deadline must not time out before it (the codec
     * takes a timeout short of its head deadline for a read that failed, not for the deadline's 408).
     */
    static int millis(Duration timeout) {
        return (int) Math.clamp(timeout.plusNanos(999_999).toMillis(), 1, Integer.MAX_VALUE);
    }

    /**
     * Serves the connection's requests until it ends. A connection outliving an app revision goes on on a new virtual
     * thread, between two requests, and this one ends: an app's ThreadLocal on it must not keep the retired
     * revision's classes alive, and the client, told its connection is kept, must not find it closed.
     */
    private void run(Served served) {
        long generation = context.appGeneration();
        boolean handedOver = false;
        try {
            while (served.connection.serveNext(handler) && !stopping) {
                served.answered = true;
                if (context.appGeneration() != generation) {
                    startThread(served);
                    handedOver = true;
                    return;
                }
            }
        } catch (IOException e) {
            LOG.debug("connection ended: {}", e.toString());
        } catch (RuntimeException e) {
            LOG.error("connection failed", e);
        } finally {
            if (!handedOver) {
                end(served);
            }
        }
    }

    private void end(Served served) {
        try {
            served.connection.close();
        } catch (IOException e) {
            LOG.debug("closing a connection failed: {}", e.toString());
        } finally {
            closeQuietly(served.channel);
            open.remove(served);
            room.release();
        }
    }

    /**
     * Stops serving: every connection ends after the response in flight; those idle between requests are closed
     * now, which wakes their threads. A new connection, one taken from the backlog on the way out above all, is not
     * idle but waiting for its first request, which may be in the socket already: that request is still served
     * (or the connection ends at header_timeout).
     */
    void stop() {
        stopping = true;
        for (Served served : open) {
            served.connection.closeAfterResponse();
            if (served.answered && served.connection.idle()) {
                closeQuietly(served.channel);
            }
        }
    }

    /** Waits until every connection has ended, telling the master the worker lives meanwhile. */
    void awaitAllClosed(Runnable alive) {
        try {
            while (!room.tryAcquire(capacity, 250, TimeUnit.MILLISECONDS)) {
                alive.run();
                stop(); // connections that went between requests since are closed too
            }
            room.release(capacity);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private static void closeQuietly(SocketChannel channel) {
        try {
            channel.close();
        } catch (IOException e) {
            LOG.debug("closing a connection failed: {}", e.toString());
        }
    }
}
