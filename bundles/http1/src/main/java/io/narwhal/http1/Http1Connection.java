package io.narwhal.http1;

import static java.nio.charset.StandardCharsets.ISO_8859_1;

import io.narwhal.api.app.HttpApp;
import io.narwhal.api.app.UpgradeHandler;
import io.narwhal.api.codec.ConnectionOptions;
import io.narwhal.api.codec.HttpConnection;
import io.narwhal.api.codec.RequestLimits;
import io.narwhal.api.codec.Transport;
import io.narwhal.api.http.HttpException;
import io.narwhal.http1.proxy.RequestOrigin;
import java.io.IOException;
import java.net.SocketTimeoutException;
import java.net.StandardSocketOptions;
import java.nio.channels.NetworkChannel;
import java.nio.channels.ReadableByteChannel;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One connection: reads a request head, hands the request to the app, completes the response, and decides
 * whether the connection goes on. Bytes of pipelined requests stay in the input buffer for the next call.
 */
final class Http1Connection implements HttpConnection {
    /** An unread request body up to this size is read and dropped to keep the connection; a larger one closes it. */
    static final long DRAIN_LIMIT = 64 * 1024;

    private static final Logger LOG = LoggerFactory.getLogger(Http1Connection.class);
    private static final byte[] CONTINUE = "HTTP/1.1 100 Continue\r\n\r\n".getBytes(ISO_8859_1);
    static final int OUTPUT_BUFFER_SIZE = 8192;
    private static final int MIN_INPUT_BUFFER_SIZE = 16 * 1024;

    private final Transport transport;
    private final ConnectionOptions options;
    private final InputBuffer input;
    private final OutputBuffer output;
    private final Compliance compliance;
    private final ConnectionOrigin origin;
    /** Where the request being served comes from. */
    private RequestOrigin requestOrigin;
    private final HeadReader heads;
    private boolean open = true;
    /** Set by the worker type, from any thread: the connection ends after the response being served. */
    private volatile boolean closeRequested;
    /** Whether a request is being served: from its complete head to its response's end. */
    private volatile boolean serving;

    Http1Connection(Transport transport, ConnectionOptions options, LeniencyCounts leniencies, BufferPool inputBuffers,
            BufferPool outputBuffers) {
        this.transport = transport;
        this.options = options;
        this.input = new InputBuffer(transport.in(), inputBuffers);
        this.output = new OutputBuffer(transport.out(), outputBuffers);
        this.compliance = new Compliance(options.compliance(), leniencies, transport.remoteAddress());
        this.origin = new ConnectionOrigin(transport, options.proxyTrust());
        this.heads = new HeadReader(transport, options, input, compliance, origin);
    }

    /** Room for the longest line a limit allows, CRLF included: a line is only consumed once complete. */
    static int inputBufferSize(RequestLimits limits) {
        int longestLine = Math.max(Math.max(limits.requestLine(), limits.fieldSize()), ChunkedDecoder.MAX_SIZE_LINE);
        return Math.max(MIN_INPUT_BUFFER_SIZE, longestLine + 2);
    }

    @Override
    public boolean serveNext(HttpApp handler) throws IOException {
        if (!open) {
            return false;
        }
        RequestHead head;
        try {
            head = heads.read();
            serving = head != null;
            requestOrigin = head == null ? null : origin.of(head.headers());
        } catch (RejectedRequestException rejected) {
            LOG.debug("Rejected a request from {}: {} {}", transport.remoteAddress(), rejected.status(),
                    rejected.getMessage());
            return reject(rejected.status(), rejected.getMessage());
        } catch (SocketTimeoutException timedOut) {
            LOG.debug("Request head from {} timed out", transport.remoteAddress());
            return reject(408, "the request did not arrive in time");
        } catch (HeadDeadlinePassedException late) {
            String within = HeadReader.within(options.headerTimeout());
            LOG.debug("Request head from {} not complete within {} (header_timeout)", transport.remoteAddress(), within);
            return reject(408, "the request head did not arrive within " + within);
        }
        if (head == null) {
            return stop();
        }
        try {
            return serve(head, handler);
        } finally {
            serving = false;
        }
    }

    @Override
    public boolean hasBufferedInput() {
        return input.available() > 0;
    }

    @Override
    public void close() throws IOException {
        open = false;
        input.discard();
        output.discard();
        transport.close();
    }

    @Override
    public boolean readHead(ReadableByteChannel channel) throws IOException {
        return !open || heads.readWithoutBlocking(channel);
    }

    @Override
    public long headDeadline() {
        return heads.headDeadline();
    }

    @Override
    public void closeAfterResponse() {
        closeRequested = true;
    }

    @Override
    public boolean idle() {
        return open && !serving && heads.awaitingNextRequest();
    }

    private boolean serve(RequestHead head, HttpApp handler) throws IOException {
        if (head.framing().kind() != BodyFraming.Kind.NONE) {
            input.growForBody();
        }
        RequestBody body = new RequestBody(input, head.framing(), head.framing().kind() == BodyFraming.Kind.CHUNKED
                ? new ChunkedDecoder(options.limits().fields(), options.limits().fieldSize(), compliance) : null,
                bodyPace(head));
        Http1Response response = new Http1Response(output, head, body, () -> options.keepAlive() && !closeRequested,
                DRAIN_LIMIT);
        if (head.expectsContinue()) {
            body.expectContinue(() -> sendContinue(response));
        }
        Http1Request request = new Http1Request(head, body, requestOrigin);
        Throwable failure = null;
        try {
            handler.handle(request, response);
        } catch (VirtualMachineError fatal) {
            if (!(fatal instanceof StackOverflowError)) {
                throw fatal;
            }
            failure = fatal;
        } catch (Exception | Error e) {
            failure = e;
        }
        if (failure == null && body.failure() != null) {
            failure = body.failure(); // the app swallowed it: the body's failure still decides
        }
        boolean answered = failure == null ? finish(request, response) : answerFailure(request, response, body, failure);
        if (!answered) {
            return stop();
        }
        output.flush();
        if (failure == null && response.upgradeHandler() != null) {
            hand(response.upgradeHandler(), request);
            return stop();
        }
        if (!response.persistent() || closeRequested || !body.drain(DRAIN_LIMIT)) {
            return stop();
        }
        // Between requests a keep-alive connection keeps only its small idle array.
        input.release();
        output.release();
        return true;
    }

