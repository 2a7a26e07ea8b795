package io.narwhal.http1;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ch.qos.logback.classic.Level;
import io.narwhal.api.codec.HttpCompliance;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/** Malformed and over-limit requests: answered with their status and Connection: close, never thrown. */
class InvalidRequestTest {
    static final String HOST = "Host: a\r\n";
    static final String CHUNKED_HEAD = "POST / HTTP/1.1\r\n" + HOST + "Transfer-Encoding: chunked\r\n\r\n";

    /**
     * A request every compliance mode refuses the same way.
     *
     * @param reason the rule the answer must name, exactly as the body and the debug log give it
     */
    record Case(String name, String raw, int status, String reason) {
        Case(String name, String raw, String reason) {
            this(name, raw, 400, reason);
        }

        @Override
        public String toString() {
            return name + " -> " + status;
        }
    }

    static List<Case> cases() {
        List<Case> cases = new ArrayList<>();
        // line endings (a bare LF ending a head line is a leniency: ComplianceModeTest)
        cases.add(new Case("bare CR in request line", "GET / HTTP/1.1\r" + HOST + "\r\n", "bare CR"));
        cases.add(new Case("bare CR in field value", "GET / HTTP/1.1\r\nHost: a\rb\r\n\r\n", "bare CR"));
        cases.add(new Case("bare CR ending the head", "GET / HTTP/1.1\r\n" + HOST + "\rx", "bare CR"));
        cases.add(new Case("too many leading empty lines",
                "\r\n".repeat(RequestLineParser.MAX_LEADING_EMPTY_LINES + 1) + "GET / HTTP/1.1\r\n" + HOST + "\r\n",
                "too many empty lines before the request line"));
        // field lines
        cases.add(new Case("whitespace before first field", "GET / HTTP/1.1\r\n " + HOST + "\r\n",
                "whitespace before the first field name"));
        String beforeColon = "whitespace between field name and colon";
        cases.add(new Case("space before colon", "GET / HTTP/1.1\r\nHost : a\r\n\r\n", beforeColon));
        cases.add(new Case("tab before colon", "GET / HTTP/1.1\r\nHost\t: a\r\n\r\n", beforeColon));
        cases.add(new Case("space inside field name", "GET / HTTP/1.1\r\n" + HOST + "X Y: 1\r\n\r\n", beforeColon));
        String badName = "invalid character in field name";
        cases.add(new Case("non-token field name", "GET / HTTP/1.1\r\n" + HOST + "X(Y): 1\r\n\r\n", badName));
        cases.add(new Case("non-ASCII field name", "GET / HTTP/1.1\r\n" + HOST + "X-\u00e9: 1\r\n\r\n", badName));
        cases.add(new Case("empty field name", "GET / HTTP/1.1\r\n" + HOST + ": 1\r\n\r\n", "empty field name"));
        cases.add(new Case("field line without colon", "GET / HTTP/1.1\r\n" + HOST + "NoColon\r\n\r\n",
                "field line without a colon"));
        String control = "control character in field value";
        cases.add(new Case("NUL in value", "GET / HTTP/1.1\r\n" + HOST + "X: a\u0000b\r\n\r\n", control));
        cases.add(new Case("CTL in value", "GET / HTTP/1.1\r\n" + HOST + "X: a\u0001b\r\n\r\n", control));
        cases.add(new Case("ESC in value", "GET / HTTP/1.1\r\n" + HOST + "X: a\u001bb\r\n\r\n", control));
        cases.add(new Case("DEL in value", "GET / HTTP/1.1\r\n" + HOST + "X: a\u007fb\r\n\r\n", control));
        // method
        String badMethod = "invalid character in method";
        cases.add(new Case("non-token method", "G<T / HTTP/1.1\r\n" + HOST + "\r\n", badMethod));
        cases.add(new Case("leading space", " GET / HTTP/1.1\r\n" + HOST + "\r\n", badMethod));
        cases.add(new Case("non-ASCII method", "G\u00c9T / HTTP/1.1\r\n" + HOST + "\r\n", badMethod));
        // target (raw characters RFC 3986 wants encoded are a leniency: ComplianceModeTest)
        for (String target : List.of("/a#frag", "/a\tb", "/a\u0000b", "/a\u007fb", "/a\u0001b")) {
            cases.add(new Case("target " + target.replaceAll("\\p{Cntrl}", "?"),
                    "GET " + target + " HTTP/1.1\r\n" + HOST + "\r\n", "invalid character in request target"));
        }
        for (String target : List.of("/%zz", "/%4", "/a%", "/%g0")) {
            cases.add(new Case("target " + target, "GET " + target + " HTTP/1.1\r\n" + HOST + "\r\n",
                    "invalid percent-encoding in request target"));
        }
        cases.add(new Case("empty target", "GET  HTTP/1.1\r\n" + HOST + "\r\n", "empty request target"));
        cases.add(new Case("two spaces before target", "GET  / HTTP/1.1\r\n" + HOST + "\r\n", "empty request target"));
        cases.add(new Case("relative target", "GET foo HTTP/1.1\r\n" + HOST + "\r\n",
                "request target is neither a path nor an absolute URI"));
        cases.add(new Case("space inside target", "GET /a b HTTP/1.1\r\n" + HOST + "\r\n",
                "invalid character in HTTP version"));
        // target form against the method (RFC 9112 3.2)
        String asterisk = "the asterisk target is only for OPTIONS";
        cases.add(new Case("asterisk with GET", "GET * HTTP/1.1\r\n" + HOST + "\r\n", asterisk));
        cases.add(new Case("asterisk with POST", "POST * HTTP/1.1\r\n" + HOST + "\r\n", asterisk));
        String authorityForm = "the authority-form target is only for CONNECT";
        cases.add(new Case("authority-form with GET", "GET a.example:443 HTTP/1.1\r\n" + HOST + "\r\n", authorityForm));
        cases.add(new Case("authority-form with OPTIONS", "OPTIONS a.example:80 HTTP/1.1\r\n" + HOST + "\r\n",
                authorityForm));
        String connect = "CONNECT needs an authority-form target (host:port)";
        cases.add(new Case("CONNECT with a path", "CONNECT / HTTP/1.1\r\n" + HOST + "\r\n", connect));
        cases.add(new Case("CONNECT without a port", "CONNECT a.example HTTP/1.1\r\n" + HOST + "\r\n", connect));
        cases.add(new Case("CONNECT with an absolute URI", "CONNECT http://a.example:80/ HTTP/1.1\r\n" + HOST + "\r\n",
                connect));
        cases.add(new Case("CONNECT with asterisk", "CONNECT * HTTP/1.1\r\n" + HOST + "\r\n", connect));
        cases.add(new Case("CONNECT with a port too large", "CONNECT a.example:65536 HTTP/1.1\r\n" + HOST + "\r\n",
                connect));
        // version
        String badVersion = "malformed HTTP version";
        cases.add(new Case("no version", "GET /\r\n" + HOST + "\r\n", "request line without an HTTP version"));
        cases.add(new Case("space after version", "GET / HTTP/1.1 \r\n" + HOST + "\r\n",
                "invalid character in HTTP version"));
        cases.add(new Case("lower-case version", "GET / http/1.1\r\n" + HOST + "\r\n", badVersion));
        cases.add(new Case("version without minor", "GET / HTTP/1\r\n" + HOST + "\r\n", badVersion));
        cases.add(new Case("two-digit minor", "GET / HTTP/1.10\r\n" + HOST + "\r\n", badVersion));
        cases.add(new Case("version without dot", "GET / HTTP/11\r\n" + HOST + "\r\n", badVersion));
        cases.add(new Case("other protocol", "GET / HTTPS/1.1\r\n" + HOST + "\r\n", badVersion));
        for (String version : List.of("2.0", "3.0", "1.2", "0.9")) {
            cases.add(new Case("HTTP/" + version, "GET / HTTP/" + version + "\r\n" + HOST + "\r\n", 505,
                    "HTTP/" + version + " is not supported"));
        }
        // Host: present (ComplianceModeTest), single, a valid authority
        cases.add(new Case("two Host fields", "GET / HTTP/1.1\r\nHost: a\r\nHost: b\r\n\r\n", "more than one Host"));
        cases.add(new Case("two equal Host fields in HTTP/1.0", "GET / HTTP/1.0\r\nHost: a\r\nhost: a\r\n\r\n",
                "more than one Host"));
        cases.add(new Case("two Hosts in one field", "GET / HTTP/1.1\r\nHost: a, b\r\n\r\n", "invalid Host"));
        for (String host : List.of("a b", "a/b", "u@a", "a?b", "a:b", "a:99999", "a:123456", ":80", "[::1", "[zz]",
                "[]", "[v1]", "a%zz", "a%4", "caf\u00e9", "a:80:90", "[::1]x", "a\"b")) {
            cases.add(new Case("Host '" + host + "'", "GET / HTTP/1.1\r\nHost: " + host + "\r\n\r\n", "invalid Host"));
        }
        cases.add(new Case("absolute-form target with an empty authority", "GET http:///x HTTP/1.1\r\n" + HOST + "\r\n",
                "empty authority in the request target"));
        cases.add(new Case("absolute-form target with userinfo", "GET http://u:p@a/x HTTP/1.1\r\n" + HOST + "\r\n",
                "userinfo in the request target"));
        cases.add(new Case("absolute-form target with a bad port", "GET http://a:x/ HTTP/1.1\r\n" + HOST + "\r\n",
                "invalid authority in the request target"));
        // singletons
        cases.add(new Case("two Content-Type fields",
                "POST / HTTP/1.1\r\n" + HOST + "Content-Type: a/b\r\nContent-Type: c/d\r\nContent-Length: 0\r\n\r\n",
                "more than one Content-Type"));
        // Content-Length
        for (String length : List.of("abc", "-1", "+1", "1.5", "0x10", "1 2", "", "5,", "1234567890123456789")) {
            cases.add(new Case("Content-Length '" + length + "'",
                    "POST / HTTP/1.1\r\n" + HOST + "Content-Length: " + length + "\r\n\r\nhello", "invalid Content-Length"));
        }
        cases.add(new Case("Content-Length '5, 6'", "POST / HTTP/1.1\r\n" + HOST + "Content-Length: 5, 6\r\n\r\nhello",
                "differing Content-Length values"));
        cases.add(new Case("differing Content-Length fields",
                "POST / HTTP/1.1\r\n" + HOST + "Content-Length: 5\r\nContent-Length: 6\r\n\r\nhello!",
                "differing Content-Length values"));
        // Transfer-Encoding
        String both = "both Transfer-Encoding and Content-Length";
        cases.add(new Case("Transfer-Encoding and Content-Length",
                "POST / HTTP/1.1\r\n" + HOST + "Transfer-Encoding: chunked\r\nContent-Length: 5\r\n\r\n0\r\n\r\n", both));
        cases.add(new Case("Content-Length and Transfer-Encoding",
                "POST / HTTP/1.1\r\n" + HOST + "Content-Length: 5\r\nTransfer-Encoding: chunked\r\n\r\n0\r\n\r\n", both));
        for (String codings : List.of("gzip", "identity", "chunked, gzip", "chunked\r\nTransfer-Encoding: gzip")) {
            cases.add(new Case("Transfer-Encoding " + codings.replace("\r\n", " "),
                    "POST / HTTP/1.1\r\n" + HOST + "Transfer-Encoding: " + codings + "\r\n\r\n0\r\n\r\n",
                    "chunked is not the final transfer coding"));
        }
        cases.add(new Case("Transfer-Encoding gzip, chunked",
                "POST / HTTP/1.1\r\n" + HOST + "Transfer-Encoding: gzip, chunked\r\n\r\n0\r\n\r\n", 501,
                "Transfer-Encoding gzip is not implemented"));
        cases.add(new Case("Transfer-Encoding chunked twice",
                "POST / HTTP/1.1\r\n" + HOST + "Transfer-Encoding: chunked\r\nTransfer-Encoding: chunked\r\n\r\n",
                "chunked applied more than once"));
        cases.add(new Case("Transfer-Encoding empty", "POST / HTTP/1.1\r\n" + HOST + "Transfer-Encoding: \r\n\r\n",
                "empty Transfer-Encoding"));
        cases.add(new Case("Transfer-Encoding with parameter",
                "POST / HTTP/1.1\r\n" + HOST + "Transfer-Encoding: chunked;q=1\r\n\r\n", "malformed Transfer-Encoding"));
        cases.add(new Case("Transfer-Encoding in HTTP/1.0",
                "POST / HTTP/1.0\r\nTransfer-Encoding: chunked\r\n\r\n0\r\n\r\n", "Transfer-Encoding in an HTTP/1.0 request"));
        // chunked bodies: found while the app reads
        String notHex = "invalid chunk size (hex digits only)";
        cases.add(new Case("chunk size not hex", CHUNKED_HEAD + "zz\r\nhello\r\n0\r\n\r\n", notHex));
        cases.add(new Case("negative chunk size", CHUNKED_HEAD + "-5\r\nhello\r\n0\r\n\r\n", notHex));
        cases.add(new Case("chunk size with a sign", CHUNKED_HEAD + "+5\r\nhello\r\n0\r\n\r\n", notHex));
        cases.add(new Case("chunk size in 0x form", CHUNKED_HEAD + "0x5\r\nhello\r\n0\r\n\r\n", notHex));
        cases.add(new Case("space before chunk size", CHUNKED_HEAD + " 5\r\nhello\r\n0\r\n\r\n", notHex));
        cases.add(new Case("space after chunk size", CHUNKED_HEAD + "5 \r\nhello\r\n0\r\n\r\n",
                "whitespace after the chunk size"));
        cases.add(new Case("space inside chunk size", CHUNKED_HEAD + "5 5\r\nhello\r\n0\r\n\r\n",
                "whitespace after the chunk size"));
        cases.add(new Case("missing chunk size", CHUNKED_HEAD + "\r\nhello\r\n0\r\n\r\n", "missing chunk size"));
        cases.add(new Case("chunk size too large", CHUNKED_HEAD + "1000000000000000\r\nhello\r\n0\r\n\r\n",
                "chunk size too large"));
        String dataCrlf = "chunk data not followed by CRLF";
        cases.add(new Case("chunk data too long", CHUNKED_HEAD + "5\r\nhelloXX\r\n0\r\n\r\n", dataCrlf));
        cases.add(new Case("bare LF after chunk size", CHUNKED_HEAD + "5\nhello\r\n0\r\n\r\n", "bare LF in chunk size line"));
        cases.add(new Case("bare CR after chunk size", CHUNKED_HEAD + "5\rhello\r\n0\r\n\r\n",
                "bare CR in chunk size line"));
        cases.add(new Case("bare LF after chunk data", CHUNKED_HEAD + "5\r\nhello\n0\r\n\r\n", dataCrlf));
        cases.add(new Case("chunk data followed by X LF", CHUNKED_HEAD + "5\r\nhelloX\n0\r\n\r\n", dataCrlf));
        cases.add(new Case("chunk data followed by CR X", CHUNKED_HEAD + "5\r\nhello\rX0\r\n\r\n", dataCrlf));
        cases.add(new Case("bare CR ending the chunked body", CHUNKED_HEAD + "5\r\nhello\r\n0\r\n\rX", "bare CR"));
        String extensionControl = "control character in chunk extension";
        cases.add(new Case("CTL in chunk extension", CHUNKED_HEAD + "5;a=\u0001\r\nhello\r\n0\r\n\r\n", extensionControl));
        cases.add(new Case("bare LF in chunk extension", CHUNKED_HEAD + "5;a=b\nhello\r\n0\r\n\r\n", extensionControl));
        cases.add(new Case("NUL in quoted chunk extension", CHUNKED_HEAD + "5;a=\"\u0000\"\r\nhello\r\n0\r\n\r\n",
                extensionControl));
        cases.add(new Case("chunk extension too long",
                CHUNKED_HEAD + "5;" + "a".repeat(ChunkedDecoder.MAX_SIZE_LINE) + "\r\nhello\r\n0\r\n\r\n",
                "chunk extension too long"));
        // trailers
        cases.add(new Case("trailer line too long", CHUNKED_HEAD + "0\r\nX: " + "a".repeat(8190) + "\r\n\r\n", 431,
                "trailer field line longer than 8190 bytes with its CRLF"));
        for (String field : List.of("Content-Length: 5", "Transfer-Encoding: chunked", "Host: evil", "Content-Type: a/b",
                "Authorization: Basic x", "Expect: 100-continue", "If-Match: *", "Range: bytes=0-1", "Trailer: X",
                "Cookie: a=1", "connection: close", "TE: trailers", "Cache-Control: no-cache", "Content-Encoding: gzip")) {
            String name = field.substring(0, field.indexOf(':'));
            cases.add(new Case(name + " in trailers", CHUNKED_HEAD + "0\r\n" + field + "\r\n\r\n",
                    "field '" + name + "' is not allowed in a trailer"));
        }
        cases.add(new Case("trailer without a colon", CHUNKED_HEAD + "0\r\nX\r\n\r\n", "field line without a colon"));
        cases.add(new Case("space before colon in a trailer", CHUNKED_HEAD + "0\r\nX : 1\r\n\r\n", beforeColon));
        cases.add(new Case("too many trailer fields", CHUNKED_HEAD + "0\r\n" + "X: a\r\n".repeat(101) + "\r\n", 431,
                "more than 100 trailer fields"));
        // limits, at the exact boundary (the accepted side is in RequestLimitsTest)
        String longLine = "request line longer than 4094 bytes";
        cases.add(new Case("request line of 4095 bytes", requestLineOfLength(4095) + "\r\n" + HOST + "\r\n", 414,
                longLine));
        cases.add(new Case("endless request line", "GET /" + "a".repeat(20000), 414, longLine));
        cases.add(new Case("101 header fields", headWithFields(101), 431, "more than 100 header fields"));
        String longField = "header field line longer than 8190 bytes with its CRLF";
        cases.add(new Case("field line of 8191 bytes with its CRLF",
                "GET / HTTP/1.1\r\n" + HOST + fieldLineOfLength(8189) + "\r\n\r\n", 431, longField));
        cases.add(new Case("endless field line", "GET / HTTP/1.1\r\n" + HOST + "X: " + "a".repeat(20000), 431, longField));
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

    static Stream<Arguments> casesUnderEveryMode() {
        return cases().stream().flatMap(c -> Stream.of(HttpCompliance.values()).map(mode -> Arguments.of(c, mode)));
    }

    @ParameterizedTest(name = "{0} under {1}")
    @MethodSource("casesUnderEveryMode")
    void isAnsweredWithItsStatusAndReasonAndTheConnectionCloses(Case request, HttpCompliance mode) throws IOException {
        RecordingApp app = new RecordingApp();
        TestConnection connection = TestConnection.of(request.raw(), mode).serveAll(app);
        assertRefused(connection, request.status(), request.reason());
        assertEquals(List.of(), app.seen, "the app never sees it");
    }

    /** The one answer to a refused request: its status and reason in a short text, then the connection closes. */
    static void assertRefused(TestConnection connection, int status, String reason) {
        ResponseReader responses = connection.responses();
        RawResponse response = responses.next();
        assertEquals(status, response.status(), () -> "response: " + connection.outputText());
        assertTrue(response.closes(), "Connection: close");
        assertEquals("text/plain; charset=utf-8", response.header("Content-Type"));
        assertEquals(ErrorResponse.text(status, reason), response.bodyText());
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
