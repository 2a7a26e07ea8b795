package io.narwhal.worker.host;

import io.narwhal.api.app.Router;
import io.narwhal.api.codec.HttpCodec;
import io.narwhal.api.worker.WorkerSettings;
import io.narwhal.api.worker.WorkerType;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.channels.ServerSocketChannel;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import org.osgi.framework.BundleContext;
import org.osgi.framework.InvalidSyntaxException;
import org.osgi.framework.ServiceReference;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A spare's first requests, before it reports ready: its worker type serves a loopback socket of its own while it
 * sends each mounted app its health request (the one a deploy sends, {@link HealthProbe}) a few times, over TCP
 * through the codec and the router. The first request a worker serves loads and links most of the serving path
 * (its bundles' classes are not in the JDK's AOT cache): 100-180 ms on a busy 2-core machine. Paid here, a
 * promoted spare's first client does not wait for it. Failures are only logged: the deploy machinery, not the
 * warm-up, judges an app.
 */
final class SpareWarmUp {
    private static final Logger LOG = LoggerFactory.getLogger(SpareWarmUp.class);
    private static final int ROUNDS = 3;
    /** All of the warm-up, at most: an app that hangs must not hold a spare's boot near the master's boot allowance. */
    private static final Duration LONGEST = Duration.ofSeconds(5);

    private SpareWarmUp() {
    }

    static void run(BundleContext context, WorkerType workerType, HttpCodec codec, Router router,
            WorkerSettings settings) throws InterruptedException {
        long started = System.nanoTime();
        long deadline = started + LONGEST.toNanos();
        int answered = 0;
        try (ServerSocketChannel listener = ServerSocketChannel.open()) {
            listener.bind(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0));
            listener.configureBlocking(false);
            // The serving path's own shape, counted apart: its requests are no one's to report.
            RequestMetrics uncounted = new RequestMetrics(serviceId -> null);
            ServingContext warmUp = new ServingContext(listener, listener::close, codec,
                    served -> uncounted.around(router, null, served), settings, 0, () -> { });
            Thread serving = Thread.ofPlatform().name("narwhal-spare-warm-up").start(() -> serve(workerType, warmUp));
            try {
                for (int round = 0; round < ROUNDS; round++) {
                    for (Router.Mount mount : router.mounts()) {
                        get((InetSocketAddress) listener.getLocalAddress(), healthPath(context, mount),
                                mount.virtualHost() == null ? "localhost" : mount.virtualHost(), deadline);
                        answered++;
                    }
                }
            } finally {
                warmUp.stop();
                serving.join(LONGEST.toMillis());
            }
        } catch (IOException | RuntimeException e) {
            LOG.warn("spare warm-up: {}", e.toString());
        }
        LOG.info("Spare warmed up: {} request(s) answered in {} ms", answered, (System.nanoTime() - started) / 1_000_000);
    }

    private static void serve(WorkerType workerType, ServingContext warmUp) {
        try {
            workerType.serve(warmUp);
        } catch (IOException e) {
            LOG.warn("spare warm-up: the worker type failed: {}", e.toString());
        }
    }

    private static String healthPath(BundleContext context, Router.Mount mount) {
        try {
            ServiceReference<?>[] references = context.getAllServiceReferences(null,
                    "(service.id=" + mount.serviceId() + ")");
            String named = references == null ? null : references[0].getBundle().getHeaders().get(HealthProbe.PATH_HEADER);
            return HealthProbe.path(mount.contextPath(), named);
        } catch (InvalidSyntaxException e) {
            throw new AssertionError(e);
        }
    }

    /** One request, its whole answer read (the codec's writing and the close are part of the path to warm). */
    private static void get(InetSocketAddress server, String path, String host, long deadline) throws IOException {
        int waitMillis = (int) ((deadline - System.nanoTime()) / 1_000_000);
        if (waitMillis <= 0) {
            throw new IOException("not done within " + LONGEST.toSeconds() + " s");
        }
        try (Socket socket = new Socket()) {
            socket.connect(server, waitMillis);
            socket.setSoTimeout(waitMillis);
            OutputStream out = socket.getOutputStream();
            out.write(("GET " + path + " HTTP/1.1\r\nHost: " + host + "\r\nUser-Agent: narwhal-spare-warm-up\r\n"
                    + "Connection: close\r\n\r\n").getBytes(StandardCharsets.US_ASCII));
            out.flush();
            socket.getInputStream().readAllBytes();
        }
    }
}