    private BodyPace bodyPace(RequestHead head) {
        if (options.bodyMinRate() == 0 || head.framing().kind() == BodyFraming.Kind.NONE) {
            return null;
        }
        return new BodyPace(options.bodyMinRate(), options.headerTimeout());
    }

    /** Runs the protocol the connection was switched to, until it is done with the connection. */
    private void hand(UpgradeHandler handler, Http1Request request) {
        try {
            handler.upgraded(new UpgradedTransport(input, transport));
        } catch (IOException e) {
            LOG.debug("Upgraded connection of {} ended: {}", request, e.toString());
        } catch (Exception | StackOverflowError e) {
            LOG.error("Upgraded connection of {} failed", request, e);
        }
    }

    /** Completes the app's response; false when it can not be completed properly. */
    private boolean finish(Http1Request request, Http1Response response) throws IOException {
        try {
            response.finish();
            return true;
        } catch (IOException e) {
            if (output.failure() != null) {
                throw output.failure();
            }
            // The app broke its own framing (more bytes than its Content-Length): what went out stays out.
            LOG.warn("Response to {} is broken, closing the connection: {}", request, e.getMessage());
            flushQuietly();
            return false;
        }
    }

    /**
     * Answers a request whose handler threw.
     *
     * @return false when the connection must close without a further answer
     */
    private boolean answerFailure(Http1Request request, Http1Response response, RequestBody body, Throwable failure)
            throws IOException {
        if (output.failure() != null) {
            throw output.failure(); // the peer is gone; the app only passed that on
        }
        if (body.failure() != null) {
            return answerBodyFailure(request, response, body.failure());
        }
        if (response.isCommitted()) {
            LOG.error("Request {} failed after its response was committed; closing the connection", request,
                    failure);
            flushQuietly();
            return false;
        }
        if (failure instanceof HttpException httpException && httpException.status() >= 200
                && httpException.status() <= 999) {
            LOG.debug("Request {} answered {} by the app: {}", request, httpException.status(),
                    httpException.getMessage());
            response.sendError(httpException.status(), httpException.getMessage());
        } else {
            LOG.error("Request {} failed", request, failure);
            response.sendError(500, null);
        }
        return true;
    }

    /**
     * The client's body failed, whatever the app made of it: answered with the body's own error if nothing is
     * committed; else the response is broken off (reset, so that not even a close-delimited body looks whole).
     *
     * @return false when the connection must close without a further answer
     */
    private boolean answerBodyFailure(Http1Request request, Http1Response response, Exception bodyFailure)
            throws IOException {
        boolean peerGone = !(bodyFailure instanceof RejectedRequestException)
                && !(bodyFailure instanceof SocketTimeoutException);
        if (peerGone) {
            LOG.debug("Connection from {} closed inside the body of {}", transport.remoteAddress(), request);
            return false;
        }
        if (response.isComplete()) {
            // The app caught the failure and answered in full: its answer stands, the connection ends.
            LOG.debug("Body of {} from {} failed ({}); the app answered anyway", request, transport.remoteAddress(),
                    bodyFailure.getMessage());
            flushQuietly();
            return false;
        }
        if (response.isCommitted()) {
            LOG.debug("Body of {} from {} failed after the response was committed ({}): breaking the response off",
                    request, transport.remoteAddress(), bodyFailure.getMessage());
            resetOnClose();
            return false;
        }
        if (bodyFailure instanceof RejectedRequestException rejected) {
            LOG.debug("Rejected the body of {} from {}: {} {}", request, transport.remoteAddress(), rejected.status(),
                    rejected.getMessage());
            response.sendError(rejected.status(), rejected.getMessage());
        } else {
            LOG.debug("Body of {} from {} timed out", request, transport.remoteAddress());
            response.sendError(408, "the request body did not arrive in time");
        }
        return true;
    }

    /** SO_LINGER 0: the close that follows is a reset, which no client takes for the end of a body. */
    private void resetOnClose() {
        if (transport.closer() instanceof NetworkChannel channel) {
            try {
                channel.setOption(StandardSocketOptions.SO_LINGER, 0);
            } catch (IOException | UnsupportedOperationException e) {
                LOG.debug("cannot make the close a reset: {}", e.toString());
            }
        }
    }

    /** Sends 100 Continue, unless the final response has started: then it is too late (RFC 9110 15.2.1). */
    private boolean sendContinue(Http1Response response) throws IOException {
        if (response.isCommitted()) {
            return false;
        }
        output.put(CONTINUE);
        output.flush();
        return true;
    }

    /** Answers input the codec refuses, then the connection closes. */
    private boolean reject(int status, String reason) throws IOException {
        ErrorResponse.writeRejection(output, status, reason);
        output.flush();
        return stop();
    }

    private void flushQuietly() {
        try {
            output.flush();
        } catch (IOException e) {
            LOG.debug("Flushing a broken response failed: {}", e.toString());
        }
    }

    private boolean stop() {
        open = false;
        return false;
    }
}
