package io.narwhal.worker.gthread;

import java.util.function.Consumer;

/**
 * Connections waiting on the poller, in the order they began to wait: a list linked through the connections
 * themselves, so that joining and leaving it, once or twice each request, neither allocates nor hashes (a
 * LinkedHashSet did both). A connection is in one line at most. Only turns use it (one thread at a time).
 */
final class WaitingLine {
    private PolledConnection first;
    private PolledConnection last;

    /** Puts it at the end of this line, out of the line it was in, if any. */
    void add(PolledConnection connection) {
        if (connection.line != null) {
            connection.line.remove(connection);
        }
        connection.line = this;
        connection.before = last;
        connection.after = null;
        if (last == null) {
            first = connection;
        } else {
            last.after = connection;
        }
        last = connection;
    }

    boolean contains(PolledConnection connection) {
        return connection.line == this;
    }

    /** Takes it out of this line; nothing when it is not in it. */
    void remove(PolledConnection connection) {
        if (connection.line != this) {
            return;
        }
        if (connection.before == null) {
            first = connection.after;
        } else {
            connection.before.after = connection.after;
        }
        if (connection.after == null) {
            last = connection.before;
        } else {
            connection.after.before = connection.before;
        }
        connection.before = null;
        connection.after = null;
        connection.line = null;
    }

    /** The one that has waited longest, or null when none waits. */
    PolledConnection first() {
        return first;
    }

    boolean isEmpty() {
        return first == null;
    }

    /** Takes every connection out, the longest waiting first, and hands each to the action. */
    void drain(Consumer<PolledConnection> action) {
        for (PolledConnection oldest = first; oldest != null; oldest = first) {
            remove(oldest);
            action.accept(oldest);
        }
    }
}
