package io.narwhal.http1;

import static io.narwhal.http1.TestConnection.bytes;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ch.qos.logback.classic.Level;
import io.narwhal.api.codec.ConnectionOptions;
import io.narwhal.api.codec.HttpCompliance;
import io.narwhal.api.codec.IpNetwork;
import io.narwhal.api.codec.ProxyProtocol;
import io.narwhal.api.codec.ProxyTrust;
import io.narwhal.api.codec.RequestLimits;
import io.narwhal.http1.proxy.ProxyV2Bytes;
import io.narwhal.http1.proxy.RequestOrigin;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.LockSupport;
import org.junit.jupiter.api.Test;

/**
 * PROXY protocol headers and forwarding headers through the codec: what the app is told, what a peer that is not
 * allowed gets, and how a bad header ends the connection or the request.
 */
class ProxyConnectionTest {
    private static final InetSocketAddress STRANGER = new InetSocketAddress("198.51.100.9", 40000);
    private static final String GET = "GET / HTTP/1.1\r\nHost: app.internal\r\n\r\n";
    private static final String V1 = "PROXY TCP4 203.0.113.7 192.0.2.1 56324 443\r\n";
    private static final InetSocketAddress CLIENT = new InetSocketAddress("203.0.113.7", 56324);
    private static final InetSocketAddress REACHED = new InetSocketAddress("192.0.2.1", 443);

    private static IpNetwork one(String address) {
        return IpNetwork.of(InetAddress.ofLiteral(address));
    }

    /** Gunicorn's defaults (loopback allowed for both), with this PROXY mode. */
    private static ConnectionOptions options(ProxyProtocol mode, IpNetwork... forwardedAllowIps) {
        return options(mode, Duration.ZERO, forwardedAllowIps);
    }

    private static ConnectionOptions options(ProxyProtocol mode, Duration headerTimeout, IpNetwork... forwardedAllowIps) {
        List<IpNetwork> forwarded = forwardedAllowIps.length == 0 ? List.of(one("127.0.0.1"), one("::1"))
                : List.of(forwardedAllowIps);
        ProxyTrust trust = new ProxyTrust(forwarded, Map.of("X-Forwarded-Proto", "https", "X-Forwarded-Ssl", "on"),
                mode, List.of(one("127.0.0.1"), one("::1")));
        return new ConnectionOptions(true, RequestLimits.GUNICORN_DEFAULTS, headerTimeout).withProxyTrust(trust);
    }

