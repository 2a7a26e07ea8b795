package io.narwhal.http1;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.narwhal.api.app.HttpApp;
import io.narwhal.api.app.HttpRequest;
import io.narwhal.api.app.HttpResponse;
import java.io.IOException;
import java.io.OutputStream;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

/** How response bodies are framed, and which headers the codec adds or overrides. */
class ResponseFramingTest {
    private static final String GET = "GET / HTTP/1.1\r\nHost: a\r\n\r\n";
    private static final String GET_10 = "GET / HTTP/1.0\r\n\r\n";
    private static final String HEAD = "HEAD / HTTP/1.1\r\nHost: a\r\n\r\n";

    private static TestConnection serve(String requests, HttpApp app) throws IOException {
        return TestConnection.of(requests).serveAll(app);
    }

    /** An app that is told which request on the connection it is answering, counting from 0. */
    @FunctionalInterface
    private interface PerRequestApp {
        void handle(int n, HttpRequest request, HttpResponse response) throws IOException;
    }

    private static HttpApp byRequest(PerRequestApp app) {
        AtomicInteger requests = new AtomicInteger();
        return (request, response) -> app.handle(requests.getAndIncrement(), request, response);
    }

    @Test
    void aFixedBodyGoesOutWithItsContentLengthInOneWrite() throws IOException {
        TestConnection connection = serve(GET, (request, response) -> {
            response.headers().add("X-App", "1");
            response.send("hello".getBytes(UTF_8));
        });
        String text = connection.outputText();
        assertTrue(text.matches("HTTP/1\\.1 200 OK\r\n"
                + "Date: [A-Z][a-z]{2}, \\d{2} [A-Z][a-z]{2} \\d{4} \\d{2}:\\d{2}:\\d{2} GMT\r\n"
                + "Server: narwhal\r\n"
                + "X-App: 1\r\n"
                + "Content-Length: 5\r\n\r\nhello"), text);
        assertEquals(1, connection.out.writes(), "head and body in one write");
    }

    @Test
    void sendTextSetsAUtf8ContentTypeUnlessOneIsSet() throws IOException {
        TestConnection connection = serve(GET + GET, byRequest((n, request, response) -> {
            if (n == 1) {
                response.headers().set("Content-Type", "text/html");
            }
            response.send("caf\u00e9");
        }));
        ResponseReader responses = connection.responses();
        RawResponse first = responses.next();
        assertEquals("text/plain; charset=utf-8", first.header("Content-Type"));
        assertEquals("5", first.header("Content-Length"));
        assertEquals("caf\u00e9", new String(first.body(), UTF_8));
        assertEquals("text/html", responses.next().header("Content-Type"));
    }

    @Test
    void aStreamedBodyIsChunkedOnHttp11() throws IOException {
        byte[] large = new byte[20_000];
        java.util.Arrays.fill(large, (byte) 'z');
        TestConnection connection = serve(GET + GET, (request, response) -> {
            try (OutputStream body = response.body()) {
                body.write("hello ".getBytes(UTF_8));
                body.write('!');
                body.write(large);
            }
        });
        ResponseReader responses = connection.responses();
        RawResponse response = responses.next();
        assertTrue(response.chunked());
        assertNull(response.header("Content-Length"));
        assertEquals("hello !" + "z".repeat(20_000), response.bodyText());
        assertFalse(response.closes());
        assertEquals(200, responses.next().status());
        assertEquals(List.of(true, true, false), connection.results);
    }

    @Test
    void smallWritesGatherIntoFewChunks() throws IOException {
        TestConnection connection = serve(GET, (request, response) -> {
            OutputStream body = response.body();
            for (int i = 0; i < 1000; i++) {
                body.write('x');
            }
        });
        String text = connection.outputText();
        assertTrue(text.endsWith("\r\n3e8\r\n" + "x".repeat(1000) + "\r\n0\r\n\r\n"), text);
    }

    @Test
    void aStreamedBodyUsesTheContentLengthTheAppSet() throws IOException {
        TestConnection connection = serve(GET + GET, (request, response) -> {
            response.headers().set("Content-Length", "11");
            OutputStream body = response.body();
            body.write("hello ".getBytes(UTF_8));
            body.flush();
            body.write("world".getBytes(UTF_8));
        });
        ResponseReader responses = connection.responses();
        RawResponse response = responses.next();
        assertFalse(response.chunked());
        assertEquals("11", response.header("Content-Length"));
        assertEquals("hello world", response.bodyText());
        assertEquals(List.of(true, true, false), connection.results);
    }

    @Test
    void writingMoreThanTheContentLengthIsRefused() throws IOException {
        List<Throwable> errors = new ArrayList<>();
        TestConnection connection = serve(GET + GET, (request, response) -> {
            response.headers().set("Content-Length", "3");
            OutputStream body = response.body();
            body.write("ab".getBytes(UTF_8));
            body.flush();
            errors.add(assertThrows(IOException.class, () -> body.write("cd".getBytes(UTF_8))));
            errors.add(assertThrows(IOException.class, () -> body.write(new byte[] {'c', 'd'}, 0, 2)));
            body.write('c');
            errors.add(assertThrows(IOException.class, () -> body.write('d')));
        });
        assertEquals(6, errors.size(), "three refusals for each of the two requests");
        ResponseReader responses = connection.responses();
        assertEquals("abc", responses.next().bodyText());
        assertEquals("abc", responses.next().bodyText(), "the framing held, so the connection went on");
        assertTrue(responses.atEnd());
        assertEquals(List.of(true, true, false), connection.results);
    }

