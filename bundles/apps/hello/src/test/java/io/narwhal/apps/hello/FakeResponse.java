package io.narwhal.apps.hello;

import io.narwhal.api.app.HttpResponse;
import io.narwhal.api.http.Headers;
import java.io.ByteArrayOutputStream;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;

/** Captures the status, headers and body an app sends. */
final class FakeResponse implements HttpResponse {
    private final Headers headers = new Headers();
    private final ByteArrayOutputStream body = new ByteArrayOutputStream();
    private int status = 200;
    private boolean committed;

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
    public void send(byte[] bytes) {
        if (committed) {
            throw new IllegalStateException("sent twice");
        }
        committed = true;
        body.writeBytes(bytes);
    }

    @Override
    public void send(String text) {
        if (!headers.contains("Content-Type")) {
            headers.set("Content-Type", "text/plain; charset=utf-8");
        }
        send(text.getBytes(StandardCharsets.UTF_8));
    }

    @Override
    public OutputStream body() {
        committed = true;
        return body;
    }

    @Override
    public boolean isCommitted() {
        return committed;
    }

    byte[] bodyBytes() {
        return body.toByteArray();
    }
}
