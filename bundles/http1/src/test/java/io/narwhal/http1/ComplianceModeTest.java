package io.narwhal.http1;

import static io.narwhal.http1.InvalidRequestTest.CHUNKED_HEAD;
import static io.narwhal.http1.InvalidRequestTest.HOST;
import static io.narwhal.http1.ValidRequests.seen;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ch.qos.logback.classic.Level;
import io.narwhal.api.codec.ConnectionOptions;
import io.narwhal.api.codec.HttpCompliance;
import io.narwhal.api.codec.RequestLimits;
import io.narwhal.api.http.Headers;
import io.narwhal.http1.RecordingApp.Seen;
import java.io.IOException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The requests only a lenient mode serves, each run under every mode: strict refuses it with the rule's reason;
 * lenient serves it as the app should see it, counts each time it took the leniency and logs it once per
 * connection. What every mode refuses alike is in InvalidRequestTest, under every mode too.
 */
class ComplianceModeTest {
    /** @param times how often serving it takes the leniency */
    record Relaxed(String name, String raw, Leniency leniency, int times, Seen lenientlySeen) {
        @Override
        public String toString() {
            return name + " (" + leniency + ")";
        }
    }

    static List<Relaxed> cases() {
        List<Relaxed> cases = new ArrayList<>();
        Seen root = seen("GET", "/", "/", null, "HTTP/1.1", "", "Host: a");
        cases.add(new Relaxed("bare LF after request line", "GET / HTTP/1.1\n" + HOST + "\r\n", Leniency.BARE_LF, 1,
                root));
        cases.add(new Relaxed("bare LF after field", "GET / HTTP/1.1\r\nHost: a\n\r\n", Leniency.BARE_LF, 1, root));
        cases.add(new Relaxed("bare LF ending the head", "GET / HTTP/1.1\r\n" + HOST + "\n", Leniency.BARE_LF, 1, root));
        cases.add(new Relaxed("bare LF as leading empty line", "\nGET / HTTP/1.1\r\n" + HOST + "\r\n",
                Leniency.BARE_LF, 1, root));
        cases.add(new Relaxed("every head line ended by LF", "GET /x HTTP/1.1\nHost: a\nX: 1\n\n", Leniency.BARE_LF, 4,
                seen("GET", "/x", "/x", null, "HTTP/1.1", "", "Host: a", "X: 1")));
        cases.add(new Relaxed("bare LF ending trailers", CHUNKED_HEAD + "5\r\nhello\r\n0\r\nX: a\r\n\n",
                Leniency.BARE_LF, 1, chunkedHello()));
        cases.add(new Relaxed("obs-fold", "GET / HTTP/1.1\r\n" + HOST + "X-Folded: one\r\n two\r\n\r\n",
                Leniency.OBS_FOLD, 1, seen("GET", "/", "/", null, "HTTP/1.1", "", "Host: a", "X-Folded: one two")));
        cases.add(new Relaxed("obs-fold with tab and spaces", "GET / HTTP/1.1\r\n" + HOST + "X-F: one \r\n\t  two\r\n\r\n",
                Leniency.OBS_FOLD, 1, seen("GET", "/", "/", null, "HTTP/1.1", "", "Host: a", "X-F: one two")));
        cases.add(new Relaxed("obs-fold over three lines, one blank",
                "GET / HTTP/1.1\r\nX-F: a\r\n b\r\n \r\n  c\r\n" + HOST + "\r\n", Leniency.OBS_FOLD, 3,
                seen("GET", "/", "/", null, "HTTP/1.1", "", "X-F: a b c", "Host: a")));
        cases.add(new Relaxed("obs-fold in trailers", CHUNKED_HEAD + "5\r\nhello\r\n0\r\nX: a\r\n b\r\n\r\n",
                Leniency.OBS_FOLD, 1, chunkedHello()));
        for (String target : List.of("/a<b", "/a>b", "/a\"b", "/a{b}", "/a|b", "/a\\b", "/a^b", "/a`b", "/caf\u00e9",
                "/\u00ff?q=\u00e9")) {
            int query = target.indexOf('?');
            cases.add(new Relaxed("target " + target, "GET " + target + " HTTP/1.1\r\n" + HOST + "\r\n",
                    Leniency.UNENCODED_TARGET, target.equals("/a{b}") || query > 0 ? 2 : 1,
                    seen("GET", target, query < 0 ? target : target.substring(0, query),
                            query < 0 ? null : target.substring(query + 1), "HTTP/1.1", "", "Host: a")));
        }
        cases.add(new Relaxed("HTTP/1.1 without Host", "GET / HTTP/1.1\r\n\r\n", Leniency.MISSING_HOST, 1,
                seen("GET", "/", "/", null, "HTTP/1.1", "")));
        cases.add(new Relaxed("empty Host", "GET / HTTP/1.1\r\nHost:\r\n\r\n", Leniency.EMPTY_HOST, 1,
                seen("GET", "/", "/", null, "HTTP/1.1", "", "Host: ")));
        cases.add(new Relaxed("empty Host in HTTP/1.0", "GET / HTTP/1.0\r\nHost: \r\n\r\n", Leniency.EMPTY_HOST, 1,
                seen("GET", "/", "/", null, "HTTP/1.0", "", "Host: ")));
        for (String extension : List.of(";", ";a=", ";=b", ";a=b c", ";a=\"b", ";a=\"b\"c", ";a\u00ff", "; ;", ";a=b;",
                ";a=\"b\\")) {
            cases.add(new Relaxed("chunk extension '" + extension + "'",
                    CHUNKED_HEAD + "5" + extension + "\r\nhello\r\n0\r\n\r\n", Leniency.CHUNK_EXTENSION, 1,
                    chunkedHello()));
        }
        return cases;
    }

