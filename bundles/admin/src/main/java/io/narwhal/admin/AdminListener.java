package io.narwhal.admin;

import io.narwhal.api.app.HttpApp;
import io.narwhal.api.codec.ConnectionOptions;
import io.narwhal.api.codec.HttpCodec;
import io.narwhal.api.codec.HttpConnection;
import io.narwhal.api.codec.RequestLimits;
import io.narwhal.api.codec.Transport;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.channels.Channel;
import java.nio.channels.ServerSocketChannel;
import java.nio.channels.SocketChannel;
import java.time.Duration;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Semaphore;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A small HTTP listener of its own: connections accepted on one platform thread, each served on a virtual thread
 * through the HTTP/1.1 codec (nothing else parses HTTP), kept alive between requests up to a minute idle.
 */
final class AdminListener implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(AdminListener.class);
    /** Scrapers and probes hold a few connections; more at once is a client gone wrong, refused rather than served. */
    static final int MOST_CONNECTIONS = 64;
    private static final Duration IDLE = Duration.ofSeconds(60);
    private static final ConnectionOptions OPTIONS = new ConnectionOptions(true, RequestLimits.GUNICORN_DEFAULTS,
            Duration.ofSeconds(10)).withIdleTimeout(IDLE);

    private final ServerSocketChannel listener;
    private final HttpCodec codec;
    private final HttpApp routes;
    private final Set<SocketChannel> open = ConcurrentHashMap.newKeySet();
    private final Semaphore room = new Semaphore(MOST_CONNECTIONS);
    private volatile boolean closing;

    /** Serves what the routes answer on the listener (bound, blocking) from now on. */
    AdminListener(ServerSocketChannel listener, HttpCodec codec, HttpApp routes) {
        this.listener = listener;
        this.codec = codec;
        this.routes = routes;
        Thread.ofPlatform().daemon().name("narwhal-admin").start(this::accept);
    }

    /** Where it listens (the port the kernel chose, for port 0), as HOST:PORT. */
    String address() {
        try {
            InetSocketAddress local = (InetSocketAddress) listener.getLocalAddress();
            String host = local.getAddress().getHostAddress();
            return (host.indexOf(':') >= 0 ? "[" + host + "]" : host) + ":" + local.getPort();
        } catch (IOException e) {
            return "(closed)";
        }
    }

    private void accept() {
        while (!closing) {
            SocketChannel connection;
            try {
                connection = listener.accept();
            } catch (IOException e) {
                if (!closing) {
                    LOG.error("the admin listener failed: {}", e.toString());
                }
                return;
            }
            if (!room.tryAcquire()) {
                LOG.warn("admin listener: {} connections open already; closing one from {}", MOST_CONNECTIONS,
                        peer(connection));
                closeQuietly(connection);
                continue;
            }
            open.add(connection);
            Thread.ofVirtual().name("narwhal-admin-connection").start(() -> serve(connection));
        }
    }

    private void serve(SocketChannel channel) {
        try {
            Socket socket = channel.socket();
            Transport transport = new Transport(socket.getInputStream(), socket.getOutputStream(),
                    (InetSocketAddress) channel.getRemoteAddress(), (InetSocketAddress) channel.getLocalAddress(),
                    "http", channel, timeout -> socket.setSoTimeout((int) (timeout.isZero() ? IDLE : timeout).toMillis()));
            try (HttpConnection connection = codec.open(transport, OPTIONS)) {
                while (!closing && connection.serveNext(routes)) {
                    // one request after another on a kept connection
                }
            }
        } catch (IOException e) {
            LOG.debug("admin connection from {} ended: {}", peer(channel), e.toString());
        } finally {
            open.remove(channel);
            closeQuietly(channel);
            room.release();
        }
    }

    @Override
    public void close() {
        closing = true;
        closeQuietly(listener);
        open.forEach(AdminListener::closeQuietly);
    }

    private static String peer(SocketChannel channel) {
        try {
            return String.valueOf(channel.getRemoteAddress());
        } catch (IOException e) {
            return "a closed connection";
        }
    }

    private static void closeQuietly(Channel channel) {
        try {
            channel.close();
        } catch (IOException e) {
            // closing is all we wanted
        }
    }
}