    @Test
    void bufferedBytesBeyondTheContentLengthFailTheResponse() throws IOException {
        TestConnection connection = serve(GET + GET, (request, response) -> {
            OutputStream body = response.body();
            body.write("abcdef".getBytes(UTF_8));
            response.headers().set("Content-Length", "3");
        });
        assertTrue(connection.outputText().endsWith("Content-Length: 3\r\n\r\n"), connection.outputText());
        assertEquals(List.of(false), connection.results);
    }

    @Test
    void writingLessThanTheContentLengthClosesTheConnection() throws IOException {
        TestConnection connection = serve(GET + GET, (request, response) -> {
            response.headers().set("Content-Length", "10");
            response.body().write("abc".getBytes(UTF_8));
        });
        assertTrue(connection.outputText().endsWith("Content-Length: 10\r\n\r\nabc"), connection.outputText());
        assertEquals(List.of(false), connection.results, "the client can only tell by the connection closing");
    }

    @Test
    void http10StreamedBodyIsDelimitedByClosingTheConnection() throws IOException {
        TestConnection connection = serve("GET / HTTP/1.0\r\nConnection: keep-alive\r\n\r\n",
                (request, response) -> {
                    try (OutputStream body = response.body()) {
                        body.write("until the end".getBytes(UTF_8));
                    }
                });
        RawResponse response = connection.responses().next();
        assertNull(response.header("Content-Length"));
        assertNull(response.header("Transfer-Encoding"));
        assertTrue(response.closes());
        assertEquals("until the end", response.bodyText());
        assertEquals(List.of(false), connection.results);
        assertTrue(connection.closed);
    }

    @Test
    void http10FixedBodyHasAContentLength() throws IOException {
        TestConnection connection = serve(GET_10, (request, response) -> response.send("x"));
        RawResponse response = connection.responses().next();
        assertEquals("1", response.header("Content-Length"));
        assertTrue(response.statusLine().startsWith("HTTP/1.1 "), "a server answers with its own version");
    }

    @Test
    void headGetsTheHeadersOfGetButNoBody() throws IOException {
        HttpApp app = (request, response) -> {
            response.headers().set("Content-Type", "text/plain");
            response.send("twelve bytes".getBytes(UTF_8));
        };
        TestConnection connection = serve(HEAD + GET, app);
        ResponseReader responses = connection.responses();
        RawResponse head = responses.next(true);
        assertEquals("12", head.header("Content-Length"));
        assertEquals("text/plain", head.header("Content-Type"));
        RawResponse get = responses.next();
        assertEquals("twelve bytes", get.bodyText(), "the HEAD response carried no body bytes");
        assertTrue(responses.atEnd());
        assertEquals(List.of(true, true, false), connection.results);
    }

    @Test
    void headWithAStreamedBodySendsNoBodyBytes() throws IOException {
        TestConnection connection = serve(HEAD + HEAD + GET, byRequest((n, request, response) -> {
            if (n == 0) {
                response.headers().set("Content-Length", "100");
            } else {
                response.body().write("streamed".getBytes(UTF_8));
            }
        }));
        ResponseReader responses = connection.responses();
        assertEquals("100", responses.next(true).header("Content-Length"));
        assertEquals("chunked", responses.next(true).header("Transfer-Encoding"));
        RawResponse get = responses.next();
        assertEquals("chunked", get.header("Transfer-Encoding"), "the same head as for HEAD");
        assertEquals("streamed", get.bodyText());
        assertTrue(responses.atEnd(), responses.rest());
        assertEquals(List.of(true, true, true, false), connection.results);
    }

    @Test
    void noContentHasNoBodyAndNoContentLength() throws IOException {
        TestConnection connection = serve(GET + GET, (request, response) -> {
            response.status(204);
            response.headers().set("Content-Length", "5");
            response.send("ignored".getBytes(UTF_8));
        });
        String text = connection.outputText();
        assertFalse(text.contains("Content-Length"), text);
        assertFalse(text.contains("ignored"), text);
        ResponseReader responses = connection.responses();
        assertEquals(204, responses.next().status());
        assertEquals(204, responses.next().status());
        assertTrue(responses.atEnd());
    }

    @Test
    void notModifiedHasNoBodyButKeepsTheAppsContentLength() throws IOException {
        TestConnection connection = serve(GET + GET, (request, response) -> {
            response.status(304);
            response.headers().set("ETag", "\"v1\"");
            response.headers().set("Content-Length", "42");
            response.body().write("ignored".getBytes(UTF_8));
        });
        ResponseReader responses = connection.responses();
        RawResponse response = responses.next();
        assertEquals(304, response.status());
        assertEquals("42", response.header("Content-Length"));
        assertNull(response.header("Transfer-Encoding"));
        assertEquals(304, responses.next().status());
        assertTrue(responses.atEnd(), responses.rest());
    }

