package io.narwhal.http1;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.narwhal.api.codec.HttpCompliance;
import io.narwhal.http1.ValidRequests.Case;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.params.provider.ValueSource;

class ValidRequestTest {
    static List<Case> cases() {
        return ValidRequests.all();
    }

    static Stream<Arguments> casesUnderEveryMode() {
        return cases().stream().flatMap(c -> Stream.of(HttpCompliance.values()).map(mode -> Arguments.of(c, mode)));
    }

    @ParameterizedTest(name = "{0} under {1}")
    @MethodSource("casesUnderEveryMode")
    void theAppSeesTheRequestAsSent(Case request, HttpCompliance mode) throws IOException {
        RecordingApp app = new RecordingApp();
        TestConnection connection = TestConnection.of(request.raw(), mode).serveAll(app);
        assertEquals(Map.of(), connection.codec.leniencyCounts(), "a valid request needs no leniency");

        assertEquals(List.of(request.expected()), app.seen);
        ResponseReader responses = connection.responses();
        RawResponse response = responses.next(request.expected().method().equals("HEAD"));
        assertEquals(200, response.status());
        assertTrue(responses.atEnd(), "one response only");
        boolean http11 = request.expected().version().equals("HTTP/1.1");
        // HTTP/1.1 persists, so the connection only ends at the peer's EOF; HTTP/1.0 without keep-alive closes.
        assertEquals(http11 ? List.of(true, false) : List.of(false), connection.results);
        assertEquals(!http11, response.closes());
    }

    @ParameterizedTest(name = "Host: {0}")
    @ValueSource(strings = {"192.0.2.1:65535", "a:", "a.example:0", "[v1.x]", "[::ffff:192.0.2.1]:80", "a%41b.example",
            "xn--caf-dma.example", "!$&'()*+,;=", "localhost"})
    void everyAuthorityFormIsAHost(String host) throws IOException {
        RecordingApp app = new RecordingApp();
        TestConnection.of("GET / HTTP/1.1\r\nHost: " + host + "\r\n\r\n").serveAll(app);
        assertEquals(List.of("Host: " + host), app.seen.getFirst().fields());
    }

    @Test
    void trailersReachTheAppOnceTheBodyIsRead() throws IOException {
        List<String> seen = new ArrayList<>();
        TestConnection.of("POST / HTTP/1.1\r\nHost: a\r\nTransfer-Encoding: chunked\r\nTrailer: X-Sum\r\n\r\n"
                + "3\r\nabc\r\n0\r\nX-Sum: 900150983cd24fb0\r\nx-note: one\r\nX-Sum: again\r\n\r\n"
                + "POST / HTTP/1.1\r\nHost: a\r\nContent-Length: 1\r\n\r\nz").serveAll((request, response) -> {
                    seen.add("before: " + request.trailers().size());
                    request.body().readAllBytes();
                    seen.add(request.trailers().all("x-sum") + " " + request.trailers().first("X-Note"));
                });
        assertEquals(List.of("before: 0", "[900150983cd24fb0, again] one", "before: 0", "[] null"), seen);
    }

    @Test
    void theRequestCarriesAddressesAndScheme() throws IOException {
        List<String> details = new ArrayList<>();
        TestConnection.of("GET / HTTP/1.1\r\nHost: a\r\n\r\n").serveAll((request, response) -> {
            details.add(request.remoteAddress() + " " + request.localAddress() + " " + request.scheme() + " "
                    + request.contextPath() + " " + request.pathInfo());
        });
        assertEquals(List.of(TestConnection.REMOTE + " " + TestConnection.LOCAL + " http  /"), details);
    }

    @Test
    void aRequestWithoutBodyHasAnEmptyBody() throws IOException {
        List<Integer> reads = new ArrayList<>();
        TestConnection.of("GET / HTTP/1.1\r\nHost: a\r\n\r\nGET /next HTTP/1.1\r\nHost: a\r\n\r\n")
                .serveAll((request, response) -> {
                    reads.add(request.body().read());
                    reads.add(request.body().read(new byte[10], 0, 10));
                    reads.add(request.body().available());
                });
        assertEquals(List.of(-1, -1, 0, -1, -1, 0), reads);
    }

    @Test
    void theBodyCanBeReadByteByByteAndEndsWithMinusOne() throws IOException {
        List<Integer> bytes = new ArrayList<>();
        TestConnection.of("POST / HTTP/1.1\r\nHost: a\r\nContent-Length: 3\r\n\r\nabcGET / HTTP/1.1\r\nHost: a\r\n\r\n")
                .serveAll((request, response) -> {
                    for (int i = 0; i < 5; i++) {
                        bytes.add(request.body().read());
                    }
                });
        assertEquals(List.of((int) 'a', (int) 'b', (int) 'c', -1, -1, -1, -1, -1, -1, -1), bytes);
    }

    @Test
    void headerNamesCompareCaseInsensitivelyButKeepTheirCase() throws IOException {
        List<Object> seen = new ArrayList<>();
        TestConnection.of("GET / HTTP/1.1\r\nhost: a\r\nX-Multi: one\r\nx-MULTI: two\r\n\r\n")
                .serveAll((request, response) -> {
                    seen.add(request.headers().all("x-multi"));
                    seen.add(request.headers().first("HOST"));
                    seen.add(List.copyOf(request.headers().names()));
                });
        assertEquals(List.of(List.of("one", "two"), "a", List.of("host", "X-Multi")), seen);
    }

    @Test
    void noQueryIsNullNotEmpty() throws IOException {
        List<String> queries = new ArrayList<>();
        TestConnection.of("GET /a HTTP/1.1\r\nHost: a\r\n\r\nGET /a? HTTP/1.1\r\nHost: a\r\n\r\n")
                .serveAll((request, response) -> queries.add(request.query()));
        assertEquals(2, queries.size());
        assertNull(queries.get(0));
        assertEquals("", queries.get(1));
    }
}
