package io.narwhal.http1;

import io.narwhal.api.codec.ConnectionOptions;
import io.narwhal.api.codec.ReadTimeout;
import io.narwhal.api.codec.Transport;
import io.narwhal.api.http.Headers;
import java.io.IOException;
import java.net.SocketTimeoutException;
import java.nio.channels.ReadableByteChannel;
import java.time.Duration;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Reads a connection's request heads, blocking or not, one after another: the PROXY header before the first, the
 * request line, the fields; the head deadline (header_timeout) and the wait between keep-alive requests
 * (keepalive). What a non-blocking read completed or refused waits here for the blocking one to hand out.
 */
final class HeadReader {
    private static final Logger LOG = LoggerFactory.getLogger(HeadReader.class);
    private static final long MIN_READ_WAIT_NANOS = 1_000_000;

    private final Transport transport;
    private final ConnectionOptions options;
    private final InputBuffer input;
    private final Compliance compliance;
    private final ConnectionOrigin origin;
    private final RequestLineParser requestLineParser;
    private final FieldSectionParser headerParser;
    private volatile boolean firstRequest = true;
    /** Whether a request head is being read: its parsers are under way and its deadline is set. */
    private volatile boolean headUnderWay;
    /** Whether the head under way is a keep-alive connection's next, whose first byte is awaited for keepalive. */
    private volatile boolean awaitingNextRequest;
    /** Whether a PROXY header must still be read before the first request line. */
    private boolean proxyHeaderDue;
    /** Whether the connection must end without an answer (a refused PROXY header). */
    private boolean abandoned;
    /** Whether the request line of the head under way is complete, so its fields are being read. */
    private boolean requestLineDone;
    private Headers headerFields;
    /** A head that {@link #readWithoutBlocking} completed or refused, for {@link #read} to hand out or throw. */
    private RequestHead parsedHead;
    private RejectedRequestException refusedHead;
    /** When the request head being read must be complete (System.nanoTime), or 0 while none is due. */
    private long headDeadline;
    /** Whether this reader changed the transport's read timeout, to be given back for the body. */
    private boolean readTimeoutChanged;

    HeadReader(Transport transport, ConnectionOptions options, InputBuffer input, Compliance compliance,
            ConnectionOrigin origin) {
        this.transport = transport;
        this.options = options;
        this.input = input;
        this.compliance = compliance;
        this.origin = origin;
        this.requestLineParser = new RequestLineParser(options.limits().requestLine(), compliance);
        this.headerParser = new FieldSectionParser(options.limits().fields(), options.limits().fieldSize(), "header",
                compliance);
    }

    /** See {@link io.narwhal.api.codec.HttpConnection#readHead(ReadableByteChannel)}. */
    boolean readWithoutBlocking(ReadableByteChannel channel) throws IOException {
        if (parsedHead != null || refusedHead != null) {
            return true;
        }
        try {
            while ((parsedHead = parseBuffered()) == null) {
                if (abandoned || headDeadline != 0 && System.nanoTime() - headDeadline > 0) {
                    return true;
                }
                int read = input.fillFrom(channel);
                if (read <= 0) {
                    return read < 0;
                }
            }
        } catch (RejectedRequestException refused) {
            refusedHead = refused;
        }
        return true;
    }

    long headDeadline() {
        return headDeadline;
    }

    /** Whether a request was read before and nothing of the next one has come (or been buffered) yet. */
    boolean awaitingNextRequest() {
        return !firstRequest && (!headUnderWay || awaitingNextRequest) && input.available() == 0;
    }

    /**
     * Reads the next request head, going on from what {@link #readWithoutBlocking} parsed.
     *
     * @return null when the connection ended or idled out before a request, or ended inside one
     * @throws RejectedRequestException for a head the codec refuses
     * @throws HeadDeadlinePassedException when the head did not arrive within header_timeout
     * @throws SocketTimeoutException when a read inside the head timed out
     */
    RequestHead read() throws IOException {
        if (refusedHead != null) {
            RejectedRequestException refused = refusedHead;
            refusedHead = null;
            throw refused;
        }
        RequestHead head = parsedHead;
        parsedHead = null;
        while (head == null && (head = parseBuffered()) == null) {
            if (abandoned) {
                return null;
            }
            if (!fill(!proxyHeaderDue && (requestLineDone || requestLineParser.hasStarted()))) {
                if (proxyHeaderDue) {
                    LOG.debug("Closing the connection from {}: it ended or timed out before its PROXY header was "
                            + "complete", transport.remoteAddress());
                }
                return null;
            }
        }
        if (readTimeoutChanged) {
            readTimeoutChanged = false;
            transport.readTimeout().set(Duration.ZERO); // the body's reads are the worker type's to bound
        }
        return head;
    }

