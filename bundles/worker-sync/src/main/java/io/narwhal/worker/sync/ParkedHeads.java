package io.narwhal.worker.sync;

import io.narwhal.api.codec.ConnectionOptions;
import io.narwhal.api.codec.HttpConnection;
import io.narwhal.api.codec.Transport;
import io.narwhal.api.worker.WorkerContext;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.channels.SelectionKey;
import java.nio.channels.Selector;
import java.nio.channels.ServerSocketChannel;
import java.nio.channels.SocketChannel;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.Iterator;
import java.util.LinkedHashSet;
import java.util.Queue;
import java.util.SequencedSet;
import java.util.concurrent.locks.LockSupport;
import java.util.function.BooleanSupplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Accepted connections whose request head has not all arrived, parked on the worker's selector. The sync worker's
 * one thread only takes a connection whose head is whole (or refused, or due, or closed), so clients trickling a
 * head or sending nothing wait here, up to header_timeout each, instead of holding the worker while everyone
 * else waits in the backlog. At most worker_connections are parked; past that, new ones stay in the backlog.
 * Once the worker stops it takes what is queued on the listener, then accepts nothing more, and what it took is
 * still served (each head is due within header_timeout), so a stopping or recycled worker drops no connection it
 * took nor any the server had queued.
 */
final class ParkedHeads implements AutoCloseable {
    /** A connection whose head the codec has; the channel is back in blocking mode, for the serving thread. */
    record Ready(SocketChannel channel, HttpConnection connection) {
    }

    private static final Logger LOG = LoggerFactory.getLogger(ParkedHeads.class);
    private static final long ACCEPT_FAILURE_PAUSE_NANOS = 10_000_000;

    private final WorkerContext context;
    private final ConnectionOptions options;
    private final Duration readTimeout;
    private final Selector selector;
    private final SelectionKey listenerKey;
    /** In accept order, which is deadline order: each first head is due header_timeout after its accept. */
    private final SequencedSet<SelectionKey> parked = new LinkedHashSet<>();
    private final Queue<Ready> ready = new ArrayDeque<>();

    /** @param readTimeout how long a blocking read of the serving thread may wait */
    ParkedHeads(WorkerContext context, ConnectionOptions options, Duration readTimeout) throws IOException {
        this.context = context;
        this.options = options;
        this.readTimeout = readTimeout;
        this.selector = Selector.open();
        this.listenerKey = context.listener().register(selector, SelectionKey.OP_ACCEPT);
    }

    /**
     * Whether connections still wait to be served: accepted ones, or, until a stopping worker has taken them, those
     * queued on the listener. A stopping worker serves them all before it ends.
     */
    boolean hasWaiting() {
        return listenerKey.isValid() || !parked.isEmpty() || !ready.isEmpty();
    }

    /** Ends a wait in {@link #next}, from any thread. */
    void wakeup() {
        selector.wakeup();
    }

    /**
     * The next connection to serve, waiting at most maxWaitMillis for one.
     *
     * @return a connection whose head needs no more waiting, or null when none came in time
     */
    Ready next(long maxWaitMillis) throws IOException {
        if (ready.isEmpty()) {
            poll(maxWaitMillis);
        }
        Ready next;
        while ((next = ready.poll()) != null) {
            if (next.channel().isRegistered()) {
                // A cancelled key leaves its selector at the next selection; only then may the channel block.
                selector.selectNow();
                selector.selectedKeys().clear();
            }
            try {
                next.channel().configureBlocking(true);
                return next;
            } catch (IOException e) {
                LOG.debug("connection ended before it was served: {}", e.toString());
                closeQuietly(next.connection());
            }
        }
        return null;
    }

    private void poll(long maxWaitMillis) throws IOException {
        selector.selectedKeys().clear();
        selector.select(Math.max(1, Math.min(maxWaitMillis, millisUntilFirstDue())));
        boolean acceptable = false;
        for (SelectionKey key : selector.selectedKeys()) {
            if (key == listenerKey) {
                acceptable = key.isValid() && key.isAcceptable();
            } else if (key.isValid() && key.isReadable()) {
                readParked(key);
            }
        }
        selector.selectedKeys().clear();
        releaseDue();
        if (!context.running()) {
            takeQueuedAndStopAccepting();
            return;
        }
        if (acceptable) {
            acceptWhileNoneReady();
        }
        listenerKey.interestOps(parked.size() < capacity() ? SelectionKey.OP_ACCEPT : 0);
    }