    @Test
    void anAppThatWritesNothingSendsAnEmptyBodyWithContentLengthZero() throws IOException {
        TestConnection connection = serve(GET + GET, byRequest((n, request, response) -> {
            if (n == 1) {
                response.body().close(); // an empty stream is the same
            }
        }));
        ResponseReader responses = connection.responses();
        for (int i = 0; i < 2; i++) {
            RawResponse response = responses.next();
            assertEquals(200, response.status());
            assertEquals("0", response.header("Content-Length"));
            assertNull(response.header("Transfer-Encoding"));
        }
        assertTrue(responses.atEnd());
    }

    @Test
    void framingHeadersFromTheAppAreOverridden() throws IOException {
        TestConnection connection = serve(GET + GET, byRequest((n, request, response) -> {
            response.headers().add("Transfer-Encoding", "gzip");
            response.headers().add("Connection", "upgrade");
            if (n == 0) {
                response.headers().add("Content-Length", "999");
                response.send("four".getBytes(UTF_8));
            } else {
                response.headers().add("Content-Length", "not a number");
                response.body().write("streamed".getBytes(UTF_8));
            }
        }));
        ResponseReader responses = connection.responses();
        RawResponse fixed = responses.next();
        assertEquals(List.of("4"), fixed.headers().all("Content-Length"));
        assertEquals(List.of(), fixed.headers().all("Transfer-Encoding"));
        assertEquals(List.of(), fixed.headers().all("Connection"));
        assertEquals("four", fixed.bodyText());
        RawResponse streamed = responses.next();
        assertEquals(List.of(), streamed.headers().all("Content-Length"));
        assertEquals(List.of("chunked"), streamed.headers().all("Transfer-Encoding"));
        assertEquals("streamed", streamed.bodyText());
        assertTrue(responses.atEnd());
    }

    @Test
    void theAppsDateAndServerWin() throws IOException {
        TestConnection connection = serve(GET, (request, response) -> {
            response.headers().set("Server", "custom");
            response.headers().set("Date", "Sun, 06 Nov 1994 08:49:37 GMT");
            response.send("x");
        });
        RawResponse response = connection.responses().next();
        assertEquals(List.of("custom"), response.headers().all("Server"));
        assertEquals(List.of("Sun, 06 Nov 1994 08:49:37 GMT"), response.headers().all("date"));
    }

    @Test
    void statusLinesCarryTheirReasonPhrase() throws IOException {
        List<String> lines = new ArrayList<>();
        for (int status : new int[] {201, 404, 418, 503, 599}) {
            TestConnection connection = serve(GET, (request, response) -> response.status(status).send(""));
            lines.add(connection.responses().next().statusLine());
        }
        assertEquals(List.of("HTTP/1.1 201 Created", "HTTP/1.1 404 Not Found", "HTTP/1.1 418 ",
                "HTTP/1.1 503 Service Unavailable", "HTTP/1.1 599 "), lines);
    }

    @Test
    void theResponseCanNotChangeOnceCommitted() throws IOException {
        List<Throwable> errors = new ArrayList<>();
        serve(GET, (request, response) -> {
            errors.add(assertThrows(IllegalArgumentException.class, () -> response.status(99)));
            errors.add(assertThrows(IllegalArgumentException.class, () -> response.status(1000)));
            assertFalse(response.isCommitted());
            response.send("x");
            assertTrue(response.isCommitted());
            errors.add(assertThrows(IllegalStateException.class, () -> response.status(500)));
            errors.add(assertThrows(IllegalStateException.class, () -> response.send("again")));
            errors.add(assertThrows(IllegalStateException.class, response::body));
        });
        assertEquals(5, errors.size());
    }

    @Test
    void aStreamIsCommittedByItsFirstFlushNotBefore() throws IOException {
        List<Boolean> committed = new ArrayList<>();
        TestConnection connection = serve(GET, (request, response) -> {
            OutputStream body = response.body();
            body.write("abc".getBytes(UTF_8));
            committed.add(response.isCommitted());
            response.status(201);
            response.headers().set("X-Late", "yes");
            body.flush();
            committed.add(response.isCommitted());
        });
        assertEquals(List.of(false, true), committed);
        RawResponse response = connection.responses().next();
        assertEquals(201, response.status());
        assertEquals("yes", response.header("X-Late"));
        assertEquals("abc", response.bodyText());
    }

    @Test
    void aLargeFixedBodyGoesOutInFullWrites() throws IOException {
        byte[] large = new byte[100_000];
        TestConnection connection = serve(GET, (request, response) -> response.send(large));
        RawResponse response = connection.responses().next();
        assertEquals(100_000, response.body().length);
        assertTrue(connection.out.writes() <= 3, "writes: " + connection.out.writes());
    }
}
