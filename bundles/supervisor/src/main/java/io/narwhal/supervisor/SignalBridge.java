package io.narwhal.supervisor;

import io.narwhal.supervisor.posix.Posix;
import java.util.List;
import java.util.function.Consumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import sun.misc.Signal;
import sun.misc.SignalHandler;

/**
 * Turns the master's signals into arbiter events, as Gunicorn's arbiter does: a handler only queues the
 * signal, the arbiter's loop acts on it. The previous handlers come back on close.
 */
final class SignalBridge implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(SignalBridge.class);
    /** Gunicorn's signals the JVM lets a program handle (QUIT is the JVM's own: a thread dump). */
    static final List<String> HANDLED = List.of("TERM", "INT", "HUP", "TTIN", "TTOU", "USR1", "USR2", "WINCH");
    private static final List<Integer> IGNORED_BY_SHELLS = List.of(Posix.SIGINT, Posix.SIGHUP);

    private final java.util.Map<Signal, SignalHandler> previous = new java.util.HashMap<>();

    SignalBridge(Consumer<ArbiterEvent> events) {
        IGNORED_BY_SHELLS.forEach(Posix::restoreDefaultAction);
        for (String name : HANDLED) {
            try {
                Signal signal = new Signal(name);
                previous.put(signal, Signal.handle(signal, s -> events.accept(new ArbiterEvent.SignalReceived(name))));
            } catch (IllegalArgumentException e) {
                LOG.warn("cannot handle SIG{} on this JVM: {}", name, e.getMessage());
            }
        }
    }

    @Override
    public void close() {
        previous.forEach((signal, handler) -> {
            try {
                Signal.handle(signal, handler);
            } catch (IllegalArgumentException e) {
                // nothing to restore
            }
        });
    }
}
