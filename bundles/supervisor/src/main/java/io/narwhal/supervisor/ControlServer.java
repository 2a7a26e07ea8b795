package io.narwhal.supervisor;

import io.narwhal.control.ControlMessage;
import io.narwhal.control.MalformedMessageException;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.net.StandardProtocolFamily;
import java.net.UnixDomainSocketAddress;
import java.nio.channels.Channels;
import java.nio.channels.ServerSocketChannel;
import java.nio.channels.SocketChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.function.Consumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The master's end of the control channel: a Unix domain socket in the master's private runtime directory.
 * Each worker connects once and sends {@link ControlMessage}s: Hello, then Ready when it accepts, then a
 * Heartbeat about every second, and the outcome of each deploy it was asked for. Every one becomes an
 * {@link ArbiterEvent}; the arbiter alone acts on them.
 */
final class ControlServer implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(ControlServer.class);
    private static final int READ_BUFFER_CHARS = 1024;

    private final Path socketPath;
    private final ServerSocketChannel server;
    private final Consumer<ArbiterEvent> events;
    private volatile boolean closed;

    ControlServer(Path socketPath, Consumer<ArbiterEvent> events) throws IOException {
        this.socketPath = socketPath;
        this.events = events;
        Files.deleteIfExists(socketPath);
        this.server = ServerSocketChannel.open(StandardProtocolFamily.UNIX);
        server.bind(UnixDomainSocketAddress.of(socketPath));
        Thread.ofPlatform().daemon().name("narwhal-control").start(this::acceptLoop);
    }

    Path socketPath() {
        return socketPath;
    }

    private void acceptLoop() {
        while (!closed) {
            try {
                SocketChannel channel = server.accept();
                Thread.ofVirtual().name("narwhal-control-worker").start(() -> readWorker(channel));
            } catch (IOException e) {
                if (!closed) {
                    LOG.error("control channel failed: {}", e.toString());
                }
                return;
            }
        }
    }

    private void readWorker(SocketChannel channel) {
        int pid = -1;
        try (BufferedReader reader = new BufferedReader(
                new InputStreamReader(Channels.newInputStream(channel), StandardCharsets.US_ASCII), READ_BUFFER_CHARS)) {
            String line;
            while ((line = reader.readLine()) != null) {
                ControlMessage message;
                try {
                    message = ControlMessage.parse(line);
                } catch (MalformedMessageException e) {
                    LOG.warn("worker {}: {}", pid, e.getMessage());
                    continue;
                }
                switch (message) {
                    case ControlMessage.Hello(long helloPid) -> {
                        pid = Math.toIntExact(helloPid);
                        events.accept(new ArbiterEvent.WorkerConnected(pid, channel));
                    }
                    case ControlMessage.Ready() -> events.accept(new ArbiterEvent.WorkerReady(pid));
                    case ControlMessage.Heartbeat(long ageMillis, long requests) ->
                            events.accept(new ArbiterEvent.Heartbeat(pid, System.nanoTime(), ageMillis, requests));
                    case ControlMessage.AppActive active -> events.accept(new ArbiterEvent.DeployOutcome(pid, active));
                    case ControlMessage.AppFailed failed -> events.accept(new ArbiterEvent.DeployOutcome(pid, failed));
                    case ControlMessage.AppRemoved removed -> events.accept(new ArbiterEvent.DeployOutcome(pid, removed));
                    case ControlMessage.AppMounts(var mounts) -> events.accept(new ArbiterEvent.AppsMounted(pid, mounts));
                    case ControlMessage.WorkerStats stats -> events.accept(new ArbiterEvent.StatsReported(pid, stats));
                    default -> LOG.warn("worker {} sent {}, which only the master sends", pid, message);
                }
            }
        } catch (IOException | RuntimeException e) {
            LOG.debug("control channel of worker {} ended: {}", pid, e.toString());
        }
        if (pid > 0) {
            events.accept(new ArbiterEvent.WorkerDisconnected(pid));
        }
    }

    @Override
    public void close() {
        closed = true;
        try {
            server.close();
            Files.deleteIfExists(socketPath);
        } catch (IOException e) {
            // the runtime directory is removed on exit anyway
        }
    }
}
