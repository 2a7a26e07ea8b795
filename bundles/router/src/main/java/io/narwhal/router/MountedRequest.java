package io.narwhal.router;

import io.narwhal.api.app.HttpRequest;
import io.narwhal.api.http.Headers;
import java.io.InputStream;
import java.net.InetSocketAddress;

/** The request as the mounted app sees it: everything from the codec, plus where the app is mounted. */
final class MountedRequest implements HttpRequest {
    private final HttpRequest request;
    private final String contextPath;
    private final String path;
    private final String pathInfo;

    /**
     * @param contextPath the visible mount ("" for the root), which covers the path
     * @param path the request's path as the router normalised it (see RequestPaths)
     */
    MountedRequest(HttpRequest request, String contextPath, String path) {
        this.request = request;
        this.contextPath = contextPath;
        this.path = path;
        this.pathInfo = path.substring(contextPath.length());
    }

    @Override
    public String contextPath() {
        return contextPath;
    }

    @Override
    public String pathInfo() {
        return pathInfo;
    }

    @Override
    public String method() {
        return request.method();
    }

    @Override
    public String target() {
        return request.target();
    }

    /** The normalised path the router matched: an app never sees a dot-segment (target() is as sent). */
    @Override
    public String path() {
        return path;
    }

    @Override
    public String query() {
        return request.query();
    }

    @Override
    public String version() {
        return request.version();
    }

    @Override
    public Headers headers() {
        return request.headers();
    }

    @Override
    public InputStream body() {
        return request.body();
    }

    @Override
    public Headers trailers() {
        return request.trailers();
    }

    @Override
    public InetSocketAddress remoteAddress() {
        return request.remoteAddress();
    }

    @Override
    public InetSocketAddress localAddress() {
        return request.localAddress();
    }

    @Override
    public String scheme() {
        return request.scheme();
    }

    @Override
    public String host() {
        return request.host();
    }

    @Override
    public String toString() {
        return request.method() + " " + request.target() + " (context " + contextPath + ")";
    }
}
