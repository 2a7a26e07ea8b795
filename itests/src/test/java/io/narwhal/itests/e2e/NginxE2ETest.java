package io.narwhal.itests.e2e;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

import io.narwhal.itests.RawHttp;
import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.file.Path;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Narwhal behind a real nginx on loopback, the way docs/operations.md configures it: an HTTP proxy setting
 * X-Forwarded-* (and clearing Forwarded), one setting RFC 7239 Forwarded, and a stream proxy sending a PROXY v1
 * header to a Narwhal with proxy_protocol on. The client connects from 127.0.0.3 and sends spoofed headers of its
 * own; the app must see 127.0.0.3 every time.
 */
@OnEveryWorkerClass
class NginxE2ETest {
    private static final InetAddress CLIENT = InetAddress.ofLiteral("127.0.0.3");
    private static final String SPOOFING = "GET /echo/x HTTP/1.1\r\nHost: shop.example:8443\r\nX-Forwarded-For: 6.6.6.6\r\n"
            + "X-Forwarded-Proto: https\r\nForwarded: for=6.6.6.6;proto=https\r\nConnection: close\r\n\r\n";

    @TempDir
    static Path nginxDir;
    private static NarwhalProcess headers;
    private static NarwhalProcess proxied;
    private static Nginx nginx;
    private static int xForwardedPort;
    private static int forwardedPort;
    private static int streamPort;

    @BeforeAll
    static void start() throws IOException {
        NarwhalProcess.requireDist();
        headers = NarwhalProcess.start("-w", "1");
        proxied = NarwhalProcess.start("-w", "1", "--proxy-protocol", "v1");
        headers.awaitWorkers(1);
        proxied.awaitWorkers(1);
        xForwardedPort = NarwhalProcess.freePort();
        forwardedPort = NarwhalProcess.freePort();
        streamPort = NarwhalProcess.freePort();
        String http = """
                  server {
                    listen 127.0.0.1:%1$d;
                    location / {
                      proxy_pass http://127.0.0.1:%3$d;
                      proxy_set_header Host $http_host;
                      proxy_set_header X-Forwarded-For $proxy_add_x_forwarded_for;
                      proxy_set_header X-Forwarded-Proto https;
                      proxy_set_header X-Forwarded-Host $http_host;
                      proxy_set_header Forwarded "";
                    }
                  }
                  server {
                    listen 127.0.0.1:%2$d;
                    location / {
                      proxy_pass http://127.0.0.1:%3$d;
                      proxy_set_header Host $http_host;
                      proxy_set_header Forwarded 'for=$remote_addr;proto=https;host="$http_host"';
                      proxy_set_header X-Forwarded-For "";
                      proxy_set_header X-Forwarded-Proto "";
                    }
                  }
                """.formatted(xForwardedPort, forwardedPort, headers.port);
        String stream = """
                  server {
                    listen 127.0.0.1:%d;
                    proxy_pass 127.0.0.1:%d;
                    proxy_protocol on;
                  }
                """.formatted(streamPort, proxied.port);
        nginx = Nginx.start(nginxDir, http, stream, xForwardedPort, forwardedPort, streamPort);
    }

    @AfterAll
    static void stop() {
        if (nginx != null) {
            nginx.close();
        }
        if (headers != null) {
            headers.close();
        }
        if (proxied != null) {
            proxied.close();
        }
    }

    /** An answer through nginx, and the client's own address:port it came to. */
    private record Exchange(RawHttp.Response response, String client) {
    }

    private static Exchange throughNginx(int port) throws IOException {
        try (RawHttp connection = new RawHttp(new InetSocketAddress("127.0.0.1", port), CLIENT)) {
            RawHttp.Response response = connection.send(SPOOFING).read(false);
            assertEquals(200, response.status(), nginx.log());
            return new Exchange(response, ForwardedHeadersE2ETest.addressOf(connection));
        }
    }

    @Test
    void behindXForwardedHeadersTheAppSeesTheClientTheSchemeAndTheHostNginxSaw() throws IOException {
        RawHttp.Response response = throughNginx(xForwardedPort).response();
        assertEquals("127.0.0.3:0", response.header("X-Echo-Remote"), "nginx appended the client to the spoofed 6.6.6.6");
        assertEquals("https", response.header("X-Echo-Scheme"));
        assertEquals("shop.example:8443", response.header("X-Echo-Host"));
        assertFalse(response.all("X-Echo-Header").stream().anyMatch(h -> h.startsWith("Forwarded:")),
                "nginx cleared the client's Forwarded: " + response.all("X-Echo-Header"));
    }

    @Test
    void behindForwardedTheAppSeesTheClientTheSchemeAndTheHost() throws IOException {
        RawHttp.Response response = throughNginx(forwardedPort).response();
        assertEquals("127.0.0.3:0", response.header("X-Echo-Remote"), response.all("X-Echo-Header").toString());
        assertEquals("https", response.header("X-Echo-Scheme"));
        assertEquals("shop.example:8443", response.header("X-Echo-Host"));
    }

    @Test
    void behindAStreamProxySendingProxyV1TheAppSeesTheClientsOwnAddressAndPortAndNoSpoofedHeader() throws IOException {
        Exchange exchange = throughNginx(streamPort);
        RawHttp.Response response = exchange.response();
        assertEquals(exchange.client(), response.header("X-Echo-Remote"));
        assertEquals("127.0.0.1:" + streamPort, response.header("X-Echo-Local"), "the address nginx accepted on");
        assertEquals("http", response.header("X-Echo-Scheme"), "127.0.0.3 is not in forwarded_allow_ips");
        assertEquals("shop.example:8443", response.header("X-Echo-Host"));
    }
}
