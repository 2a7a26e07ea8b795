package io.narwhal.http1;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ch.qos.logback.classic.Level;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/** Malformed and over-limit requests: answered with their status and Connection: close, never thrown. */
class InvalidRequestTest {
    static final String HOST = "Host: a\r\n";

    /** @param reason the rule the answer must name, or null where only the status is pinned */
    record Case(String name, String raw, int status, String reason) {
        Case(String name, String raw, int status) {
            this(name, raw, status, null);
        }

        @Override
        public String toString() {
            return name + " -> " + status;
        }
    }

    static List<Case> cases() {
        List<Case> cases = new ArrayList<>();
        // line endings
        cases.add(new Case("bare LF after request line", "GET / HTTP/1.1\n" + HOST + "\r\n", 400));
        cases.add(new Case("bare LF after field", "GET / HTTP/1.1\r\nHost: a\n\r\n", 400));
        cases.add(new Case("bare LF ending the head", "GET / HTTP/1.1\r\n" + HOST + "\n", 400));
        cases.add(new Case("bare LF as leading empty line", "\nGET / HTTP/1.1\r\n" + HOST + "\r\n", 400));
        cases.add(new Case("bare CR in request line", "GET / HTTP/1.1\r" + HOST + "\r\n", 400));
        cases.add(new Case("bare CR in field value", "GET / HTTP/1.1\r\nHost: a\rb\r\n\r\n", 400));
        cases.add(new Case("bare CR ending the head", "GET / HTTP/1.1\r\n" + HOST + "\rx", 400));
        cases.add(new Case("too many leading empty lines",
                "\r\n".repeat(RequestLineParser.MAX_LEADING_EMPTY_LINES + 1) + "GET / HTTP/1.1\r\n" + HOST + "\r\n", 400));
        // field lines
        cases.add(new Case("obs-fold", "GET / HTTP/1.1\r\n" + HOST + "X-Folded: one\r\n two\r\n\r\n", 400));
        cases.add(new Case("obs-fold with tab", "GET / HTTP/1.1\r\n" + HOST + "X-Folded: one\r\n\ttwo\r\n\r\n", 400));
        cases.add(new Case("whitespace before first field", "GET / HTTP/1.1\r\n " + HOST + "\r\n", 400));
        cases.add(new Case("space before colon", "GET / HTTP/1.1\r\nHost : a\r\n\r\n", 400));
        cases.add(new Case("tab before colon", "GET / HTTP/1.1\r\nHost\t: a\r\n\r\n", 400));
        cases.add(new Case("space inside field name", "GET / HTTP/1.1\r\n" + HOST + "X Y: 1\r\n\r\n", 400));
        cases.add(new Case("non-token field name", "GET / HTTP/1.1\r\n" + HOST + "X(Y): 1\r\n\r\n", 400));
        cases.add(new Case("non-ASCII field name", "GET / HTTP/1.1\r\n" + HOST + "X-\u00e9: 1\r\n\r\n", 400));
        cases.add(new Case("empty field name", "GET / HTTP/1.1\r\n" + HOST + ": 1\r\n\r\n", 400));
        cases.add(new Case("field line without colon", "GET / HTTP/1.1\r\n" + HOST + "NoColon\r\n\r\n", 400));
        cases.add(new Case("NUL in value", "GET / HTTP/1.1\r\n" + HOST + "X: a\u0000b\r\n\r\n", 400));
        cases.add(new Case("CTL in value", "GET / HTTP/1.1\r\n" + HOST + "X: a\u0001b\r\n\r\n", 400));
        cases.add(new Case("ESC in value", "GET / HTTP/1.1\r\n" + HOST + "X: a\u001bb\r\n\r\n", 400));
        cases.add(new Case("DEL in value", "GET / HTTP/1.1\r\n" + HOST + "X: a\u007fb\r\n\r\n", 400));
        // method
        cases.add(new Case("non-token method", "G<T / HTTP/1.1\r\n" + HOST + "\r\n", 400));
        cases.add(new Case("leading space", " GET / HTTP/1.1\r\n" + HOST + "\r\n", 400));
        cases.add(new Case("non-ASCII method", "G\u00c9T / HTTP/1.1\r\n" + HOST + "\r\n", 400));
        // target
        for (String target : List.of("/a<b", "/a>b", "/a\"b", "/a{b}", "/a|b", "/a\\b", "/a^b", "/a`b", "/a#frag",
                "/caf\u00e9", "/a\tb", "/a\u0000b", "/a\u007fb", "/%zz", "/%4", "/a%", "/%g0")) {
            cases.add(new Case("target " + target.replaceAll("\\p{Cntrl}", "?"),
                    "GET " + target + " HTTP/1.1\r\n" + HOST + "\r\n", 400));
        }
        cases.add(new Case("empty target", "GET  HTTP/1.1\r\n" + HOST + "\r\n", 400));
        cases.add(new Case("two spaces before target", "GET  / HTTP/1.1\r\n" + HOST + "\r\n", 400));
        cases.add(new Case("relative target", "GET foo HTTP/1.1\r\n" + HOST + "\r\n", 400));
        cases.add(new Case("asterisk with GET", "GET * HTTP/1.1\r\n" + HOST + "\r\n", 400));
        cases.add(new Case("space inside target", "GET /a b HTTP/1.1\r\n" + HOST + "\r\n", 400));
        // version
        cases.add(new Case("no version", "GET /\r\n" + HOST + "\r\n", 400));
        cases.add(new Case("space after version", "GET / HTTP/1.1 \r\n" + HOST + "\r\n", 400));
        cases.add(new Case("lower-case version", "GET / http/1.1\r\n" + HOST + "\r\n", 400));
        cases.add(new Case("version without minor", "GET / HTTP/1\r\n" + HOST + "\r\n", 400));
        cases.add(new Case("two-digit minor", "GET / HTTP/1.10\r\n" + HOST + "\r\n", 400));
        cases.add(new Case("version without dot", "GET / HTTP/11\r\n" + HOST + "\r\n", 400));
        cases.add(new Case("other protocol", "GET / HTTPS/1.1\r\n" + HOST + "\r\n", 400));
        cases.add(new Case("HTTP/2.0", "GET / HTTP/2.0\r\n" + HOST + "\r\n", 505));
        cases.add(new Case("HTTP/3.0", "GET / HTTP/3.0\r\n" + HOST + "\r\n", 505));
        cases.add(new Case("HTTP/1.2", "GET / HTTP/1.2\r\n" + HOST + "\r\n", 505));
        cases.add(new Case("HTTP/0.9", "GET / HTTP/0.9\r\n" + HOST + "\r\n", 505));
        // Host
        cases.add(new Case("HTTP/1.1 without Host", "GET / HTTP/1.1\r\n\r\n", 400));
        cases.add(new Case("two Host fields", "GET / HTTP/1.1\r\nHost: a\r\nHost: b\r\n\r\n", 400));
        cases.add(new Case("two Host fields in HTTP/1.0", "GET / HTTP/1.0\r\nHost: a\r\nhost: a\r\n\r\n", 400));
        cases.add(new Case("Host with a space", "GET / HTTP/1.1\r\nHost: a b\r\n\r\n", 400));
        cases.add(new Case("Host with a path", "GET / HTTP/1.1\r\nHost: a/b\r\n\r\n", 400));
        cases.add(new Case("Host with userinfo", "GET / HTTP/1.1\r\nHost: u@a\r\n\r\n", 400));
        // Content-Length
        for (String length : List.of("abc", "-1", "+1", "1.5", "0x10", "1 2", "", "5, 6", "5,", "1234567890123456789")) {
            cases.add(new Case("Content-Length '" + length + "'",
                    "POST / HTTP/1.1\r\n" + HOST + "Content-Length: " + length + "\r\n\r\nhello", 400));
        }
        cases.add(new Case("differing Content-Length fields",
                "POST / HTTP/1.1\r\n" + HOST + "Content-Length: 5\r\nContent-Length: 6\r\n\r\nhello!", 400));
        // Transfer-Encoding
        cases.add(new Case("Transfer-Encoding and Content-Length",
                "POST / HTTP/1.1\r\n" + HOST + "Transfer-Encoding: chunked\r\nContent-Length: 5\r\n\r\n0\r\n\r\n", 400));
        cases.add(new Case("Content-Length and Transfer-Encoding",
                "POST / HTTP/1.1\r\n" + HOST + "Content-Length: 5\r\nTransfer-Encoding: chunked\r\n\r\n0\r\n\r\n", 400));
        cases.add(new Case("Transfer-Encoding gzip",
                "POST / HTTP/1.1\r\n" + HOST + "Transfer-Encoding: gzip\r\n\r\n", 501));
        cases.add(new Case("Transfer-Encoding identity",
                "POST / HTTP/1.1\r\n" + HOST + "Transfer-Encoding: identity\r\n\r\n", 501));
        cases.add(new Case("Transfer-Encoding gzip, chunked",
                "POST / HTTP/1.1\r\n" + HOST + "Transfer-Encoding: gzip, chunked\r\n\r\n0\r\n\r\n", 501));
        cases.add(new Case("Transfer-Encoding chunked twice",
                "POST / HTTP/1.1\r\n" + HOST + "Transfer-Encoding: chunked\r\nTransfer-Encoding: chunked\r\n\r\n", 400));
        cases.add(new Case("Transfer-Encoding empty", "POST / HTTP/1.1\r\n" + HOST + "Transfer-Encoding: \r\n\r\n", 400));
        cases.add(new Case("Transfer-Encoding with parameter",
                "POST / HTTP/1.1\r\n" + HOST + "Transfer-Encoding: chunked;q=1\r\n\r\n", 400));
        cases.add(new Case("Transfer-Encoding in HTTP/1.0",
                "POST / HTTP/1.0\r\nTransfer-Encoding: chunked\r\n\r\n0\r\n\r\n", 400));
        // chunked bodies: found while the app reads
        String chunkedHead = "POST / HTTP/1.1\r\n" + HOST + "Transfer-Encoding: chunked\r\n\r\n";
        cases.add(new Case("chunk size not hex", chunkedHead + "zz\r\nhello\r\n0\r\n\r\n", 400));
        cases.add(new Case("negative chunk size", chunkedHead + "-5\r\nhello\r\n0\r\n\r\n", 400));
        cases.add(new Case("missing chunk size", chunkedHead + "\r\nhello\r\n0\r\n\r\n", 400));
        cases.add(new Case("chunk size too large", chunkedHead + "1000000000000000\r\nhello\r\n0\r\n\r\n", 400));
        cases.add(new Case("chunk data too long", chunkedHead + "5\r\nhelloXX\r\n0\r\n\r\n", 400));
        cases.add(new Case("bare LF after chunk size", chunkedHead + "5\nhello\r\n0\r\n\r\n", 400));
        cases.add(new Case("bare LF after chunk data", chunkedHead + "5\r\nhello\n0\r\n\r\n", 400));
        cases.add(new Case("chunk data followed by X LF", chunkedHead + "5\r\nhelloX\n0\r\n\r\n", 400));
        cases.add(new Case("chunk data followed by CR X", chunkedHead + "5\r\nhello\rX0\r\n\r\n", 400));
        cases.add(new Case("bare CR ending the chunked body", chunkedHead + "5\r\nhello\r\n0\r\n\rX", 400));
        cases.add(new Case("CTL in chunk extension", chunkedHead + "5;a=\u0001\r\nhello\r\n0\r\n\r\n", 400));
        cases.add(new Case("chunk extension too long",
                chunkedHead + "5;" + "a".repeat(ChunkedDecoder.MAX_SIZE_LINE) + "\r\nhello\r\n0\r\n\r\n", 400));
        cases.add(new Case("obs-fold in trailers", chunkedHead + "0\r\nX: a\r\n b\r\n\r\n", 400));
        cases.add(new Case("bare LF ending trailers", chunkedHead + "0\r\nX: a\r\n\n", 400));
        cases.add(new Case("trailer line too long",
                chunkedHead + "0\r\nX: " + "a".repeat(8190) + "\r\n\r\n", 431));
        for (String field : List.of("Content-Length: 5", "Transfer-Encoding: chunked", "Host: evil", "Content-Type: a/b",
                "Authorization: Basic x", "Expect: 100-continue", "If-Match: *", "Range: bytes=0-1", "Trailer: X")) {
            String name = field.substring(0, field.indexOf(':'));
            cases.add(new Case(name + " in trailers", chunkedHead + "0\r\n" + field + "\r\n\r\n", 400,
                    "field '" + name + "' is not allowed in a trailer"));
        }
        cases.add(new Case("absolute-form target with an empty authority", "GET http:///x HTTP/1.1\r\n" + HOST + "\r\n",
                400, "empty authority in the request target"));
        cases.add(new Case("absolute-form target with userinfo", "GET http://u:p@a/x HTTP/1.1\r\n" + HOST + "\r\n",
                400, "userinfo in the request target"));
        cases.add(new Case("two Content-Type fields",
                "POST / HTTP/1.1\r\n" + HOST + "Content-Type: a/b\r\nContent-Type: c/d\r\nContent-Length: 0\r\n\r\n",
                400, "more than one Content-Type"));
        cases.add(new Case("too many trailer fields", chunkedHead + "0\r\n" + "X: a\r\n".repeat(101) + "\r\n", 431));
        // limits, at the exact boundary (the accepted side is in RequestLimitsTest)
        cases.add(new Case("request line of 4095 bytes", requestLineOfLength(4095) + "\r\n" + HOST + "\r\n", 414));
        cases.add(new Case("endless request line", "GET /" + "a".repeat(20000), 414));
        cases.add(new Case("101 header fields", headWithFields(101), 431));
        cases.add(new Case("field line of 8191 bytes with its CRLF",
                "GET / HTTP/1.1\r\n" + HOST + fieldLineOfLength(8189) + "\r\n\r\n", 431));
        cases.add(new Case("endless field line", "GET / HTTP/1.1\r\n" + HOST + "X: " + "a".repeat(20000), 431));
        return cases;
    }

