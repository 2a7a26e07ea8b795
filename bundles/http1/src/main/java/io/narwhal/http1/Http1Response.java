package io.narwhal.http1;

import static java.nio.charset.StandardCharsets.UTF_8;

import io.narwhal.api.app.HttpResponse;
import io.narwhal.api.app.UpgradeHandler;
import io.narwhal.api.http.Headers;
import io.narwhal.http1.ResponseHeadWriter.ConnectionField;
import java.io.IOException;
import java.io.OutputStream;
import java.util.function.BooleanSupplier;

/**
 * The response to one request. Decides the framing when the head is written: a fixed body gets its exact
 * Content-Length; a streamed one the Content-Length the app set, else chunked (HTTP/1.1), else the end of
 * the connection (HTTP/1.0). Decides there too whether the connection can carry another request, and says
 * so in the head.
 */
final class Http1Response implements HttpResponse, ResponseBodyStream.Owner {
    private final OutputBuffer out;
    private final RequestHead request;
    private final RequestBody requestBody;
    private final BooleanSupplier keepAliveAllowed;
    private final long drainLimit;
    private final Headers headers = new Headers();
    private int status = 200;
    private ResponseBodyStream stream;
    private boolean committed;
    private boolean complete;
    /** The body bytes send() handed to the connection. */
    private long sentWhole;
    private boolean framingKept = true;
    private boolean persistent;
    /** What takes the connection over once the app returns, when it asked for an upgrade. */
    private UpgradeHandler upgrade;

    /**
     * @param keepAliveAllowed whether the server lets the connection persist, asked when the head is written (a
     *     worker type may ask for a close while the app runs)
     * @param drainLimit the most unread request body bytes dropped to keep the connection
     */
    Http1Response(OutputBuffer out, RequestHead request, RequestBody requestBody, BooleanSupplier keepAliveAllowed,
            long drainLimit) {
        this.out = out;
        this.request = request;
        this.requestBody = requestBody;
        this.keepAliveAllowed = keepAliveAllowed;
        this.drainLimit = drainLimit;
    }