    private static byte[] concat(byte[]... parts) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        for (byte[] part : parts) {
            out.writeBytes(part);
        }
        return out.toByteArray();
    }

    private static TestConnection serve(ConnectionOptions options, InetSocketAddress peer, InputStream in, OriginApp app)
            throws IOException {
        return new TestConnection(in, options, peer).serveAll(app);
    }

    private static TestConnection serve(ConnectionOptions options, byte[] bytes, OriginApp app) throws IOException {
        return serve(options, TestConnection.REMOTE, ScriptedInputStream.whole(bytes), app);
    }

    @Test
    void aV1HeaderNamesTheClientAndTheAddressItReached() throws IOException {
        OriginApp app = new OriginApp();
        TestConnection connection = serve(options(ProxyProtocol.V1), bytes(V1 + GET), app);
        assertEquals(200, connection.responses().next().status());
        assertEquals(List.of(new RequestOrigin(CLIENT, REACHED, "http", "app.internal")), app.seen);
    }

    @Test
    void aV2HeaderWithTlvsArrivingAByteAtATimeIsReadWithinTheHead() throws IOException {
        byte[] header = ProxyV2Bytes.tcp("2001:db8::7", 50123, "2001:db8::1", 8443).tlv(0x01, bytes("http/1.1")).bytes();
        OriginApp app = new OriginApp();
        serve(options(ProxyProtocol.AUTO), TestConnection.REMOTE, ScriptedInputStream.byteByByte(concat(header, bytes(GET))),
                app);
        assertEquals(List.of(new RequestOrigin(new InetSocketAddress("2001:db8::7", 50123),
                new InetSocketAddress("2001:db8::1", 8443), "http", "app.internal")), app.seen);
    }

    @Test
    void aHeaderReadWithoutBlockingWhileParkedNamesTheClientToo() throws IOException {
        TestConnection connection = new TestConnection(ScriptedInputStream.whole(new byte[0]), options(ProxyProtocol.V1),
                TestConnection.REMOTE);
        ArrivingBytes channel = new ArrivingBytes();
        String whole = V1 + GET;
        for (int i = 0; i < whole.length() - 1; i++) {
            channel.arrive(whole.substring(i, i + 1));
            assertEquals(false, connection.connection.readHead(channel), "after " + (i + 1) + " bytes");
        }
        channel.arrive(whole.substring(whole.length() - 1));
        assertEquals(true, connection.connection.readHead(channel));
        OriginApp app = new OriginApp();
        connection.serveOne(app);
        assertEquals(List.of(new RequestOrigin(CLIENT, REACHED, "http", "app.internal")), app.seen);
    }

    @Test
    void aMalformedHeaderSeenWhileParkedEndsTheConnectionUnanswered() throws IOException {
        TestConnection connection = new TestConnection(ScriptedInputStream.whole(new byte[0]), options(ProxyProtocol.V1),
                TestConnection.REMOTE);
        assertEquals(true, connection.connection.readHead(new ArrivingBytes().arrive("GET / HTTP/1.1\r\n")));
        connection.serveAll(new OriginApp());
        assertEquals(List.of(false), connection.results);
        assertEquals("", connection.outputText());
    }

    @Test
    void everyKeepAliveRequestKeepsTheAddressesAndOnlyTheFirstBytesAreAHeader() throws IOException {
        OriginApp app = new OriginApp();
        TestConnection connection = serve(options(ProxyProtocol.V1), bytes(V1 + GET + GET + V1 + GET), app);
        ResponseReader responses = connection.responses();
        assertEquals(200, responses.next().status());
        assertEquals(200, responses.next().status());
        assertEquals(400, responses.next().status(), "a PROXY line later on is not HTTP");
        assertEquals(2, app.seen.size());
        assertEquals(CLIENT, app.seen.get(1).remoteAddress());
    }

    @Test
    void aMalformedHeaderClosesTheConnectionWithoutAnAnswerAndLogsWhy() throws IOException {
        try (LogCapture log = new LogCapture()) {
            OriginApp app = new OriginApp();
            TestConnection connection = serve(options(ProxyProtocol.V1),
                    bytes("PROXY TCP4 203.0.113.7 192.0.2.1 56324 99999\r\n" + GET), app);
            assertEquals("", connection.outputText());
            assertEquals(List.of(false), connection.results);
            assertTrue(connection.closed);
            assertTrue(app.seen.isEmpty());
            assertEquals(List.of("Closing the connection from " + TestConnection.REMOTE
                    + ": PROXY v1 port '99999' is not a number from 0 to 65535"), log.messages(Level.DEBUG));
        }
    }

    @Test
    void plainHttpFromAnAllowedProxyIsClosedUnanswered() throws IOException {
        try (LogCapture log = new LogCapture()) {
            TestConnection connection = serve(options(ProxyProtocol.AUTO), bytes(GET), new OriginApp());
            assertEquals("", connection.outputText());
            assertTrue(log.messages(Level.DEBUG).getFirst().endsWith(
                    "the connection does not begin with a PROXY protocol header (proxy_protocol auto expects a v1 line"
                            + " or a v2 signature)"), log.messages(Level.DEBUG).toString());
        }
    }

    @Test
    void aPeerNotInProxyAllowIpsSpeaksPlainHttpAndItsProxyLineIsABadRequest() throws IOException {
        OriginApp app = new OriginApp();
        serve(options(ProxyProtocol.V1), STRANGER, ScriptedInputStream.whole(bytes(GET)), app);
        assertEquals(List.of(new RequestOrigin(STRANGER, TestConnection.LOCAL, "http", "app.internal")), app.seen);

        OriginApp spoofed = new OriginApp();
        TestConnection connection = serve(options(ProxyProtocol.V1), STRANGER, ScriptedInputStream.whole(bytes(V1 + GET)),
                spoofed);
        assertEquals(400, connection.responses().next().status());
        assertTrue(spoofed.seen.isEmpty());
    }

    @Test
    void aConnectionThatEndsOrStallsBeforeItsHeaderIsCompleteClosesQuietly() throws IOException {
        try (LogCapture log = new LogCapture()) {
            TestConnection ended = serve(options(ProxyProtocol.V1), bytes("PROXY TCP4 203.0"), new OriginApp());
            assertEquals("", ended.outputText());
            TestConnection stalled = serve(options(ProxyProtocol.V1), TestConnection.REMOTE,
                    ScriptedInputStream.thenTimeout(bytes("PROXY TCP4 203.0")), new OriginApp());
            assertEquals("", stalled.outputText());
            String incomplete = "Closing the connection from " + TestConnection.REMOTE
                    + ": it ended or timed out before its PROXY header was complete";
            assertEquals(List.of(incomplete, incomplete),
                    log.messages(Level.DEBUG).stream().filter(m -> m.contains("PROXY")).toList());
        }
    }

    @Test
    void theHeaderCountsAgainstTheHeaderTimeout() throws IOException {
        long started = System.nanoTime();
        TestConnection connection = serve(options(ProxyProtocol.V1, Duration.ofMillis(300)), TestConnection.REMOTE,
                trickling("PROXY TCP4 "), new OriginApp());
        long tookMillis = (System.nanoTime() - started) / 1_000_000;
        assertEquals("", connection.outputText());
        assertEquals(List.of(false), connection.results);
        assertTrue(tookMillis >= 300 && tookMillis < 900, "closed at the deadline, before 107 bytes: " + tookMillis + " ms");
    }

    @Test
    void forwardingHeadersAreJudgedByTheClientThePROXYHeaderNamesNotByTheProxy() throws IOException {
        // An L4 proxy passes the client's HTTP through untouched: its own (allowed) address vouches for none of it.
        OriginApp app = new OriginApp();
        serve(options(ProxyProtocol.V1), bytes(V1 + "GET / HTTP/1.1\r\nHost: a\r\nX-Forwarded-For: 6.6.6.6\r\n"
                + "X-Forwarded-Proto: https\r\n\r\n"), app);
        assertEquals(List.of(new RequestOrigin(CLIENT, REACHED, "http", "a")), app.seen);

        // Behind it an allowed L7 proxy (10.0.0.2): its headers are believed.
        OriginApp behindL7 = new OriginApp();
        serve(options(ProxyProtocol.V1, one("10.0.0.2")), bytes("PROXY TCP4 10.0.0.2 192.0.2.1 4000 443\r\n"
                + "GET / HTTP/1.1\r\nHost: a\r\nX-Forwarded-For: 203.0.113.7\r\nX-Forwarded-Proto: https\r\n\r\n"), behindL7);
        assertEquals(List.of(new RequestOrigin(new InetSocketAddress("203.0.113.7", 0), REACHED, "https", "a")),
                behindL7.seen);
    }

    @Test
    void unknownAndLocalHeadersKeepTheSocketsAddresses() throws IOException {
        String forwarded = "GET / HTTP/1.1\r\nHost: a\r\nX-Forwarded-For: 203.0.113.7\r\n\r\n";
        OriginApp unknown = new OriginApp();
        serve(options(ProxyProtocol.V1), bytes("PROXY UNKNOWN\r\n" + forwarded), unknown);
        // Relayed for someone the proxy cannot name: no one is known to vouch for the headers.
        assertEquals(List.of(new RequestOrigin(TestConnection.REMOTE, TestConnection.LOCAL, "http", "a")), unknown.seen);

        OriginApp local = new OriginApp();
        serve(options(ProxyProtocol.V2), concat(ProxyV2Bytes.local().bytes(), bytes(forwarded)), local);
        // The proxy's own connection: the proxy speaks, and it is allowed.
        assertEquals(List.of(new RequestOrigin(new InetSocketAddress("203.0.113.7", 0), TestConnection.LOCAL, "http", "a")),
                local.seen);
    }

    @Test
    void withProxyProtocolOffTheFirstBytesAreHttp() throws IOException {
        OriginApp app = new OriginApp();
        TestConnection connection = serve(options(ProxyProtocol.OFF), bytes(V1 + GET), app);
        assertEquals(400, connection.responses().next().status());
        assertTrue(app.seen.isEmpty());
    }

    @Test
    void spoofedForwardingHeadersFromAPeerNotAllowedReachTheAppAsPlainHeaders() throws IOException {
        RecordingApp app = new RecordingApp();
        OriginApp origins = new OriginApp();
        String spoof = "GET / HTTP/1.1\r\nHost: a\r\nX-Forwarded-For: 127.0.0.1\r\nX-Forwarded-Proto: https\r\n"
                + "Forwarded: for=127.0.0.1;proto=https\r\n\r\n";
        new TestConnection(ScriptedInputStream.whole(bytes(spoof)), options(ProxyProtocol.OFF), STRANGER).serveAll(app);
        serve(options(ProxyProtocol.OFF), STRANGER, ScriptedInputStream.whole(bytes(spoof)), origins);
        assertEquals(List.of("Host: a", "X-Forwarded-For: 127.0.0.1", "X-Forwarded-Proto: https",
                "Forwarded: for=127.0.0.1;proto=https"), app.seen.getFirst().fields());
        assertEquals(List.of(new RequestOrigin(STRANGER, TestConnection.LOCAL, "http", "a")), origins.seen);
    }

    @Test
    void contradictoryOrMalformedHeadersFromAnAllowedProxyAreA400WithTheReason() throws IOException {
        TestConnection contradictory = serve(options(ProxyProtocol.OFF), bytes("GET / HTTP/1.1\r\nHost: a\r\n"
                + "X-Forwarded-Proto: https\r\nX-Forwarded-Ssl: off\r\n\r\n"), new OriginApp());
        RawResponse refused = contradictory.responses().next();
        assertEquals(400, refused.status());
        assertEquals("400 Bad Request: contradictory secure scheme headers: 'X-Forwarded-Proto: https' says https,"
                + " 'X-Forwarded-Ssl: off' says http\n", refused.bodyText());
        assertTrue(refused.closes());

        TestConnection malformed = serve(options(ProxyProtocol.OFF), bytes("GET / HTTP/1.1\r\nHost: a\r\n"
                + "Forwarded: for=[2001:db8::1]\r\n\r\n"), new OriginApp());
        assertEquals("400 Bad Request: Forwarded for= '[2001:db8::1]' is neither a token nor a quoted string (an IPv6"
                + " address or a port needs quotes)\n", malformed.responses().next().bodyText());
    }

    @Test
    void withoutProxyTrustNothingIsBelievedAsBefore() throws IOException {
        OriginApp app = new OriginApp();
        new TestConnection(ScriptedInputStream.whole(bytes("GET / HTTP/1.1\r\nHost: a\r\nX-Forwarded-For: 203.0.113.7\r\n"
                + "X-Forwarded-Proto: https\r\n\r\n")), TestConnection.KEEP_ALIVE).serveAll(app);
        assertEquals(List.of(new RequestOrigin(TestConnection.REMOTE, TestConnection.LOCAL, "http", "a")), app.seen);
    }

    /** A proxy sending its header a byte at a time, never finishing it. */
    private static InputStream trickling(String start) {
        byte[] head = bytes(start);
        return new InputStream() {
            private int sent;

            @Override
            public int read() {
                LockSupport.parkNanos(TimeUnit.MILLISECONDS.toNanos(10));
                return sent < head.length ? head[sent++] & 0xFF : '1';
            }

            @Override
            public int read(byte[] buffer, int offset, int length) {
                buffer[offset] = (byte) read();
                return 1;
            }
        };
    }
}
