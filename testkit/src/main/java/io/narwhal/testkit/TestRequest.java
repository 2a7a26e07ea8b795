package io.narwhal.testkit;

import io.narwhal.api.app.HttpApp;
import io.narwhal.api.app.HttpRequest;
import io.narwhal.api.http.Headers;
import java.io.ByteArrayInputStream;
import java.io.InputStream;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;

/**
 * A request to hand an app in a unit test, built the way a codec would hand it over: start from a method and
 * a target, add header fields and a body, then {@link #sendTo} the app.
 *
 * <pre>{@code
 * RecordingResponse response = TestRequest.post("/echo").header("Content-Type", "text/plain").body("hi").sendTo(app);
 * }</pre>
 *
 * The header fields are exactly the ones added (no Host, no Content-Length unless a test adds them); the
 * version is HTTP/1.1, the scheme http, the peer 127.0.0.1:40000 and the local address 127.0.0.1:8000.
 * Not thread-safe, like a real request.
 */
public final class TestRequest implements HttpRequest {
    private final String method;
    private final String target;
    private final Headers headers = new Headers();
    private InputStream body = InputStream.nullInputStream();
    private String contextPath = "";

    private TestRequest(String method, String target) {
        this.method = method;
        this.target = target;
    }

    /** A request with this method token (e.g. "PUT") and request-target (path and query, e.g. "/a?b=1"). */
    public static TestRequest of(String method, String target) {
        return new TestRequest(method, target);
    }

    public static TestRequest get(String target) {
        return of("GET", target);
    }

    public static TestRequest post(String target) {
        return of("POST", target);
    }

    /** Adds a header field, after any of the same name. */
    public TestRequest header(String name, String value) {
        headers.add(name, value);
        return this;
    }

    /** The body, read by the app as it would read it from the connection. */
    public TestRequest body(InputStream body) {
        this.body = body;
        return this;
    }

    public TestRequest body(byte[] body) {
        return body(new ByteArrayInputStream(body));
    }

    /** The body as UTF-8. */
    public TestRequest body(String body) {
        return body(body.getBytes(StandardCharsets.UTF_8));
    }

    /**
     * Mounts the request as the router would for an app at this context path ("/" or "/name"), which must
     * cover the path: {@link #contextPath()} and {@link #pathInfo()} then tell the app where it is.
     */
    public TestRequest mountedAt(String contextPath) {
        String visible = contextPath.equals("/") ? "" : contextPath;
        String path = path();
        if (!path.startsWith(visible) || path.length() > visible.length() && path.charAt(visible.length()) != '/') {
            throw new IllegalArgumentException("an app at " + contextPath + " is not asked for " + path);
        }
        this.contextPath = visible;
        return this;
    }

    /** Hands this request to the app with a fresh {@link RecordingResponse}, and returns that response. */
    public RecordingResponse sendTo(HttpApp app) throws Exception {
        RecordingResponse response = new RecordingResponse();
        app.handle(this, response);
        return response;
    }

    @Override
    public String method() {
        return method;
    }

    @Override
    public String target() {
        return target;
    }

    @Override
    public String path() {
        int query = target.indexOf('?');
        return query < 0 ? target : target.substring(0, query);
    }

    @Override
    public String query() {
        int query = target.indexOf('?');
        return query < 0 ? null : target.substring(query + 1);
    }

    @Override
    public String version() {
        return "HTTP/1.1";
    }

    @Override
    public Headers headers() {
        return headers;
    }

    @Override
    public InputStream body() {
        return body;
    }

    @Override
    public InetSocketAddress remoteAddress() {
        return new InetSocketAddress("127.0.0.1", 40000);
    }

    @Override
    public InetSocketAddress localAddress() {
        return new InetSocketAddress("127.0.0.1", 8000);
    }

    @Override
    public String scheme() {
        return "http";
    }

    @Override
    public String contextPath() {
        return contextPath;
    }

    @Override
    public String pathInfo() {
        return path().substring(contextPath.length());
    }

    @Override
    public String toString() {
        return method + " " + target;
    }
}
