package io.narwhal.itests.e2e;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.narwhal.itests.RawHttp;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The built dist with --proxy-protocol (either version) and the default proxy_allow_ips: a connection from
 * 127.0.0.1 begins with a PROXY header, one from 127.0.0.2 is plain HTTP.
 */
@OnEveryWorkerClass
class ProxyProtocolE2ETest {
    private static final String GET = "GET /echo HTTP/1.1\r\nHost: a\r\nX-Forwarded-For: 6.6.6.6\r\n\r\n";
    private static NarwhalProcess narwhal;

    @BeforeAll
    static void start() throws IOException {
        NarwhalProcess.requireDist();
        narwhal = NarwhalProcess.start("-w", "1", "--proxy-protocol").awaitWorkers(1);
    }

    @AfterAll
    static void stop() {
        if (narwhal != null) {
            narwhal.close();
        }
    }

    private static RawHttp fromLoopback() throws IOException {
        return new RawHttp(new InetSocketAddress("127.0.0.1", narwhal.port), InetAddress.ofLiteral("127.0.0.1"));
    }

    /** PROXY v2, PROXY command, TCP over IPv4, from 203.0.113.7:41000 to 192.0.2.1:443, with one TLV to skip. */
    private static byte[] v2Header() {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        out.writeBytes(new byte[] {0x0D, 0x0A, 0x0D, 0x0A, 0x00, 0x0D, 0x0A, 0x51, 0x55, 0x49, 0x54, 0x0A, 0x21, 0x11});
        out.writeBytes(new byte[] {0, 12 + 5});
        out.writeBytes(new byte[] {(byte) 203, 0, 113, 7, (byte) 192, 0, 2, 1});
        out.writeBytes(new byte[] {(byte) (41000 >> 8), (byte) (41000 & 0xFF), 443 >> 8, (byte) (443 & 0xFF)});
        out.writeBytes(new byte[] {0x01, 0, 2, 'h', '2'});
        return out.toByteArray();
    }

    @Test
    void aV1HeaderNamesTheClientAndItsForwardingHeadersAreJudgedByIt() throws IOException {
        try (RawHttp proxy = fromLoopback()) {
            RawHttp.Response response = proxy.send("PROXY TCP4 203.0.113.7 192.0.2.1 41000 443\r\n" + GET).read(false);
            assertEquals(200, response.status());
            assertEquals("203.0.113.7:41000", response.header("X-Echo-Remote"), "not the 6.6.6.6 the client claims");
            assertEquals("192.0.2.1:443", response.header("X-Echo-Local"));
        }
    }

    @Test
    void aV2HeaderNamesTheClient() throws IOException {
        try (RawHttp proxy = fromLoopback()) {
            proxy.send(v2Header()).send(GET);
            RawHttp.Response response = proxy.read(false);
            assertEquals("203.0.113.7:41000", response.header("X-Echo-Remote"));
            assertEquals("192.0.2.1:443", response.header("X-Echo-Local"));
        }
    }

    @Test
    void aMalformedHeaderClosesTheConnectionWithNothingSent() throws IOException {
        try (RawHttp proxy = fromLoopback()) {
            proxy.send("PROXY TCP4 203.0.113.7 192.0.2.1 41000\r\n" + GET);
            assertTrue(proxy.closedByServer(), "closed without an answer");
        }
        try (RawHttp plain = fromLoopback()) {
            plain.send(GET);
            assertTrue(plain.closedByServer(), "an allowed proxy's connection without a header is closed unanswered");
        }
        assertEquals(200, RawHttp.exchange(new InetSocketAddress("127.0.0.1", narwhal.port), "PROXY UNKNOWN\r\n"
                + GET.replace("X-Forwarded-For: 6.6.6.6\r\n", "")).status(), "the worker serves on");
    }

    @Test
    void aPeerNotInProxyAllowIpsSpeaksPlainHttp() throws IOException {
        try (RawHttp stranger = new RawHttp(new InetSocketAddress("127.0.0.1", narwhal.port),
                ForwardedHeadersE2ETest.STRANGER)) {
            RawHttp.Response response = stranger.send(GET).read(false);
            assertEquals(200, response.status());
            assertEquals(ForwardedHeadersE2ETest.addressOf(stranger), response.header("X-Echo-Remote"));
        }
        RawHttp.Response spoofing = ForwardedHeadersE2ETest.exchange(narwhal.port, ForwardedHeadersE2ETest.STRANGER,
                "PROXY TCP4 203.0.113.7 192.0.2.1 41000 443\r\n" + GET);
        assertEquals(400, spoofing.status(), new String(spoofing.body(), StandardCharsets.UTF_8));
    }
}
