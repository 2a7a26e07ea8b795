package io.narwhal.worker.gthread;

import java.io.IOException;
import java.nio.channels.SelectableChannel;
import java.nio.channels.SelectionKey;
import java.nio.channels.Selector;

/**
 * Each gthread thread's own selector, on which it waits for the one socket it serves when a read or a write cannot go
 * on: a body still on its way, a client slow to take a response. The socket stays registered on the poller's
 * selector too (with no interest while it is served), so it never changes mode nor leaves the poller.
 */
final class ThreadSelectors {
    private static final ThreadLocal<Selector> SELECTOR = new ThreadLocal<>();

    private ThreadSelectors() {
    }

    /** The thread's work, with a selector of its own for as long as the thread lives. */
    static Runnable withSelector(Runnable work) {
        return () -> {
            try (Selector selector = Selector.open()) {
                SELECTOR.set(selector);
                work.run();
            } catch (IOException e) {
                throw new java.io.UncheckedIOException("a gthread thread could not open its selector", e);
            } finally {
                SELECTOR.remove();
            }
        };
    }

    /**
     * Waits until the channel is ready for the operation, at most timeoutMillis (at least 1).
     *
     * @return false when the time passed first
     */
    static boolean await(SelectableChannel channel, int operation, long timeoutMillis) throws IOException {
        Selector own = SELECTOR.get();
        if (own == null) {
            try (Selector temporary = Selector.open()) { // not a gthread thread: correct, only slower
                return await(temporary, channel, operation, timeoutMillis);
            }
        }
        return await(own, channel, operation, timeoutMillis);
    }

    private static boolean await(Selector selector, SelectableChannel channel, int operation, long timeoutMillis)
            throws IOException {
        SelectionKey key = channel.register(selector, operation);
        try {
            return selector.select(Math.max(1, timeoutMillis)) > 0;
        } finally {
            key.cancel();
            selector.selectNow(); // deregisters the key, so the next wait may register the channel again
            selector.selectedKeys().clear();
        }
    }
}