    /** "10 s", or "250 ms" for a deadline under a second (tests). */
    static String within(Duration timeout) {
        return timeout.toMillis() % 1000 == 0 ? timeout.toSeconds() + " s" : timeout.toMillis() + " ms";
    }

    /**
     * Parses the next head from what is buffered, starting one if none is under way.
     *
     * @return the complete head, or null when more bytes are needed
     */
    private RequestHead parseBuffered() {
        if (!headUnderWay) {
            requestLineParser.reset();
            requestLineDone = false;
            // A new connection's first head is due from its start; a later one's from its first byte.
            headDeadline = firstRequest ? deadlineFromNow() : 0;
            awaitingNextRequest = !firstRequest;
            proxyHeaderDue = firstRequest && origin.expectsProxyHeader();
            firstRequest = false;
            headUnderWay = true;
        }
        if (proxyHeaderDue) {
            // The PROXY header comes first, within the first head's deadline; a bad one ends the connection unanswered.
            ConnectionOrigin.ProxyHeaderState state = origin.readBufferedProxyHeader(input);
            if (state != ConnectionOrigin.ProxyHeaderState.READ) {
                abandoned = state == ConnectionOrigin.ProxyHeaderState.REFUSED;
                return null;
            }
            proxyHeaderDue = false;
        }
        if (!requestLineDone) {
            boolean done = requestLineParser.parse(input);
            if (requestLineParser.hasStarted()) {
                awaitingNextRequest = false;
                if (headDeadline == 0) {
                    headDeadline = deadlineFromNow();
                }
            }
            if (!done) {
                return null;
            }
            requestLineDone = true;
            headerFields = new Headers();
            headerParser.reset(headerFields);
        }
        if (!headerParser.parse(input)) {
            return null;
        }
        headUnderWay = false;
        headDeadline = 0;
        return RequestHead.of(requestLineParser.result(), headerFields, compliance);
    }

    private long deadlineFromNow() {
        Duration timeout = options.headerTimeout();
        return timeout.isZero() ? 0 : (System.nanoTime() + timeout.toNanos()) | 1;
    }

    /**
     * Reads more of a request head.
     *
     * @param started whether a byte of this request has arrived
     * @return false when the peer closed, when nothing of a request came by the deadline, or when an idle
     *     connection's wait ran out
     */
    private boolean fill(boolean started) throws IOException {
        if (headDeadline != 0 && System.nanoTime() - headDeadline > 0) {
            if (!started) {
                // Nothing of a request came: no answer, which a client that opened the connection early (a
                // browser's preconnect) would take for the answer to the request it sends later.
                LOG.debug("Connection from {} sent nothing within {} (header_timeout)", transport.remoteAddress(),
                        within(options.headerTimeout()));
                return false;
            }
            throw new HeadDeadlinePassedException();
        }
        boundNextRead();
        try {
            if (input.fill()) {
                return true;
            }
            if (started) {
                LOG.debug("Connection from {} closed inside a request head", transport.remoteAddress());
            }
            return false;
        } catch (SocketTimeoutException timedOut) {
            if (!started) {
                return false; // the keep-alive wait ran out: an idle connection ends quietly
            }
            if (headDeadline != 0 && System.nanoTime() - headDeadline > 0) {
                throw new HeadDeadlinePassedException();
            }
            throw timedOut;
        }
    }

    /** The wait for a next request is keepalive long; a head's reads wait no longer than its deadline. */
    private void boundNextRead() throws IOException {
        ReadTimeout readTimeout = transport.readTimeout();
        if (readTimeout == null) {
            return;
        }
        Duration wait;
        if (awaitingNextRequest && !options.idleTimeout().isZero()) {
            wait = options.idleTimeout();
        } else if (headDeadline != 0) {
            wait = Duration.ofNanos(Math.max(MIN_READ_WAIT_NANOS, headDeadline - System.nanoTime()));
        } else {
            return;
        }
        readTimeout.set(wait);
        readTimeoutChanged = true;
    }
}
