package io.narwhal.apps.hello;

import io.narwhal.api.app.HttpRequest;
import io.narwhal.api.http.Headers;
import java.io.ByteArrayInputStream;
import java.io.InputStream;
import java.net.InetSocketAddress;

/** A request as a codec would hand it over: a method and a target, no headers, no body. */
final class FakeRequest implements HttpRequest {
    private final String method;
    private final String target;
    private final Headers headers = new Headers();

    FakeRequest(String method, String target) {
        this.method = method;
        this.target = target;
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
        return new ByteArrayInputStream(new byte[0]);
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
}
