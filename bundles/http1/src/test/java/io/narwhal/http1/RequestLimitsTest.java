package io.narwhal.http1;

import static io.narwhal.http1.InvalidRequestTest.HOST;
import static org.junit.jupiter.api.Assertions.assertEquals;

import io.narwhal.api.codec.ConnectionOptions;
import io.narwhal.api.codec.RequestLimits;
import java.io.IOException;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Gunicorn's limits at their exact boundaries: the largest allowed passes, one more is refused. */
class RequestLimitsTest {
    /** Gunicorn's limit_request_line counts the line without its CRLF: N-1 and N pass, N+1 is refused. */
    @Test
    void aRequestLineOf4094BytesPassesAnd4095IsRefusedWith414() throws IOException {
        assertEquals(4094, InvalidRequestTest.requestLineOfLength(4094).length());
        assertEquals(200, statusOf(InvalidRequestTest.requestLineOfLength(4093) + "\r\n" + HOST + "\r\n"));
        assertEquals(200, statusOf(InvalidRequestTest.requestLineOfLength(4094) + "\r\n" + HOST + "\r\n"));
        assertEquals(414, statusOf(InvalidRequestTest.requestLineOfLength(4095) + "\r\n" + HOST + "\r\n"));
    }

    @Test
    void oneHundredFieldsPassAnd101AreRefusedWith431() throws IOException {
        assertEquals(200, statusOf(InvalidRequestTest.headWithFields(100)));
        assertEquals(431, statusOf(InvalidRequestTest.headWithFields(101)));
    }

    /** Gunicorn's limit_request_field_size counts the field line with its CRLF: 8190 means 8188 bytes before it. */
    @Test
    void aFieldLineOf8190BytesWithItsCrlfPassesAndOneMoreIsRefusedWith431() throws IOException {
        assertEquals(8188, InvalidRequestTest.fieldLineOfLength(8188).length());
        assertEquals(200, statusOf("GET / HTTP/1.1\r\n" + HOST + InvalidRequestTest.fieldLineOfLength(8187) + "\r\n\r\n"));
        assertEquals(200, statusOf("GET / HTTP/1.1\r\n" + HOST + InvalidRequestTest.fieldLineOfLength(8188) + "\r\n\r\n"));
        assertEquals(431, statusOf("GET / HTTP/1.1\r\n" + HOST + InvalidRequestTest.fieldLineOfLength(8189) + "\r\n\r\n"));
    }

    @Test
    void trailersFollowTheSameLimits() throws IOException {
        String head = "POST / HTTP/1.1\r\n" + HOST + "Transfer-Encoding: chunked\r\n\r\n0\r\n";
        assertEquals(200, statusOf(head + "X: a\r\n".repeat(100) + "\r\n"));
        assertEquals(200, statusOf(head + InvalidRequestTest.fieldLineOfLength(8188) + "\r\n\r\n"));
        assertEquals(431, statusOf(head + InvalidRequestTest.fieldLineOfLength(8189) + "\r\n\r\n"));
    }

    @Test
    void configuredLimitsApply() throws IOException {
        ConnectionOptions small = new ConnectionOptions(true, new RequestLimits(20, 2, 10));
        assertEquals(200, statusOf("GET /123456 HTTP/1.1\r\nHost: a\r\nX: 12345\r\n\r\n", small));
        assertEquals(414, statusOf("GET /1234567 HTTP/1.1\r\nHost: a\r\n\r\n", small));
        assertEquals(431, statusOf("GET / HTTP/1.1\r\nHost: a\r\nX: 1\r\nY: 2\r\n\r\n", small));
        assertEquals(431, statusOf("GET / HTTP/1.1\r\nHost: a\r\nX: 123456\r\n\r\n", small));
    }

    @Test
    void largeConfiguredLimitsGrowTheBuffer() throws IOException {
        ConnectionOptions large = new ConnectionOptions(true, new RequestLimits(100_000, 100, 100_000));
        String target = "/" + "a".repeat(90_000);
        RecordingApp app = new RecordingApp();
        TestConnection connection = new TestConnection(ScriptedInputStream.whole(TestConnection.bytes(
                "GET " + target + " HTTP/1.1\r\nHost: a\r\nX: " + "b".repeat(90_000) + "\r\n\r\n")), large)
                .serveAll(app);
        assertEquals(200, connection.responses().next().status());
        assertEquals(target, app.seen.getFirst().path());
        assertEquals(List.of(true, false), connection.results);
    }

    private static int statusOf(String request) throws IOException {
        return statusOf(request, TestConnection.KEEP_ALIVE);
    }

    private static int statusOf(String request, ConnectionOptions options) throws IOException {
        TestConnection connection = new TestConnection(
                ScriptedInputStream.whole(TestConnection.bytes(request)), options).serveAll(new RecordingApp());
        return connection.responses().next().status();
    }
}
