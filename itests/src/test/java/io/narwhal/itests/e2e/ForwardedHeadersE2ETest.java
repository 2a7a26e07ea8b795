package io.narwhal.itests.e2e;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.narwhal.itests.RawHttp;
import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The built dist with its default proxy settings (forwarded_allow_ips 127.0.0.1,::1): a client on 127.0.0.1 is an
 * allowed proxy, one on 127.0.0.2 (Linux routes all of 127/8 over loopback) is not, and its forwarding headers
 * change nothing but the headers the app sees.
 */
@OnEveryWorkerClass
class ForwardedHeadersE2ETest {
    static final InetAddress STRANGER = InetAddress.ofLiteral("127.0.0.2");
    static final String SPOOFED = "GET /echo HTTP/1.1\r\nHost: app.internal\r\nX-Forwarded-For: 203.0.113.7\r\n"
            + "X-Forwarded-Proto: https\r\nX-Forwarded-Host: spoofed.example\r\nForwarded: for=198.51.100.1;proto=https\r\n\r\n";
    private static NarwhalProcess narwhal;

    @BeforeAll
    static void start() throws IOException {
        NarwhalProcess.requireDist();
        narwhal = NarwhalProcess.start("-w", "1").awaitWorkers(1);
    }

    @AfterAll
    static void stop() {
        if (narwhal != null) {
            narwhal.close();
        }
    }

    /** One request from the default allowed proxy's address. */
    private static RawHttp.Response fromLoopback(String request) throws IOException {
        return exchange(narwhal.port, InetAddress.ofLiteral("127.0.0.1"), request);
    }

    static RawHttp.Response exchange(int port, InetAddress from, String request) throws IOException {
        try (RawHttp client = new RawHttp(new InetSocketAddress("127.0.0.1", port), from)) {
            return client.send(request).read(false);
        }
    }

    /** The client's own address and port, as echo would write them. */
    static String addressOf(RawHttp client) {
        return client.localAddress().getAddress().getHostAddress() + ":" + client.localAddress().getPort();
    }

    @Test
    void aPeerThatIsNotAllowedIsItselfTheClientWhateverItsHeadersSay() throws IOException {
        try (RawHttp stranger = new RawHttp(new InetSocketAddress("127.0.0.1", narwhal.port), STRANGER)) {
            RawHttp.Response response = stranger.send(SPOOFED).read(false);
            assertEquals(200, response.status());
            assertEquals(addressOf(stranger), response.header("X-Echo-Remote"));
            assertEquals("http", response.header("X-Echo-Scheme"));
            assertEquals("app.internal", response.header("X-Echo-Host"));
            assertTrue(response.all("X-Echo-Header").contains("X-Forwarded-For: 203.0.113.7"),
                    "the app still sees the headers: " + response.all("X-Echo-Header"));
        }
    }

    @Test
    void anAllowedPeerIsBelievedForwardedFirst() throws IOException {
        RawHttp.Response response = fromLoopback(SPOOFED);
        assertEquals(200, response.status());
        assertEquals("198.51.100.1:0", response.header("X-Echo-Remote"));
        assertEquals("https", response.header("X-Echo-Scheme"));
        assertEquals("spoofed.example", response.header("X-Echo-Host"));
    }

    @Test
    void anAllowedPeersXForwardedForChainEndsAtTheNearestClientThatIsNotAProxy() throws IOException {
        RawHttp.Response response = fromLoopback(
                "GET /echo HTTP/1.1\r\nHost: a\r\nX-Forwarded-For: 6.6.6.6, 203.0.113.7, ::1\r\n\r\n");
        assertEquals("203.0.113.7:0", response.header("X-Echo-Remote"));
        assertEquals("http", response.header("X-Echo-Scheme"));
    }

    @Test
    void contradictorySecureSchemeHeadersFromAnAllowedPeerAreA400WithTheReason() throws IOException {
        RawHttp.Response response = fromLoopback(
                "GET /echo HTTP/1.1\r\nHost: a\r\nX-Forwarded-Proto: https\r\nX-Forwarded-Ssl: off\r\n\r\n");
        assertEquals(400, response.status());
        assertEquals("400 Bad Request: contradictory secure scheme headers: 'X-Forwarded-Proto: https' says https,"
                + " 'X-Forwarded-Ssl: off' says http\n", response.text());
    }

    @Test
    void withLoopbackLeftOutOfForwardedAllowIpsNoLocalPeerIsBelieved() throws IOException {
        try (NarwhalProcess strict = NarwhalProcess.start("-w", "1", "--forwarded-allow-ips", "10.0.0.0/8").awaitWorkers(1);
                RawHttp client = new RawHttp(new InetSocketAddress("127.0.0.1", strict.port),
                        InetAddress.ofLiteral("127.0.0.1"))) {
            RawHttp.Response response = client.send(SPOOFED).read(false);
            assertEquals(addressOf(client), response.header("X-Echo-Remote"));
            assertEquals("http", response.header("X-Echo-Scheme"));
            assertEquals("app.internal", response.header("X-Echo-Host"));
        }
    }
}