    /**
     * Stopped: the connections queued on the listener are taken to be served, as room to park allows (the next poll
     * takes more); once the backlog is empty, the listener is let go.
     */
    private void takeQueuedAndStopAccepting() {
        if (listenerKey.isValid() && acceptWhile(() -> true)) {
            listenerKey.cancel();
            context.acceptingDone();
            LOG.debug("stopped accepting: the backlog is empty");
        }
    }

    private int capacity() {
        return Math.max(1, context.settings().workerConnections());
    }

    private void readParked(SelectionKey key) {
        HttpConnection connection = (HttpConnection) key.attachment();
        try {
            if (connection.readHead((SocketChannel) key.channel())) {
                release(key);
            }
        } catch (IOException e) {
            LOG.debug("parked connection failed: {}", e.toString());
            parked.remove(key);
            key.cancel();
            closeQuietly(connection);
        }
    }

    /** Heads past their deadline go to the serving thread, which answers them (408) without waiting. */
    private void releaseDue() {
        long now = System.nanoTime();
        Iterator<SelectionKey> oldestFirst = parked.iterator();
        while (oldestFirst.hasNext()) {
            SelectionKey key = oldestFirst.next();
            long due = ((HttpConnection) key.attachment()).headDeadline();
            if (due == 0 || now - due <= 0) {
                break;
            }
            oldestFirst.remove();
            handOver(key);
        }
    }

    private long millisUntilFirstDue() {
        if (parked.isEmpty()) {
            return Long.MAX_VALUE;
        }
        long due = ((HttpConnection) parked.getFirst().attachment()).headDeadline();
        return due == 0 ? Long.MAX_VALUE : Math.max(0, (due - System.nanoTime()) / 1_000_000 + 1);
    }

    private void release(SelectionKey key) {
        parked.remove(key);
        handOver(key);
    }

    private void handOver(SelectionKey key) {
        key.cancel();
        ready.add(new Ready((SocketChannel) key.channel(), (HttpConnection) key.attachment()));
    }

    /**
     * Takes connections from the backlog until one is ready to serve at once (a client that sent its head with
     * the handshake, the usual case): serving it before taking more leaves the rest of the backlog to idle
     * workers. Slower ones are parked.
     */
    private void acceptWhileNoneReady() {
        acceptWhile(ready::isEmpty);
    }

    /** Accepts while the condition holds and there is room; whether it emptied the backlog. */
    private boolean acceptWhile(BooleanSupplier condition) {
        ServerSocketChannel listener = context.listener();
        while (condition.getAsBoolean() && parked.size() < capacity()) {
            SocketChannel channel = accept(listener);
            if (channel == null) {
                return true;
            }
            HttpConnection connection;
            try {
                connection = open(channel);
            } catch (IOException e) {
                LOG.debug("accepted connection failed: {}", e.toString());
                closeQuietly(channel);
                continue;
            }
            try {
                if (connection.readHead(channel)) {
                    ready.add(new Ready(channel, connection));
                } else {
                    parked.add(channel.register(selector, SelectionKey.OP_READ, connection));
                }
            } catch (IOException e) {
                LOG.debug("accepted connection failed: {}", e.toString());
                closeQuietly(connection);
            }
        }
        return false;
    }

    private HttpConnection open(SocketChannel channel) throws IOException {
        channel.configureBlocking(false);
        Socket socket = channel.socket();
        socket.setTcpNoDelay(true);
        socket.setSoTimeout((int) Math.max(1, Math.min(Integer.MAX_VALUE, readTimeout.toMillis())));
        Transport transport = new Transport(new AliveOnRead(socket.getInputStream(), context::notifyAlive),
                socket.getOutputStream(), (InetSocketAddress) channel.getRemoteAddress(),
                (InetSocketAddress) channel.getLocalAddress(), "http", channel);
        return context.codec().open(transport, options);
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

    /** Closes every connection not served: parked heads, and ready ones the worker stopped before serving. */
    @Override
    public void close() throws IOException {
        for (SelectionKey key : parked) {
            closeQuietly((HttpConnection) key.attachment());
        }
        parked.clear();
        for (Ready left : ready) {
            closeQuietly(left.connection());
        }
        ready.clear();
        selector.close();
    }

    private static void closeQuietly(AutoCloseable closeable) {
        try {
            closeable.close();
        } catch (Exception e) {
            LOG.debug("closing a connection failed: {}", e.toString());
        }
    }
}
