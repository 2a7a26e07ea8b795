package io.narwhal.http1;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.narwhal.http1.CheckingApp.Exchange;
import java.io.IOException;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/** The fuzzers' oracle: quiet on what the codec does right, and it does notice each way of doing it wrong. */
class ConnectionOracleTest {
    private static final String GET = "GET / HTTP/1.1\r\nHost: a\r\n\r\n";
    private static final String OK = "HTTP/1.1 200 OK\r\nContent-Length: 2\r\n\r\nok";
    private static final Exchange GOT_GET = exchange("GET", "/", "", false, "Host: a");

    static List<ValidRequests.Case> validRequests() {
        return ValidRequests.all();
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("validRequests")
    void findsNothingWrongWithTheCodecServingValidRequestsPipelined(ValidRequests.Case request) throws IOException {
        byte[] twice = TestConnection.bytes(request.raw() + request.raw());
        ConnectionOracle.Verdict verdict = ConnectionOracle.serve(twice, ScriptedInputStream.whole(twice),
                TestConnection.KEEP_ALIVE, null);
        assertEquals(List.of(), verdict.violations());
        long served = request.raw().contains(" HTTP/1.0\r\n") ? 1 : 2; // HTTP/1.0 asks for no keep-alive here
        assertEquals(served, verdict.statuses().stream().filter(status -> status == 200).count(), verdict::toString);
    }

    @Test
    void findsNothingWrongWithAnsweredOrRefusedHeads() {
        assertEquals(List.of(), judge(GET, List.of(GOT_GET), OK));
        assertEquals(List.of(), judge("GET / HTTP/1.1\r\nHost : a\r\n\r\n", List.of(),
                "HTTP/1.1 400 Bad Request\r\nConnection: close\r\nContent-Length: 0\r\n\r\n"));
    }

    @Test
    void notesA500() {
        assertViolation("500", judge(GET, List.of(GOT_GET),
                "HTTP/1.1 500 Internal Server Error\r\nContent-Length: 0\r\n\r\n"));
    }

    @Test
    void notesARequestTheBytesDoNotHold() {
        assertViolation("do not hold", judge(GET, List.of(GOT_GET, GOT_GET), OK + OK));
        assertViolation("request line", judge(GET, List.of(exchange("GET", "/x", "", false, "Host: a")), OK));
        assertViolation("fields", judge(GET, List.of(exchange("GET", "/", "", false, "Host: b")), OK));
    }

    @Test
    void notesABodyOtherThanItsFramingSays() {
        String post = "POST / HTTP/1.1\r\nHost: a\r\nContent-Length: 3\r\n\r\nabc";
        assertViolation("body", judge(post, List.of(exchange("POST", "/", "ab", false, "Host: a",
                "Content-Length: 3")), OK));
        String chunked = "POST / HTTP/1.1\r\nHost: a\r\nTransfer-Encoding: chunked\r\n\r\n3\r\nabc\r\n0\r\n\r\n";
        assertViolation("body", judge(chunked, List.of(exchange("POST", "/", "abc0", false, "Host: a",
                "Transfer-Encoding: chunked")), OK));
        assertViolation("failed body", judge(chunked, List.of(exchange("POST", "/", "x", true, "Host: a",
                "Transfer-Encoding: chunked")), ""));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("chunkSizeLines")
    void readsChunkExtensionsByRfc9112(String sizeLine, boolean wellFormed) {
        String chunked = "POST / HTTP/1.1\r\nHost: a\r\nTransfer-Encoding: chunked\r\n\r\n" + sizeLine
                + "\r\nabc\r\n0\r\n\r\n";
        Exchange gotAbc = exchange("POST", "/", "abc", false, "Host: a", "Transfer-Encoding: chunked");
        List<String> violations = judge(chunked, List.of(gotAbc), OK);
        if (wellFormed) {
            assertEquals(List.of(), violations);
        } else {
            assertViolation("body abc framed in the bytes as", violations);
        }
    }

    static List<Arguments> chunkSizeLines() {
        return List.of(Arguments.of("3;a", true), Arguments.of("3 ; a = b ", true), Arguments.of("3;a=\"x\\\"y\";b", true),
                // a regular expression for this grammar overflowed the stack on a quoted string this long
                Arguments.of("3;a=\"" + "x\\\"".repeat(2000) + "\"", true),
                Arguments.of("3 ", false), Arguments.of("3;", false), Arguments.of("3;a=", false),
                Arguments.of("3;a=\"x", false), Arguments.of("3;a=\"\u0001\"", false), Arguments.of("3;a b", false),
                Arguments.of("3;a=\"x\\", false), Arguments.of("3;(a)", false));
    }

    @Test
    void notesARequestTakenFromABodyTheAppLeftUnread() {
        String post = "POST / HTTP/1.1\r\nHost: a\r\nContent-Length: " + GET.length() + "\r\n\r\n";
        Exchange unread = new Exchange(ValidRequests.seen("POST", "/", "/", null, "HTTP/1.1", "", "Host: a",
                "Content-Length: " + GET.length()), false, false);
        assertEquals(List.of(), judge(post + GET + GET, List.of(unread, GOT_GET), OK + OK));
        assertViolation("do not hold", judge(post + GET, List.of(unread, GOT_GET), OK + OK));
    }

    @Test
    void notesAHeadNeitherServedNorRefused() {
        assertViolation("neither served nor refused", judge(GET, List.of(), ""));
        assertViolation("neither served nor refused", judge(GET + GET, List.of(GOT_GET), OK));
    }

    @Test
    void notesMalformedResponsesAndAnswersAfterARefusal() {
        assertViolation("malformed response", judge(GET, List.of(GOT_GET), "HTTP/1.1 200 OK\nContent-Length: 0\n\n"));
        assertViolation("malformed response", judge(GET, List.of(GOT_GET), "HTTP/1.1 200 OK\r\nContent-Length: 9\r\n\r\nok"));
        String refusal = "HTTP/1.1 400 Bad Request\r\nConnection: close\r\nContent-Length: 0\r\n\r\n";
        assertViolation("nothing after a refusal", judge("GET / HTTP/1.1\r\n\r\n", List.of(), refusal + OK));
        assertViolation("a refusal closes", judge("GET / HTTP/1.1\r\n\r\n", List.of(),
                "HTTP/1.1 400 Bad Request\r\nContent-Length: 0\r\n\r\n"));
    }

    @Test
    void notesAnythingAfterAResponseThatClosedTheConnection() {
        String closing = "HTTP/1.1 200 OK\r\nConnection: close\r\nContent-Length: 2\r\n\r\nok";
        assertEquals(List.of(), judge(GET + GET, List.of(GOT_GET), closing));
        assertViolation("closed the connection", judge(GET + GET, List.of(GOT_GET, GOT_GET), closing + OK));
        assertViolation("closed the connection", judge(GET + "GET / HTTP/1.1\r\n\r\n", List.of(GOT_GET),
                closing + "HTTP/1.1 400 Bad Request\r\nConnection: close\r\nContent-Length: 0\r\n\r\n"));
    }

    @Test
    void fieldValuesFollowRfc9110() {
        assertTrue(CheckingApp.isFieldValue("a b\tc\u00e9"));
        assertTrue(CheckingApp.isFieldValue(""));
        for (String value : List.of(" a", "a\t", "a\rb", "a\nb", "a\u0000b", "a\u0001b", "a\u007fb", "a\u0100")) {
            assertTrue(!CheckingApp.isFieldValue(value), value);
        }
    }

    private static Exchange exchange(String method, String target, String body, boolean failed, String... fields) {
        return new Exchange(ValidRequests.seen(method, target, target, null, "HTTP/1.1", body, fields), failed, !failed);
    }

    private static List<String> judge(String bytes, List<Exchange> exchanges, String output) {
        return ConnectionOracle.judge(TestConnection.bytes(bytes), exchanges, TestConnection.bytes(output)).violations();
    }

    private static void assertViolation(String expected, List<String> violations) {
        assertTrue(violations.stream().anyMatch(v -> v.contains(expected)), () -> expected + " in " + violations);
    }
}
