package io.narwhal.itests.e2e;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.narwhal.itests.RawHttp;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.util.Random;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Real HTTP against the built distribution: two workers of the class under test serving the example apps. A sync
 * worker ends every connection after its response; a worker class that keeps connections answers keep-alive and
 * pipelined requests on the same connection.
 */
@OnEveryWorkerClass
class ServingE2ETest {
    private static final WorkerClass WORKERS = WorkerClass.underTest();
    private static NarwhalProcess narwhal;

    @BeforeAll
    static void start() throws IOException {
        NarwhalProcess.requireDist();
        narwhal = NarwhalProcess.start("-w", "2").awaitWorkers(2);
    }

    @AfterAll
    static void stop() {
        if (narwhal != null) {
            narwhal.close();
        }
    }

    @Test
    void helloAnswersFromAWorker() throws IOException {
        RawHttp.Response response = RawHttp.get(narwhal.port, "/");
        assertEquals(200, response.status());
        assertEquals("Hello, World!", response.text());
        assertEquals("13", response.header("Content-Length"));
        assertEquals("narwhal", response.header("Server"));
        assertNotNull(response.header("Date"));
        // HTTP/1.1 is persistent unless said otherwise: a connection kept needs no Connection header.
        assertEquals(WORKERS.keepsConnections() ? null : "close", response.header("Connection"));
    }

    @Test
    void headHasTheHeadersButNoBody() throws IOException {
        try (RawHttp http = new RawHttp(narwhal.port)) {
            RawHttp.Response response = http.send("HEAD / HTTP/1.1\r\nHost: x\r\n\r\n").read(true);
            assertEquals(200, response.status());
            assertEquals("13", response.header("Content-Length"));
            if (WORKERS.keepsConnections()) {
                // The next answer's status line follows the HEAD's head at once: no body bytes came between.
                assertEquals("Hello, World!", http.send("GET / HTTP/1.1\r\nHost: x\r\n\r\n").read(false).text());
            } else {
                assertTrue(http.closedByServer(), "no body bytes after a HEAD response");
            }
        }
    }

    @Test
    void oneMegabyteChunkedUploadIsEchoedByteExact() throws IOException {
        byte[] body = new byte[1 << 20];
        new Random(42).nextBytes(body);
        try (RawHttp http = new RawHttp(narwhal.port)) {
            http.send("POST /echo/upload?x=1 HTTP/1.1\r\nHost: x\r\nTransfer-Encoding: chunked\r\n"
                    + "Content-Type: application/x-test\r\nX-Multi: a\r\nX-Multi: b\r\n\r\n");
            OutputStream out = http.output();
            Random sizes = new Random(7);
            for (int offset = 0; offset < body.length;) {
                int size = Math.min(body.length - offset, 1 + sizes.nextInt(40_000));
                out.write((Integer.toHexString(size) + "\r\n").getBytes(StandardCharsets.US_ASCII));
                out.write(body, offset, size);
                out.write("\r\n".getBytes(StandardCharsets.US_ASCII));
                offset += size;
            }
            out.write("0\r\n\r\n".getBytes(StandardCharsets.US_ASCII));
            out.flush();
            RawHttp.Response response = http.read(false);
            assertEquals(200, response.status());
            assertEquals("POST", response.header("X-Echo-Method"));
            assertEquals("/echo/upload?x=1", response.header("X-Echo-Target"));
            assertEquals("application/x-test", response.header("Content-Type"));
            assertTrue(response.all("X-Echo-Header").containsAll(java.util.List.of("X-Multi: a", "X-Multi: b")),
                    response.all("X-Echo-Header").toString());
            assertArrayEquals(body, response.body());
        }
    }

    @Test
    void keepAliveIsAnsweredAsTheWorkerClassDoes() throws IOException {
        if (!WORKERS.keepsConnections()) {
            // sync: the keep-alive asked for is refused, and each new connection is served
            for (int i = 0; i < 5; i++) {
                try (RawHttp http = new RawHttp(narwhal.port)) {
                    RawHttp.Response response = http.send("GET / HTTP/1.1\r\nHost: x\r\nConnection: keep-alive\r\n\r\n")
                            .read(false);
                    assertEquals(200, response.status());
                    assertEquals("close", response.header("Connection"));
                    assertTrue(http.closedByServer());
                }
            }
            return;
        }
        try (RawHttp http = new RawHttp(narwhal.port)) {
            for (int i = 0; i < 5; i++) {
                RawHttp.Response response = http.send("GET /echo/" + i + " HTTP/1.1\r\nHost: x\r\n\r\n").read(false);
                assertEquals(200, response.status());
                assertEquals("/echo/" + i, response.header("X-Echo-Target"));
                assertNull(response.header("Connection"));
            }
            RawHttp.Response last = http.send("GET / HTTP/1.1\r\nHost: x\r\nConnection: close\r\n\r\n").read(false);
            assertEquals("Hello, World!", last.text());
            assertEquals("close", last.header("Connection"), "the client's close is honoured");
            assertTrue(http.closedByServer());
        }
        try (RawHttp http = new RawHttp(narwhal.port)) {
            RawHttp.Response response = http.send("GET / HTTP/1.0\r\nHost: x\r\n\r\n").read(false);
            assertEquals("Hello, World!", response.text());
            assertEquals("close", response.header("Connection"), "HTTP/1.0 without keep-alive ends");
            assertTrue(http.closedByServer());
        }
        try (RawHttp http = new RawHttp(narwhal.port)) {
            for (int i = 0; i < 2; i++) {
                RawHttp.Response response = http.send("GET / HTTP/1.0\r\nHost: x\r\nConnection: keep-alive\r\n\r\n")
                        .read(false);
                assertEquals("Hello, World!", response.text());
                assertEquals("keep-alive", response.header("Connection"), "HTTP/1.0 keep-alive, as asked");
            }
        }
    }

