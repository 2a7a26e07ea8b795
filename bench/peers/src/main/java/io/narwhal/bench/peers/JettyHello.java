package io.narwhal.bench.peers;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import org.eclipse.jetty.http.HttpHeader;
import org.eclipse.jetty.server.Handler;
import org.eclipse.jetty.server.HttpConfiguration;
import org.eclipse.jetty.server.HttpConnectionFactory;
import org.eclipse.jetty.server.Request;
import org.eclipse.jetty.server.Response;
import org.eclipse.jetty.server.Server;
import org.eclipse.jetty.server.ServerConnector;
import org.eclipse.jetty.util.Callback;
import org.eclipse.jetty.util.thread.QueuedThreadPool;

/**
 * Jetty 12's core API without servlets: one {@link Handler.Abstract} answering "Hello, World!" as text/plain on
 * every request, behind a plain HTTP/1.1 connector (keep-alive as the client asks).
 *
 * <p>Usage: {@code java -jar jetty-hello.jar PORT [THREADS] [--non-blocking]}. The connector has one acceptor and
 * one selector thread; the pool has THREADS threads (default 8), fixed. The server is meant to run on one core:
 * one selector is all a core can drive, and 8 is Jetty's own minimum pool size, which leaves room beside the
 * acceptor and selector for the reserved thread Jetty hands the selector's job to while the selector thread
 * runs a blocking handler itself. {@code --non-blocking} declares the handler non-blocking
 * ({@link Handler.Abstract.NonBlocking}), so Jetty may run it on the selector thread with no hand-off.
 */
public final class JettyHello {
    private static final ByteBuffer HELLO =
            ByteBuffer.wrap("Hello, World!".getBytes(StandardCharsets.US_ASCII)).asReadOnlyBuffer();

    private static boolean hello(Response response, Callback callback) {
        response.setStatus(200);
        response.getHeaders().put(HttpHeader.CONTENT_TYPE, "text/plain; charset=utf-8");
        // The last (and only) write: Jetty sets Content-Length from it. slice(): each response its own position.
        response.write(true, HELLO.slice(), callback);
        return true;
    }

    static final class Hello extends Handler.Abstract {
        @Override
        public boolean handle(Request request, Response response, Callback callback) {
            return hello(response, callback);
        }
    }

    static final class NonBlockingHello extends Handler.Abstract.NonBlocking {
        @Override
        public boolean handle(Request request, Response response, Callback callback) {
            return hello(response, callback);
        }
    }

    public static void main(String[] args) throws Exception {
        int port = Integer.parseInt(args[0]);
        int threads = args.length > 1 && !args[1].startsWith("--") ? Integer.parseInt(args[1]) : 8;
        boolean nonBlocking = java.util.Arrays.asList(args).contains("--non-blocking");

        QueuedThreadPool pool = new QueuedThreadPool(threads, threads);
        pool.setName("jetty");
        Server server = new Server(pool);
        ServerConnector connector = new ServerConnector(server, 1, 1, new HttpConnectionFactory(new HttpConfiguration()));
        connector.setHost("127.0.0.1");
        connector.setPort(port);
        connector.setAcceptQueueSize(2048); // the backlog of Narwhal's and Gunicorn's listeners
        server.addConnector(connector);
        server.setHandler(nonBlocking ? new NonBlockingHello() : new Hello());
        server.start();
        System.out.println("jetty " + Server.getVersion() + " listening on 127.0.0.1:" + port + ", " + threads
                + " threads, handler " + (nonBlocking ? "non-blocking" : "blocking"));
        server.join();
    }
}
