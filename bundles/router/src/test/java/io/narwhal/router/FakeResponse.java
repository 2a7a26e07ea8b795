package io.narwhal.router;

import io.narwhal.api.app.HttpResponse;
import io.narwhal.api.http.Headers;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;

/** Captures what an app or the router answers; committed on send or on the first flush of the body. */
final class FakeResponse implements HttpResponse {
    private final Headers headers = new Headers();
    private final ByteArrayOutputStream body = new ByteArrayOutputStream();
    private int status = 200;
    private boolean committed;

    @Override
    public HttpResponse status(int status) {
        if (committed) {
            throw new IllegalStateException("committed");
        }
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
    public void send(byte[] bytes) throws IOException {
        if (committed) {
            throw new IllegalStateException("committed");
        }
        committed = true;
        body.write(bytes);
    }

    @Override
    public void send(String text) throws IOException {
        if (!headers.contains("Content-Type")) {
            headers.set("Content-Type", "text/plain; charset=utf-8");
        }
        send(text.getBytes(StandardCharsets.UTF_8));
    }

    @Override
    public OutputStream body() {
        return new OutputStream() {
            @Override
            public void write(int b) {
                body.write(b);
            }

            @Override
            public void flush() {
                committed = true;
            }

            @Override
            public void close() {
                committed = true;
            }
        };
    }

    @Override
    public boolean isCommitted() {
        return committed;
    }

    String bodyText() {
        return body.toString(StandardCharsets.UTF_8);
    }
}
