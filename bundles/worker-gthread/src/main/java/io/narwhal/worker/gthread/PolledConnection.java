package io.narwhal.worker.gthread;

import io.narwhal.api.codec.HttpConnection;
import java.nio.channels.CancelledKeyException;
import java.nio.channels.SelectionKey;
import java.nio.channels.SocketChannel;
import java.util.concurrent.atomic.AtomicReference;

/**
 * One connection of the gthread worker and where it is. Its socket stays registered for reads on the poller's
 * selector from its first wait to its end, also while a thread serves it: a served socket whose request was
 * read whole has nothing more to report, so the common request costs the selector no change at all, and the
 * serving thread gives the connection back without waking the poller, whose next wake (the next request's bytes at the
 * latest) takes it back first. Only bytes arriving while it is served (a pipelined request, a body) make the
 * poller stop listening to it for that while; then the connection's return must wake the poller.
 */
final class PolledConnection {
    enum Stage {
        /** The poller waits for it: for a head, or idle between requests. */
        WAITING,
        /** A thread serves it (or is about to); the poller still hears its socket. */
        SERVED,
        /** Served, and the poller stopped listening: bytes came while it was served. */
        SERVED_UNHEARD,
        /** Given back by its serving thread, for a turn to take on. */
        RETURNED
    }

    final SocketChannel channel;
    final HttpConnection connection;
    /** The selector's key, from the connection's accept to its end. Only turns use it. */
    SelectionKey key;
    /** The poller's line it waits in, and its neighbours there; null when it waits in none. Turns only. */
    WaitingLine line;
    PolledConnection before;
    PolledConnection after;
    /** In {@link GivenBack}'s chain: the one given back just before (or, once taken, just after) it. */
    PolledConnection givenBackBefore;
    /** When it began to wait idle (System.nanoTime), if it does. */
    volatile long idleSince;
    private final AtomicReference<Stage> stage = new AtomicReference<>(Stage.WAITING);

    PolledConnection(SocketChannel channel, HttpConnection connection) {
        this.channel = channel;
        this.connection = connection;
    }

    Stage stage() {
        return stage.get();
    }

    /** A turn: it goes to be served. */
    void served() {
        stage.set(Stage.SERVED);
    }

    /** The poller: it waits here again. */
    void waiting() {
        stage.set(Stage.WAITING);
    }

    /**
     * The poller, on readiness of a connection being served: stops listening to its socket until it comes back.
     *
     * @return whether it did (false: the connection came back meanwhile, and is the poller's to take on)
     */
    boolean stopHearingWhileServed() {
        if (!stage.compareAndSet(Stage.SERVED, Stage.SERVED_UNHEARD)) {
            return false;
        }
        try {
            key.interestOps(0);
        } catch (CancelledKeyException e) {
            // Its serving thread ended the connection meanwhile: nothing left to hear.
        }
        return true;
    }

    /**
     * The serving thread, giving the connection back.
     *
     * @return whether the poller must be woken for it: it stopped listening to its socket
     */
    boolean returned() {
        if (stage.compareAndSet(Stage.SERVED, Stage.RETURNED)) {
            return false;
        }
        stage.set(Stage.RETURNED); // from SERVED_UNHEARD: only the poller moves it from there, and it waits for this
        return true;
    }
}
