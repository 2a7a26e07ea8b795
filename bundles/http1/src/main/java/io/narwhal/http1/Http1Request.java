package io.narwhal.http1;

import io.narwhal.api.app.HttpRequest;
import io.narwhal.api.http.Headers;
import io.narwhal.http1.proxy.RequestOrigin;
import java.io.InputStream;
import java.net.InetSocketAddress;

/** One parsed request, handed to the app. */
final class Http1Request implements HttpRequest {
    private final RequestHead head;
    private final RequestBody body;
    private final RequestOrigin origin;

    Http1Request(RequestHead head, RequestBody body, RequestOrigin origin) {
        this.head = head;
        this.body = body;
        this.origin = origin;
    }

    @Override
    public String method() {
        return head.line().method();
    }

    @Override
    public String target() {
        return head.line().target();
    }

    @Override
    public String path() {
        return head.line().path();
    }

    @Override
    public String query() {
        return head.line().query();
    }

    @Override
    public String version() {
        return head.line().version();
    }

    @Override
    public Headers headers() {
        return head.headers();
    }

    @Override
    public InputStream body() {
        return body;
    }

    @Override
    public Headers trailers() {
        return body.trailers();
    }

    @Override
    public InetSocketAddress remoteAddress() {
        return origin.remoteAddress();
    }

    @Override
    public InetSocketAddress localAddress() {
        return origin.localAddress();
    }

    @Override
    public String scheme() {
        return origin.scheme();
    }

    @Override
    public String host() {
        return origin.host();
    }

    @Override
    public String toString() {
        return method() + " " + target() + " " + version();
    }
}