    /** "GET /aaa... HTTP/1.1" of exactly this many bytes. */
    static String requestLineOfLength(int length) {
        return "GET /" + "a".repeat(length - "GET / HTTP/1.1".length()) + " HTTP/1.1";
    }

    /** "X-Long: vvv..." of exactly this many bytes. */
    static String fieldLineOfLength(int length) {
        return "X-Long: " + "v".repeat(length - "X-Long: ".length());
    }

    /** A GET head with this many fields, Host among them. */
    static String headWithFields(int count) {
        StringBuilder head = new StringBuilder("GET / HTTP/1.1\r\n" + HOST);
        for (int i = 1; i < count; i++) {
            head.append("X-Field-").append(i).append(": ").append(i).append("\r\n");
        }
        return head.append("\r\n").toString();
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("cases")
    void isAnsweredWithItsStatusAndTheConnectionCloses(Case request) throws IOException {
        RecordingApp app = new RecordingApp();
        TestConnection connection = TestConnection.of(request.raw()).serveAll(app);

        ResponseReader responses = connection.responses();
        RawResponse response = responses.next();
        assertEquals(request.status(), response.status(), () -> "response: " + connection.outputText());
        assertTrue(response.closes(), "Connection: close");
        assertEquals("text/plain; charset=utf-8", response.header("Content-Type"));
        assertTrue(response.bodyText().matches(request.status() + " [A-Za-z ]+: .+\n"), response.bodyText());
        if (request.reason() != null) {
            assertTrue(response.bodyText().endsWith(": " + request.reason() + "\n"), response.bodyText());
        }
        assertTrue(responses.atEnd(), () -> "nothing after the error: " + responses.rest());
        assertEquals(List.of(false), connection.results, "serveNext returns false once");
        assertTrue(connection.closed);
    }

    @Test
    void aRejectionIsLoggedAtDebugWithItsReason() throws IOException {
        try (LogCapture log = new LogCapture()) {
            TestConnection.of("GET / HTTP/1.1\r\nHost : a\r\n\r\n").serveAll(new RecordingApp());
            List<String> debug = log.messages(Level.DEBUG);
            assertEquals(1, debug.size(), debug::toString);
            assertTrue(debug.getFirst().contains("400 whitespace between field name and colon"), debug::toString);
        }
    }

    @Test
    void theHandlerNeverSeesARejectedHead() throws IOException {
        RecordingApp app = new RecordingApp();
        TestConnection.of("GET / HTTP/2.0\r\n" + HOST + "\r\n").serveAll(app);
        TestConnection.of("GET / HTTP/1.1\r\nHost: a\r\nX: \u0001\r\n\r\n").serveAll(app);
        assertEquals(List.of(), app.seen);
    }

    @Test
    void aRequestAfterABadOneIsNotServed() throws IOException {
        RecordingApp app = new RecordingApp();
        TestConnection connection = TestConnection.of(
                "GET / HTTP/1.1\r\nHost: a\r\nContent-Length: 1, 2\r\n\r\nGET /smuggled HTTP/1.1\r\nHost: a\r\n\r\n")
                .serveAll(app);
        assertEquals(List.of(), app.seen);
        ResponseReader responses = connection.responses();
        assertEquals(400, responses.next().status());
        assertTrue(responses.atEnd());
    }
}
