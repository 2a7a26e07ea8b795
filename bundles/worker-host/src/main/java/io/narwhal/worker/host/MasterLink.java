package io.narwhal.worker.host;

import io.narwhal.control.ControlMessage;
import io.narwhal.control.MalformedMessageException;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.net.StandardProtocolFamily;
import java.net.UnixDomainSocketAddress;
import java.nio.channels.Channels;
import java.nio.channels.SocketChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.function.Consumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The worker's end of the control channel to the master ({@link ControlMessage}s both ways). When the channel
 * reaches EOF the master is gone, and the worker exits: no orphan survives.
 */
final class MasterLink implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(MasterLink.class);

    private final SocketChannel channel;
    private volatile boolean closed;
    private volatile Consumer<ControlMessage> commands;

    private MasterLink(SocketChannel channel) {
        this.channel = channel;
    }

    static MasterLink connect(Path socket, Runnable onMasterGone) throws IOException {
        SocketChannel channel = SocketChannel.open(StandardProtocolFamily.UNIX);
        channel.connect(UnixDomainSocketAddress.of(socket));
        MasterLink link = new MasterLink(channel);
        link.send(new ControlMessage.Hello(ProcessHandle.current().pid()));
        Thread.ofPlatform().daemon().name("narwhal-master-link").start(() -> link.readCommands(onMasterGone));
        return link;
    }

    /** Where the master's commands go from now on (the master sends none before READY). */
    void onCommand(Consumer<ControlMessage> handler) {
        commands = handler;
    }

    void ready() throws IOException {
        send(new ControlMessage.Ready());
    }

    void heartbeat(long ageMillis, long requests) throws IOException {
        send(new ControlMessage.Heartbeat(ageMillis, requests));
    }

    /** Sends a message; a failure means the master is gone, which the reader notices on its own. */
    void sendQuietly(ControlMessage message) {
        try {
            send(message);
        } catch (IOException e) {
            LOG.debug("cannot tell the master {}: {}", message, e.toString());
        }
    }

    private synchronized void send(ControlMessage message) throws IOException {
        message.writeTo(channel);
    }

    private void readCommands(Runnable onMasterGone) {
        try (BufferedReader in = new BufferedReader(
                new InputStreamReader(Channels.newInputStream(channel), StandardCharsets.US_ASCII))) {
            String line;
            while ((line = in.readLine()) != null) {
                dispatch(line);
            }
        } catch (IOException e) {
            // a failed channel means the same as EOF
        }
        if (!closed) {
            LOG.warn("the master is gone; exiting");
            onMasterGone.run();
        }
    }

    private void dispatch(String line) {
        Consumer<ControlMessage> handler = commands;
        try {
            ControlMessage message = ControlMessage.parse(line);
            if (handler == null) {
                LOG.warn("the master sent {} before this worker was ready; ignored", message);
            } else {
                handler.accept(message);
            }
        } catch (MalformedMessageException e) {
            LOG.error("from the master: {}", e.getMessage());
        }
    }

    @Override
    public void close() {
        closed = true;
        try {
            channel.close();
        } catch (IOException e) {
            // exiting anyway
        }
    }
}
