package io.narwhal.worker.host;

import java.io.IOException;
import java.io.InputStream;
import java.net.StandardProtocolFamily;
import java.net.UnixDomainSocketAddress;
import java.nio.ByteBuffer;
import java.nio.channels.Channels;
import java.nio.channels.SocketChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The worker's end of the control channel to the master (see the supervisor's ControlServer for the
 * lines). When the channel reaches EOF the master is gone, and the worker exits: no orphan survives.
 */
final class MasterLink implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(MasterLink.class);

    private final SocketChannel channel;
    private volatile boolean closed;

    private MasterLink(SocketChannel channel) {
        this.channel = channel;
    }

    static MasterLink connect(Path socket, Runnable onMasterGone) throws IOException {
        SocketChannel channel = SocketChannel.open(StandardProtocolFamily.UNIX);
        channel.connect(UnixDomainSocketAddress.of(socket));
        MasterLink link = new MasterLink(channel);
        link.send("HELLO " + ProcessHandle.current().pid());
        Thread.ofPlatform().daemon().name("narwhal-master-link").start(() -> link.watchForEof(onMasterGone));
        return link;
    }

    void ready() throws IOException {
        send("READY");
    }

    void heartbeat(long ageMillis, long requests) throws IOException {
        send("HB " + ageMillis + " " + requests);
    }

    private synchronized void send(String line) throws IOException {
        ByteBuffer bytes = ByteBuffer.wrap((line + "\n").getBytes(StandardCharsets.US_ASCII));
        while (bytes.hasRemaining()) {
            channel.write(bytes);
        }
    }

    private void watchForEof(Runnable onMasterGone) {
        try (InputStream in = Channels.newInputStream(channel)) {
            while (in.read() >= 0) {
                // The master sends no commands yet; anything it sends is skipped.
            }
        } catch (IOException e) {
            // a failed channel means the same as EOF
        }
        if (!closed) {
            LOG.warn("the master is gone; exiting");
            onMasterGone.run();
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
