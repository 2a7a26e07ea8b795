package io.narwhal.shell;

import io.narwhal.remote.ShellFrame;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.io.PrintStream;
import java.nio.channels.Channels;
import java.nio.channels.SocketChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.nio.file.attribute.UserPrincipal;
import jdk.net.ExtendedSocketOptions;
import jdk.net.UnixDomainPrincipal;
import org.apache.felix.service.command.CommandProcessor;
import org.apache.felix.service.command.CommandSession;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** One narwhal-shell client: its peer checked, then each command line run in its Gogo session and answered. */
final class ShellConnection implements Runnable {
    private static final Logger LOG = LoggerFactory.getLogger(ShellConnection.class);
    /** The peer is not the master's user. */
    static final int NOT_ALLOWED = 77;

    private final SocketChannel channel;
    private final CommandProcessor processor;
    private final UserPrincipal owner;

    ShellConnection(SocketChannel channel, CommandProcessor processor, UserPrincipal owner) {
        this.channel = channel;
        this.processor = processor;
        this.owner = owner;
    }

    @Override
    public void run() {
        try (channel) {
            DataInputStream in = new DataInputStream(Channels.newInputStream(channel));
            DataOutputStream out = new DataOutputStream(Channels.newOutputStream(channel));
            UnixDomainPrincipal peer = channel.getOption(ExtendedSocketOptions.SO_PEERCRED);
            if (!peer.user().equals(owner)) {
                LOG.warn("narwhal-shell connection from user {} refused: only {} may command this master",
                        peer.user().getName(), owner.getName());
                ShellFrame.text(ShellFrame.Type.ERR, "refused: user " + peer.user().getName()
                        + " may not command this master (it runs as " + owner.getName() + ")\n").writeTo(out);
                ShellFrame.exit(NOT_ALLOWED).writeTo(out);
                return;
            }
            serve(in, out);
        } catch (IOException e) {
            // The client went away mid-command: nothing to answer.
            LOG.debug("narwhal-shell connection ended: {}", e.toString());
        }
    }

    private void serve(DataInputStream in, DataOutputStream out) throws IOException {
        FrameStream stdout = new FrameStream(out, ShellFrame.Type.OUT);
        FrameStream stderr = new FrameStream(out, ShellFrame.Type.ERR);
        PrintStream err = new PrintStream(stderr, true, StandardCharsets.UTF_8);
        try (CommandSession session = CommandRunner.open(processor, new ByteArrayInputStream(new byte[0]),
                new PrintStream(stdout, true, StandardCharsets.UTF_8), err)) {
            for (ShellFrame frame = ShellFrame.readFrom(in); frame != null; frame = ShellFrame.readFrom(in)) {
                switch (frame.type()) {
                    case WORKING_DIRECTORY -> session.currentDir(Path.of(frame.text()));
                    case JSON -> session.put(NarwhalCommands.JSON_VARIABLE, Boolean.TRUE);
                    case COMMAND -> {
                        int status = CommandRunner.run(session, frame.text(), err);
                        stdout.flush();
                        stderr.flush();
                        synchronized (out) {
                            ShellFrame.exit(status).writeTo(out);
                        }
                    }
                    default -> throw new IOException("a client sent a " + frame.type() + " frame");
                }
            }
        }
    }

    /** Bytes written to it go out as frames of one type, on each flush. */
    private static final class FrameStream extends OutputStream {
        private final DataOutputStream out;
        private final ShellFrame.Type type;
        private final ByteArrayOutputStream pending = new ByteArrayOutputStream();

        FrameStream(DataOutputStream out, ShellFrame.Type type) {
            this.out = out;
            this.type = type;
        }

        @Override
        public synchronized void write(int b) {
            pending.write(b);
        }

        @Override
        public synchronized void write(byte[] bytes, int offset, int length) {
            pending.write(bytes, offset, length);
        }

        @Override
        public synchronized void flush() throws IOException {
            if (pending.size() > 0) {
                // Output and errors share the connection: a frame goes out whole.
                synchronized (out) {
                    new ShellFrame(type, pending.toByteArray()).writeTo(out);
                }
                pending.reset();
            }
        }
    }
}