    @Override
    public HttpResponse status(int status) {
        requireUncommitted();
        if (status < 100 || status > 999) {
            throw new IllegalArgumentException("not a status code: " + status);
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
    public void send(byte[] body) throws IOException {
        requireUncommitted();
        requireNoUpgrade();
        if (stream != null) {
            throw new IllegalStateException("body() is already in use");
        }
        BodyEncoding encoding = commit(body.length);
        if (encoding.mode() == BodyEncoding.Mode.LENGTH) {
            out.write(body, 0, body.length);
            sentWhole = body.length;
        }
        complete = true;
    }

    @Override
    public void send(String body) throws IOException {
        if (!headers.contains("Content-Type")) {
            headers.set("Content-Type", ErrorResponse.CONTENT_TYPE);
        }
        send(body.getBytes(UTF_8));
    }

    @Override
    public OutputStream body() {
        requireNoUpgrade();
        if (complete) {
            throw new IllegalStateException("the response is complete");
        }
        if (stream == null) {
            stream = new ResponseBodyStream(out, this);
        }
        return stream;
    }

    @Override
    public boolean isCommitted() {
        return committed;
    }

    @Override
    public long bodyBytesSent() {
        return sentWhole + (stream == null ? 0 : stream.sent());
    }

    @Override
    public void upgrade(String protocol, UpgradeHandler handler) {
        requireUncommitted();
        if (protocol == null || protocol.isEmpty() || !protocol.chars().allMatch(c -> CharClass.isToken(c) || c == '/')
                || handler == null) {
            throw new IllegalArgumentException("a protocol token and a handler are required");
        }
        if (!request.line().isHttp11()) {
            throw new IllegalStateException("only an HTTP/1.1 connection can be upgraded");
        }
        if (!request.headers().containsToken("Connection", "upgrade")
                || !request.headers().containsToken("Upgrade", protocol)) {
            throw new IllegalStateException("the request did not offer an upgrade to " + protocol);
        }
        if (requestBody.knownRemaining() != 0) {
            throw new IllegalStateException("read the request body to its end before upgrading");
        }
        status = 101;
        headers.set("Upgrade", protocol);
        upgrade = handler;
    }

    /** The handler that takes the connection over, when the app asked for an upgrade; else null. */
    UpgradeHandler upgradeHandler() {
        return upgrade;
    }

    /** Writes the 101 head; the connection is the upgrade handler's from here. */
    void commitUpgrade() {
        committed = true;
        complete = true;
        ResponseHeadWriter.write(out, 101, headers, -1, false, ConnectionField.UPGRADE);
    }

    /** Whether the connection may carry the next request once this response and the request body are done. */
    boolean persistent() {
        return persistent && complete && framingKept && requestBody.failure() == null;
    }

    /** Completes what the app left open: closes its stream, or sends an empty body if it wrote nothing. */
    void finish() throws IOException {
        if (complete) {
            return;
        }
        if (upgrade != null) {
            commitUpgrade();
            return;
        }
        if (stream != null) {
            stream.close();
        } else {
            commitEmpty();
            complete = true;
        }
    }

    /** Replaces whatever the app prepared by a short text answer; only before the response is committed. */
    void sendError(int status, String reason) throws IOException {
        requireUncommitted();
        stream = null;
        upgrade = null;
        headers.clear();
        this.status = status;
        headers.set("Content-Type", ErrorResponse.CONTENT_TYPE);
        send(ErrorResponse.text(status, reason).getBytes(UTF_8));
    }

    @Override
    public BodyEncoding commitStream(boolean nothingWritten) {
        return nothingWritten ? commitEmpty() : commit(-1);
    }

    /**
     * An app that wrote nothing sends an empty body with Content-Length: 0; but a HEAD answer keeps the
     * Content-Length the app set, since it describes the body a GET would have had.
     */
    private BodyEncoding commitEmpty() {
        long declared = declaredContentLength();
        return commit(request.isHead() && declared >= 0 ? declared : 0);
    }

    @Override
    public void streamClosed(boolean framingKept) {
        this.framingKept = framingKept;
        complete = true;
    }

    @Override
    public boolean requestBodyFailed() {
        return requestBody.failure() != null;
    }

    @Override
    public void streamAborted() {
        framingKept = false;
    }

    /** Whether the response went out whole: everything its head announced, and its end. */
    boolean isComplete() {
        return complete && framingKept;
    }

    /**
     * Writes the head.
     *
     * @param fixedLength the whole body's length when known, else -1 (a streamed body)
     */
    private BodyEncoding commit(long fixedLength) {
        committed = true;
        long declared = declaredContentLength();
        boolean bodyAllowed = status >= 200 && status != 204 && status != 304;
        BodyEncoding encoding;
        if (!bodyAllowed) {
            encoding = BodyEncoding.NONE;
        } else if (fixedLength >= 0) {
            encoding = BodyEncoding.length(fixedLength);
        } else if (declared >= 0) {
            encoding = BodyEncoding.length(declared);
        } else if (request.line().isHttp11()) {
            encoding = BodyEncoding.CHUNKED;
        } else {
            encoding = BodyEncoding.CLOSE_DELIMITED;
        }
        persistent = keepAliveAllowed.getAsBoolean() && request.keepAliveRequested()
                && !headers.containsToken("Connection", "close")
                && encoding.mode() != BodyEncoding.Mode.CLOSE_DELIMITED
                && !requestBodyForcesClose();
        // A 304 may carry the Content-Length a 200 would have had (RFC 9110 8.6); 1xx and 204 never do.
        long announcedLength = encoding.mode() == BodyEncoding.Mode.LENGTH ? encoding.length()
                : status == 304 ? declared : -1;
        ConnectionField connection = !persistent ? ConnectionField.CLOSE
                : request.line().isHttp11() ? ConnectionField.NONE : ConnectionField.KEEP_ALIVE;
        ResponseHeadWriter.write(out, status, headers, announcedLength,
                encoding.mode() == BodyEncoding.Mode.CHUNKED, connection);
        // HEAD: the head a GET would have had, and no body (RFC 9110 9.3.2).
        return request.isHead() ? BodyEncoding.NONE : encoding;
    }

    /**
     * Whether the request body already rules out a next request: it failed, the client still waits for a
     * 100 Continue that can no longer be sent, or more is left unread than would be drained.
     */
    private boolean requestBodyForcesClose() {
        return requestBody.failure() != null || requestBody.continueWithheld()
                || requestBody.knownRemaining() > drainLimit;
    }

    /** The Content-Length the app set, when it is a valid one; else -1. */
    private long declaredContentLength() {
        String value = headers.first("Content-Length");
        if (value == null || value.isEmpty() || value.length() > 18) {
            return -1;
        }
        for (int i = 0; i < value.length(); i++) {
            if (!CharClass.isDigit(value.charAt(i))) {
                return -1;
            }
        }
        return Long.parseLong(value);
    }

    private void requireNoUpgrade() {
        if (upgrade != null) {
            throw new IllegalStateException("the response switches protocols: the upgrade handler writes to the client");
        }
    }

    private void requireUncommitted() {
        if (committed) {
            throw new IllegalStateException("the response is already committed");
        }
    }
}
