package io.narwhal.worker.host;

import io.narwhal.api.app.HttpApp;
import io.narwhal.api.app.HttpRequest;
import io.narwhal.api.app.HttpResponse;
import io.narwhal.api.http.Headers;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.FutureTask;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * A new revision's first request, made by the deployer before any client reaches it: a GET of its mount (or of
 * the path its bundle names in {@link #PATH_HEADER}) handed to the app directly, in memory. A 5xx, an exception
 * or no answer in time means the revision is not fit to serve.
 */
final class HealthProbe {
    /** Manifest header: the path, under the app's mount, of its health request; the mount itself by default. */
    static final String PATH_HEADER = "Narwhal-Health-Path";
    private static final InetSocketAddress LOCAL = new InetSocketAddress("127.0.0.1", 0);

    private HealthProbe() {
    }

    /** The path of an app's health request: its mount, or the path its bundle names under it. */
    static String path(String contextPath, String healthPath) {
        String mount = contextPath.equals("/") ? "" : contextPath;
        return healthPath == null || healthPath.isBlank() ? (mount.isEmpty() ? "/" : mount) : mount + healthPath;
    }

    /** Why the app is not fit to serve, or null when it answered below 500. */
    static String problem(HttpApp app, String contextPath, String healthPath, Duration timeout)
            throws InterruptedException {
        String mount = contextPath.equals("/") ? "" : contextPath;
        String path = path(contextPath, healthPath);
        ProbeRequest request = new ProbeRequest(path, mount,
                new Headers().add("Host", "localhost").add("User-Agent", "narwhal-deploy-probe"));
        ProbeResponse response = new ProbeResponse();
        FutureTask<Void> answer = new FutureTask<>(() -> {
            app.handle(request, response);
            return null;
        });
        Thread.ofVirtual().name("narwhal-health-probe").start(answer);
        try {
            answer.get(timeout.toMillis(), TimeUnit.MILLISECONDS);
        } catch (ExecutionException e) {
            Throwable cause = e.getCause();
            return "its health request GET " + path + " threw " + cause;
        } catch (TimeoutException e) {
            answer.cancel(true);
            return "its health request GET " + path + " got no answer within " + timeout.toSeconds() + " s";
        }
        if (response.status >= 500) {
            return "its health request GET " + path + " was answered " + response.status;
        }
        return null;
    }

    private record ProbeRequest(String path, String contextPath, Headers headers) implements HttpRequest {
        @Override
        public String method() {
            return "GET";
        }

        @Override
        public String target() {
            return path;
        }

        @Override
        public String query() {
            return null;
        }

        @Override
        public String version() {
            return "HTTP/1.1";
        }

        @Override
        public InputStream body() {
            return InputStream.nullInputStream();
        }

        @Override
        public InetSocketAddress remoteAddress() {
            return LOCAL;
        }

        @Override
        public InetSocketAddress localAddress() {
            return LOCAL;
        }

        @Override
        public String scheme() {
            return "http";
        }

        @Override
        public String pathInfo() {
            return path.substring(contextPath.length());
        }
    }

    /** Keeps the status; the body is read and dropped. */
    private static final class ProbeResponse implements HttpResponse {
        private final Headers headers = new Headers();
        private volatile int status = 200;
        private volatile boolean committed;

        @Override
        public HttpResponse status(int status) {
            this.status = status;
            return this;
        }

        @Override
        public int status() {
            return status;
        }

        @Override
        public Headers headers() {
            return headers;
        }

        @Override
        public void send(byte[] body) {
            committed = true;
        }

        @Override
        public void send(String body) {
            send(body.getBytes(StandardCharsets.UTF_8));
        }

        @Override
        public OutputStream body() throws IOException {
            committed = true;
            return new ByteArrayOutputStream();
        }

        @Override
        public boolean isCommitted() {
            return committed;
        }
    }
}
