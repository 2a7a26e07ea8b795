package io.narwhal.shell;

import io.narwhal.remote.ShellSocket;
import java.io.IOException;
import java.net.StandardProtocolFamily;
import java.net.UnixDomainSocketAddress;
import java.nio.channels.ServerSocketChannel;
import java.nio.channels.SocketChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.UserPrincipal;
import org.apache.felix.service.command.CommandProcessor;
import org.osgi.framework.BundleContext;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Deactivate;
import org.osgi.service.component.annotations.Reference;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * narwhal-shell's way in: a Unix domain socket in the master's runtime directory (which only the master's user may
 * enter), never a TCP port. Each connection is a Gogo session of its own; one whose peer is another user is refused,
 * even where the directory's permissions would have let it through (root, a changed mode).
 */
@Component(immediate = true)
public final class ShellSocketServer {
    private static final Logger LOG = LoggerFactory.getLogger(ShellSocketServer.class);

    @Reference
    private CommandProcessor processor;
    private ServerSocketChannel server;
    private Path socket;
    private UserPrincipal owner;
    private volatile boolean closed;

    @Activate
    void activate(BundleContext context) throws IOException {
        Path runtimeDir = Path.of(context.getProperty("narwhal.runtime.dir"));
        owner = Files.getOwner(runtimeDir);
        socket = ShellSocket.in(runtimeDir);
        Files.deleteIfExists(socket);
        server = ServerSocketChannel.open(StandardProtocolFamily.UNIX);
        server.bind(UnixDomainSocketAddress.of(socket));
        Thread.ofPlatform().daemon().name("narwhal-shell-socket").start(this::acceptLoop);
        LOG.debug("narwhal-shell socket at {}", socket);
    }

    private void acceptLoop() {
        while (!closed) {
            try {
                SocketChannel channel = server.accept();
                Thread.ofVirtual().name("narwhal-shell-session").start(
                        () -> new ShellConnection(channel, processor, owner).run());
            } catch (IOException e) {
                if (!closed) {
                    LOG.error("the narwhal-shell socket failed: {}; narwhal-shell cannot connect until a restart",
                            e.toString());
                }
                return;
            }
        }
    }

    @Deactivate
    void deactivate() throws IOException {
        closed = true;
        server.close();
        Files.deleteIfExists(socket);
    }
}