    private static Seen chunkedHello() {
        return seen("POST", "/", "/", null, "HTTP/1.1", "hello", "Host: a", "Transfer-Encoding: chunked");
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("cases")
    void strictRefusesWithTheRulesReason(Relaxed request) throws IOException {
        RecordingApp app = new RecordingApp();
        TestConnection connection = TestConnection.of(request.raw(), HttpCompliance.STRICT).serveAll(app);
        InvalidRequestTest.assertRefused(connection, 400, request.leniency().strictReason());
        assertEquals(List.of(), app.seen);
        assertEquals(Map.of(), connection.codec.leniencyCounts(), "strict takes no leniency");
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("cases")
    void lenientServesItCountsItAndLogsItOnce(Relaxed request) throws IOException {
        RecordingApp app = new RecordingApp();
        try (LogCapture log = new LogCapture()) {
            TestConnection connection = TestConnection.of(request.raw(), HttpCompliance.LENIENT).serveAll(app);

            assertEquals(List.of(request.lenientlySeen()), app.seen);
            assertEquals(200, connection.responses().next().status(), connection::outputText);
            assertEquals(Map.of(request.leniency().name(), (long) request.times()), connection.codec.leniencyCounts());
            assertEquals(List.of("Tolerated " + request.leniency().description() + " from " + TestConnection.REMOTE
                    + " (http_compliance=lenient, leniency " + request.leniency().name() + ", 1 so far)"),
                    log.messages(Level.INFO));
        }
    }

    @Test
    void aLeniencyIsLoggedOncePerConnectionAndCountedEachTime() throws IOException {
        String twoRequests = "GET /1 HTTP/1.1\n" + HOST + "\r\nGET /2 HTTP/1.1\n" + HOST + "\r\n";
        try (LogCapture log = new LogCapture()) {
            TestConnection connection = TestConnection.of(twoRequests, HttpCompliance.LENIENT)
                    .serveAll(new RecordingApp());
            assertEquals(Map.of("BARE_LF", 2L), connection.codec.leniencyCounts());
            List<String> info = log.messages(Level.INFO);
            assertEquals(1, info.size(), info::toString);
            assertTrue(info.getFirst().endsWith("leniency BARE_LF, 1 so far)"), info::toString);
        }
    }

    @Test
    void eachConnectionReportsItsOwnLeniencesAndTheCodecCountsThemAll() throws IOException {
        Http1Codec codec = new Http1Codec();
        ConnectionOptions lenient = new ConnectionOptions(true, RequestLimits.GUNICORN_DEFAULTS)
                .withCompliance(HttpCompliance.LENIENT);
        try (LogCapture log = new LogCapture()) {
            for (int i = 0; i < 3; i++) {
                new TestConnection(ScriptedInputStream.whole(TestConnection.bytes("GET / HTTP/1.1\r\n\r\n")), lenient,
                        codec).serveAll(new RecordingApp());
            }
            assertEquals(List.of("1 so far)", "2 so far)", "3 so far)"),
                    log.messages(Level.INFO).stream().map(m -> m.substring(m.lastIndexOf(", ") + 2)).toList());
            assertEquals(Map.of("MISSING_HOST", 3L), codec.leniencyCounts());
        }
    }

    @Test
    void trailersReachTheAppAfterTheBodyEvenWhenFolded() throws IOException {
        List<String> seen = new ArrayList<>();
        TestConnection.of(CHUNKED_HEAD + "5\r\nhello\r\n0\r\nX-Sum: a\r\n b\r\nX-Two: 2\n\r\n", HttpCompliance.LENIENT)
                .serveAll((request, response) -> {
                    request.body().readAllBytes();
                    seen.add(request.trailers().toString());
                });
        assertEquals(List.of(new Headers().add("X-Sum", "a b").add("X-Two", "2").toString()), seen);
    }
}
