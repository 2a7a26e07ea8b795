package io.narwhal.worker.gthread;

import io.narwhal.api.app.HttpApp;
import io.narwhal.api.codec.ConnectionOptions;
import io.narwhal.api.codec.HttpConnection;
import io.narwhal.api.codec.Transport;
import io.narwhal.api.worker.WorkerContext;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.nio.channels.CancelledKeyException;
import java.nio.channels.ClosedSelectorException;
import java.nio.channels.SelectionKey;
import java.nio.channels.Selector;
import java.nio.channels.ServerSocketChannel;
import java.nio.channels.SocketChannel;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Consumer;
import java.util.concurrent.locks.LockSupport;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The gthread worker's selector and every connection waiting for a request. A turn ({@link #turn}, taken by one
 * thread at a time, see {@link LeaderFollowers}) accepts connections, reads their heads without blocking, and gives
 * out a connection to be served only once its head is whole (or refused, due, or closed); the thread serving it
 * ({@link #serve}) serves the request blocking, then gives a kept-alive connection back. Waiting connections sit in
 * two lines whose deadlines grow in order: those reading a head (due header_timeout after their start or first byte)
 * and those idle between requests (closed after keepalive).
 */
final class Poller implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(Poller.class);
    private static final long ACCEPT_FAILURE_PAUSE_NANOS = 10_000_000;

    private final WorkerContext context;
    private final ConnectionOptions options;
    private final HttpApp handler;
    private final long keepAliveNanos;
    private final long pollMillis;
    private final int capacity;
    private final Selector selector;
    private final SelectionKey listenerKey;
    /** Waiting for a head under way, in deadline order. */
    private final WaitingLine readingHeads = new WaitingLine();
    /** Idle between requests, in the order they began to be. */
    private final WaitingLine idle = new WaitingLine();
    /** Served connections kept alive, given back by the threads that served them, for the next turn to wait on. */
    private final GivenBack givenBack = new GivenBack();
    /** Open connections: waiting here, or being served. */
    private final AtomicInteger open = new AtomicInteger();
    /*
     * The keys a turn heard, in a list kept from turn to turn, and the selector's keys taken by a callback rather than
     * through its selected-key set: the set's add would allocate a node for each ready key on every turn.
     */
    private final List<PolledConnection> heardThisTurn = new ArrayList<>();
    private final Consumer<SelectionKey> onSelected = this::selected;
    private boolean acceptable;
    private boolean stopSeen;

    Poller(WorkerContext context) throws IOException {
        this.context = context;
        this.options = context.settings().connectionOptions(true);
        this.handler = context.countingHandler();
        this.keepAliveNanos = context.settings().keepAlive().toNanos();
        this.pollMillis = Math.clamp(context.settings().timeout().toMillis() / 4, 50, 1000);
        this.capacity = Math.max(1, context.settings().workerConnections());
        this.selector = Selector.open();
        this.listenerKey = context.listener().register(selector, SelectionKey.OP_ACCEPT);
    }

    void wakeup() {
        selector.wakeup();
    }

    /**
     * One turn: waits on the selector (at most a millisecond when hurried, else until the first deadline, at most
     * a quarter of the timeout), then adds to ready the connections to serve. Once the worker has stopped, it takes
     * what is queued on the listener, and closes idle connections.
     *
     * @return false once the worker has stopped and every connection has ended: there is nothing left to do
     */
    boolean turn(List<PolledConnection> ready, boolean hurry) throws IOException {
        if (finished()) {
            return false;
        }
        context.notifyAlive();
        acceptable = false;
        selector.select(onSelected, hurry ? 1 : Math.max(1, Math.min(pollMillis, millisUntilFirstDue())));
        // Those given back first: a key selected now may be one of them, its next request's bytes come.
        PolledConnection back = givenBack.takeAll();
        while (back != null) {
            PolledConnection next = back.givenBackBefore;
            back.givenBackBefore = null; // or a connection still open would keep the ended ones after it reachable
            waitAgain(back, ready);
            back = next;
        }
        for (int i = 0; i < heardThisTurn.size(); i++) {
            heard(heardThisTurn.get(i), ready);
        }
        heardThisTurn.clear();
        releaseDue(ready);
        if (context.running()) {
            if (acceptable) {
                acceptWhileRoom(ready);
            }
            listenerKey.interestOps(open.get() < capacity ? SelectionKey.OP_ACCEPT : 0);
        } else {
            if (!stopSeen) {
                stopSeen = true;
                closeAfterTheirResponses();
            }
            closeIdle();
            takeQueuedAndStopAccepting(ready);
        }
        return !finished();
    }

    /**
     * The first turn after the stop: every connection, those being served too, ends after its response, which says
     * so ({@code Connection: close}) unless it is already under way. Every connection is on the selector until it
     * ends, and only turns change what is registered there.
     */
    private void closeAfterTheirResponses() {
        for (SelectionKey key : selector.keys()) {
            if (key.attachment() instanceof PolledConnection connection) {
                connection.connection.closeAfterResponse();
            }
        }
    }

    private boolean finished() {
        return !context.running() && !listenerKey.isValid() && open.get() == 0;
    }

    private void selected(SelectionKey key) {
        if (key == listenerKey) {
            acceptable = key.isValid() && key.isAcceptable();
        } else if (isReadable(key)) {
            heardThisTurn.add((PolledConnection) key.attachment());
        }
    }

    /**
     * Stopped: the connections queued on the listener are taken to be served, as room allows (a later turn takes
     * more as connections end); once the backlog is empty, the listener is let go.
     */
    private void takeQueuedAndStopAccepting(List<PolledConnection> ready) {
        if (listenerKey.isValid() && acceptWhileRoom(ready)) {
            listenerKey.cancel();
            context.acceptingDone();
            LOG.debug("stopped accepting: the backlog is empty");
        }
    }

    /**
     * A thread ending the connection it served closes its channel, which cancels its key at any moment, even between
     * isValid() and isReadable(): a key cancelled since it was selected is not readable, not a failure of the worker.
     */
    private static boolean isReadable(SelectionKey key) {
        try {
            return key.isValid() && key.isReadable();
        } catch (CancelledKeyException e) {
            return false;
        }
    }

    /** Bytes came on a connection's socket: a waiting one reads them; one being served stops being heard. */
    private void heard(PolledConnection connection, List<PolledConnection> ready) {
        switch (connection.stage()) {
            case WAITING -> readHead(connection, ready);
            case SERVED -> connection.stopHearingWhileServed();
            case SERVED_UNHEARD, RETURNED -> {
                // RETURNED: given back since this turn began; the next turn takes it back, and hears it again.
            }
        }
    }

    private void readHead(PolledConnection waiting, List<PolledConnection> ready) {
        boolean wasIdle = idle.contains(waiting);
        try {
            if (waiting.connection.readHead(waiting.channel)) {
                unpark(waiting);
                serveSoon(waiting, ready);
            } else if (wasIdle && !waiting.connection.idle()) {
                // The next request's first bytes came: out of the idle line, due header_timeout from them.
                readingHeads.add(waiting);
            }
        } catch (IOException e) {
            LOG.debug("waiting connection failed: {}", e.toString());
            unpark(waiting);
            end(waiting);
        }
    }

    /**
     * A kept-alive connection given back by the thread that served it. Its socket is read only where bytes may be
     * waiting: already buffered (pipelined), or come while it was served and unheard; otherwise the selector tells
     * when they come.
     */
    private void waitAgain(PolledConnection waiting, List<PolledConnection> ready) {
        waiting.waiting();
        try {
            boolean unheard = waiting.key.interestOps() == 0;
            if (unheard) {
                waiting.key.interestOps(SelectionKey.OP_READ);
            }
            if ((unheard || waiting.connection.hasBufferedInput()) && waiting.connection.readHead(waiting.channel)) {
                serveSoon(waiting, ready);
                return;
            }
        } catch (IOException | CancelledKeyException e) {
            LOG.debug("kept-alive connection failed: {}", e.toString());
            end(waiting);
            return;
        }
        if (waiting.connection.idle()) {
            idle.add(waiting);
        } else {
            readingHeads.add(waiting);
        }
    }

    private static void serveSoon(PolledConnection connection, List<PolledConnection> ready) {
        connection.served();
        ready.add(connection);
    }

    /** Heads past their deadline go to be answered (408); connections idle past keepalive are closed. */
    private void releaseDue(List<PolledConnection> ready) {
        long now = System.nanoTime();
        for (PolledConnection waiting = readingHeads.first(); waiting != null; waiting = readingHeads.first()) {
            long due = waiting.connection.headDeadline();
            if (due == 0 || now - due <= 0) {
                break; // not due yet (or no header_timeout), nor is any behind it
            }
            readingHeads.remove(waiting);
            serveSoon(waiting, ready);
        }
        for (PolledConnection waiting = idle.first(); waiting != null; waiting = idle.first()) {
            if (now - waiting.idleSince < keepAliveNanos) {
                break;
            }
            idle.remove(waiting);
            end(waiting);
        }
    }

    private long millisUntilFirstDue() {
        long now = System.nanoTime();
        long until = Long.MAX_VALUE;
        if (!readingHeads.isEmpty() && readingHeads.first().connection.headDeadline() != 0) {
            until = readingHeads.first().connection.headDeadline() - now;
        }
        if (!idle.isEmpty()) {
            until = Math.min(until, idle.first().idleSince + keepAliveNanos - now);
        }
        return until == Long.MAX_VALUE ? Long.MAX_VALUE : Math.max(0, until / 1_000_000 + 1);
    }

    /** Accepts while there is room; whether it emptied the backlog. */
    private boolean acceptWhileRoom(List<PolledConnection> ready) {
        ServerSocketChannel listener = context.listener();
        while (open.get() < capacity) {
            SocketChannel channel;
            try {
                // Every worker's selector wakes for a new connection; the others get null here.
                channel = listener.accept();
            } catch (IOException e) {
                LOG.warn("accept failed: {}", e.toString());
                LockSupport.parkNanos(ACCEPT_FAILURE_PAUSE_NANOS);
                return false;
            }
            if (channel == null) {
                return true;
            }
            open.incrementAndGet();
            try {
                PolledConnection waiting = new PolledConnection(channel, openConnection(channel));
                if (!context.running()) {
                    waiting.connection.closeAfterResponse(); // taken from the backlog of a stopping worker
                }
                // Registered for good, even when its first head is already whole: its return need not wake us.
                waiting.key = channel.register(selector, SelectionKey.OP_READ, waiting);
                if (waiting.connection.readHead(channel)) {
                    serveSoon(waiting, ready);
                } else {
                    readingHeads.add(waiting);
                }
            } catch (IOException e) {
                LOG.debug("accepted connection failed: {}", e.toString());
                closeQuietly(channel);
                open.decrementAndGet();
            }
        }
        return false;
    }

    private HttpConnection openConnection(SocketChannel channel) throws IOException {
        channel.configureBlocking(false);
        channel.socket().setTcpNoDelay(true);
        Transport transport = Transport.of(new PolledSocket(channel, context.settings().timeout()),
                (InetSocketAddress) channel.getRemoteAddress(), (InetSocketAddress) channel.getLocalAddress(), "http",
                channel);
        return context.codec().open(transport, options);
    }

    /**
     * One request, then the connection goes back to wait, or ends. Its socket stays registered on the selector and in
     * non-blocking mode meanwhile: a socket that changed mode or left the selector per request would cost four fcntl
     * and two epoll_ctl each time.
     */
    void serve(PolledConnection waiting) {
        boolean more;
        try {
            more = waiting.connection.serveNext(handler) && context.running();
        } catch (IOException e) {
            LOG.debug("connection ended: {}", e.toString());
            more = false;
        } catch (RuntimeException e) {
            LOG.error("connection failed", e);
            more = false;
        } catch (Error fatal) {
            end(waiting); // the codec lets a fatal error through, and with it this thread: the connection ends here
            throw fatal;
        }
        if (!more) {
            end(waiting);
            if (!context.running()) {
                wakeUpQuietly(); // room for one more connection from a stopping worker's backlog
            }
            return;
        }
        waiting.idleSince = System.nanoTime();
        boolean unheard = waiting.returned();
        givenBack.add(waiting);
        if ((unheard || !context.running()) && !wakeUpQuietly()) {
            end(waiting);
        }
    }

    /** Wakes the poller; false when it has ended. */
    private boolean wakeUpQuietly() {
        try {
            selector.wakeup();
            return true;
        } catch (ClosedSelectorException e) {
            return false;
        }
    }

    /** Stopping: idle connections end now; those reading a head are served once it is whole or due. */
    private void closeIdle() {
        idle.drain(this::end);
    }

    private void unpark(PolledConnection waiting) {
        readingHeads.remove(waiting);
        idle.remove(waiting);
    }

    private void end(PolledConnection waiting) {
        try {
            waiting.connection.close();
        } catch (IOException e) {
            LOG.debug("closing a connection failed: {}", e.toString());
        }
        closeQuietly(waiting.channel);
        open.decrementAndGet();
    }

    private static void closeQuietly(SocketChannel channel) {
        try {
            channel.close();
        } catch (IOException e) {
            LOG.debug("closing a connection failed: {}", e.toString());
        }
    }

    @Override
    public void close() throws IOException {
        readingHeads.drain(this::end);
        closeIdle();
        selector.close();
    }
}