    @Test
    void pipelinedRequestsAreAnsweredAsTheWorkerClassDoes() throws IOException {
        try (RawHttp http = new RawHttp(narwhal.port)) {
            http.send("GET / HTTP/1.1\r\nHost: x\r\n\r\nGET /echo/2 HTTP/1.1\r\nHost: x\r\n\r\n"
                    + "POST /echo/3 HTTP/1.1\r\nHost: x\r\nContent-Length: 5\r\n\r\nthree"
                    + "GET /echo/4 HTTP/1.1\r\nHost: x\r\n\r\n");
            RawHttp.Response first = http.read(false);
            assertEquals(200, first.status());
            assertEquals("Hello, World!", first.text());
            if (!WORKERS.keepsConnections()) {
                assertEquals("close", first.header("Connection"));
                assertTrue(http.closedByServer(), "the second request is not answered on a sync worker");
                return;
            }
            assertNull(first.header("Connection"));
            RawHttp.Response second = http.read(false);
            assertEquals("/echo/2", second.header("X-Echo-Target"), "answered in order");
            RawHttp.Response third = http.read(false);
            assertEquals("/echo/3", third.header("X-Echo-Target"));
            assertEquals("three", third.text());
            RawHttp.Response fourth = http.read(false);
            assertEquals("/echo/4", fourth.header("X-Echo-Target"));
            assertNull(fourth.header("Connection"));
            assertEquals("Hello, World!", http.send("GET / HTTP/1.1\r\nHost: x\r\n\r\n").read(false).text(),
                    "the connection goes on after the pipelined ones");
        }
    }

    @Test
    void requestLineLimitIs4094Bytes() throws IOException {
        // "GET " + target + " HTTP/1.1" is the request line; 4094 bytes pass, 4095 are refused.
        String fits = "/" + "a".repeat(4094 - "GET  HTTP/1.1".length() - 1);
        assertEquals(200, statusOf("GET " + fits + " HTTP/1.1\r\nHost: x\r\n\r\n"));
        assertEquals(414, statusOf("GET " + fits + "a HTTP/1.1\r\nHost: x\r\n\r\n"));
    }

    @Test
    void headerFieldLimitsAre8190BytesAnd100Fields() throws IOException {
        // As Gunicorn counts limit_request_field_size: the field line with its CRLF.
        String field = "X-Big: " + "b".repeat(8190 - "\r\n".length() - "X-Big: ".length());
        assertEquals(200, statusOf("GET / HTTP/1.1\r\nHost: x\r\n" + field + "\r\n\r\n"));
        assertEquals(431, statusOf("GET / HTTP/1.1\r\nHost: x\r\n" + field + "b\r\n\r\n"));
        StringBuilder many = new StringBuilder("GET / HTTP/1.1\r\nHost: x\r\n");
        for (int i = 1; i < 100; i++) {
            many.append("X-F").append(i).append(": v\r\n");
        }
        assertEquals(200, statusOf(many + "\r\n"));
        assertEquals(431, statusOf(many + "X-F100: v\r\n\r\n"));
    }

    @Test
    void malformedRequestsGet400AndTheConnectionCloses() throws IOException {
        for (String bad : new String[] {"GARBAGE\r\n\r\n", "GET / HTTP/1.1\r\nHost: x\r\nBad Header: v\r\n\r\n",
                "GET / HTTP/1.1\r\n\r\n", "POST /echo HTTP/1.1\r\nHost: x\r\nContent-Length: 3\r\n"
                + "Transfer-Encoding: chunked\r\n\r\n0\r\n\r\n"}) {
            try (RawHttp http = new RawHttp(narwhal.port)) {
                RawHttp.Response response = http.send(bad).read(false);
                assertEquals(400, response.status(), bad);
                assertEquals("close", response.header("Connection"));
            }
        }
        assertEquals(200, RawHttp.get(narwhal.port, "/").status(), "the workers keep serving");
    }

    private static int statusOf(String request) throws IOException {
        try (RawHttp http = new RawHttp(narwhal.port)) {
            return http.send(request).read(false).status();
        }
    }
}
