package io.narwhal.http1;

import static io.narwhal.http1.TestConnection.bytes;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.narwhal.api.app.HttpApp;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Persistence (RFC 9112 9.3), pipelining, and what an unread request body does to the connection. */
class KeepAliveTest {
    /** Answers with the request's path, so responses can be matched to requests. */
    static final HttpApp ECHO_PATH = (request, response) -> response.send(request.path());

    @Test
    void http11PersistsAndTheConnectionIsReused() throws IOException {
        TestConnection connection = TestConnection.of(
                "GET /1 HTTP/1.1\r\nHost: a\r\n\r\n").serveAll(ECHO_PATH);
        RawResponse response = connection.responses().next();
        assertNull(response.header("Connection"), "HTTP/1.1 persists without saying so");
        assertEquals(List.of(true, false), connection.results, "true, then the peer's EOF");
    }

    @Test
    void pipelinedRequestsInOneBufferAreAnsweredInOrder() throws IOException {
        String pipeline = "GET /1 HTTP/1.1\r\nHost: a\r\n\r\n"
                + "POST /2 HTTP/1.1\r\nHost: a\r\nContent-Length: 5\r\n\r\nhello"
                + "POST /3 HTTP/1.1\r\nHost: a\r\nTransfer-Encoding: chunked\r\n\r\n3\r\nabc\r\n0\r\n\r\n"
                + "HEAD /4 HTTP/1.1\r\nHost: a\r\n\r\n"
                + "GET /5 HTTP/1.1\r\nHost: a\r\nConnection: close\r\n\r\n";
        List<Boolean> buffered = new ArrayList<>();
        TestConnection connection = TestConnection.of(pipeline);
        while (connection.serveOne((request, response) -> {
            String body = new String(request.body().readAllBytes());
            response.send(request.path() + ":" + body);
        })) {
            buffered.add(connection.connection.hasBufferedInput());
        }
        assertEquals(List.of(true, true, true, true, false), connection.results);
        assertEquals(List.of(true, true, true, true), buffered);

        ResponseReader responses = connection.responses();
        assertEquals("/1:", responses.next().bodyText());
        assertEquals("/2:hello", responses.next().bodyText());
        assertEquals("/3:abc", responses.next().bodyText());
        RawResponse head = responses.next(true);
        assertEquals("3", head.header("Content-Length"));
        RawResponse last = responses.next();
        assertEquals("/5:", last.bodyText());
        assertTrue(last.closes());
        assertTrue(responses.atEnd());
        assertFalse(connection.connection.hasBufferedInput());
    }

    @Test
    void eachResponseIsFlushedBeforeTheNextRequestIsRead() throws IOException {
        TestConnection connection = TestConnection.of(
                "GET /1 HTTP/1.1\r\nHost: a\r\n\r\nGET /2 HTTP/1.1\r\nHost: a\r\n\r\n");
        connection.serveOne(ECHO_PATH);
        assertEquals("/1", connection.responses().next().bodyText());
        assertEquals(1, connection.out.writes(), "one write for a small response");
    }

    @Test
    void connectionCloseFromTheClientIsHonoured() throws IOException {
        TestConnection connection = TestConnection.of(
                "GET /1 HTTP/1.1\r\nHost: a\r\nConnection: close\r\n\r\nGET /2 HTTP/1.1\r\nHost: a\r\n\r\n")
                .serveAll(ECHO_PATH);
        ResponseReader responses = connection.responses();
        assertTrue(responses.next().closes());
        assertTrue(responses.atEnd(), "the second request is not served");
        assertEquals(List.of(false), connection.results);
    }

    @Test
    void connectionTokensAreFoundInAList() throws IOException {
        TestConnection connection = TestConnection.of(
                "GET /1 HTTP/1.1\r\nHost: a\r\nConnection: Upgrade, CLOSE\r\n\r\n").serveAll(ECHO_PATH);
        assertTrue(connection.responses().next().closes());
        assertEquals(List.of(false), connection.results);
    }

    @Test
    void http10ClosesUnlessItAsksForKeepAlive() throws IOException {
        TestConnection plain = TestConnection.of("GET /1 HTTP/1.0\r\n\r\nGET /2 HTTP/1.0\r\n\r\n").serveAll(ECHO_PATH);
        assertTrue(plain.responses().next().closes());
        assertEquals(List.of(false), plain.results);

        TestConnection keepAlive = TestConnection.of(
                "GET /1 HTTP/1.0\r\nConnection: keep-alive\r\n\r\nGET /2 HTTP/1.0\r\n\r\n").serveAll(ECHO_PATH);
        ResponseReader responses = keepAlive.responses();
        RawResponse first = responses.next();
        assertEquals("keep-alive", first.header("Connection"));
        assertEquals("2", first.header("Content-Length"));
        assertEquals("/1", first.bodyText());
        RawResponse second = responses.next();
        assertTrue(second.closes());
        assertEquals(List.of(true, false), keepAlive.results);
    }

    @Test
    void withKeepAliveOffEveryResponseClosesTheConnection() throws IOException {
        TestConnection connection = new TestConnection(ScriptedInputStream.whole(bytes(
                "GET /1 HTTP/1.1\r\nHost: a\r\n\r\nGET /2 HTTP/1.1\r\nHost: a\r\n\r\n")), TestConnection.NO_KEEP_ALIVE)
                .serveAll(ECHO_PATH);
        ResponseReader responses = connection.responses();
        RawResponse response = responses.next();
        assertEquals("/1", response.bodyText());
        assertTrue(response.closes());
        assertTrue(responses.atEnd());
        assertEquals(List.of(false), connection.results);
        assertTrue(connection.closed);
    }

    @Test
    void withKeepAliveOffHttp10KeepAliveIsRefusedToo() throws IOException {
        TestConnection connection = new TestConnection(ScriptedInputStream.whole(bytes(
                "GET /1 HTTP/1.0\r\nConnection: keep-alive\r\n\r\n")), TestConnection.NO_KEEP_ALIVE).serveAll(ECHO_PATH);
        assertTrue(connection.responses().next().closes());
        assertEquals(List.of(false), connection.results);
    }

    @Test
    void theAppCanAskToClose() throws IOException {
        TestConnection connection = TestConnection.of(
                "GET /1 HTTP/1.1\r\nHost: a\r\n\r\nGET /2 HTTP/1.1\r\nHost: a\r\n\r\n").serveAll((request, response) -> {
                    response.headers().set("Connection", "close");
                    response.send("bye");
                });
        ResponseReader responses = connection.responses();
        RawResponse response = responses.next();
        assertEquals(List.of("close"), response.headers().all("Connection"));
        assertTrue(responses.atEnd());
        assertEquals(List.of(false), connection.results);
    }

    @Test
    void aSmallUnreadBodyIsDrainedAndTheNextRequestServed() throws IOException {
        String body = "x".repeat(1000);
        TestConnection connection = TestConnection.of(
                "POST /1 HTTP/1.1\r\nHost: a\r\nContent-Length: 1000\r\n\r\n" + body
                        + "POST /2 HTTP/1.1\r\nHost: a\r\nTransfer-Encoding: chunked\r\n\r\n3e8\r\n" + body + "\r\n0\r\n\r\n"
                        + "GET /3 HTTP/1.1\r\nHost: a\r\n\r\n")
                .serveAll(ECHO_PATH);
        ResponseReader responses = connection.responses();
        assertEquals("/1", responses.next().bodyText());
        assertEquals("/2", responses.next().bodyText());
        assertEquals("/3", responses.next().bodyText());
        assertEquals(List.of(true, true, true, false), connection.results);
    }

    @Test
    void aHalfReadBodyIsDrainedToo() throws IOException {
        TestConnection connection = TestConnection.of(
                "POST /1 HTTP/1.1\r\nHost: a\r\nContent-Length: 10\r\n\r\n0123456789GET /2 HTTP/1.1\r\nHost: a\r\n\r\n")
                .serveAll((request, response) -> {
                    byte[] start = new byte[4];
                    int n = request.body().read(start);
                    response.send(request.path() + ":" + (n < 0 ? "" : new String(start, 0, n)));
                });
        ResponseReader responses = connection.responses();
        assertEquals("/1:0123", responses.next().bodyText());
        assertEquals("/2:", responses.next().bodyText());
        assertEquals(List.of(true, true, false), connection.results);
    }

    @Test
    void largeBodiesReadByTheAppLeaveTheNextRequestIntact() throws IOException {
        String body = "0123456789abcdef".repeat(10_000);
        String chunk = body.substring(0, 40_000);
        String raw = "POST /1 HTTP/1.1\r\nHost: a\r\nContent-Length: " + body.length() + "\r\n\r\n" + body
                + "POST /2 HTTP/1.1\r\nHost: a\r\nTransfer-Encoding: chunked\r\n\r\n"
                + (Integer.toHexString(chunk.length()) + "\r\n" + chunk + "\r\n").repeat(4) + "0\r\n\r\n"
                + "GET /3 HTTP/1.1\r\nHost: a\r\n\r\n";
        for (ScriptedInputStream in : List.of(ScriptedInputStream.whole(bytes(raw)),
                ScriptedInputStream.splitAt(bytes(raw), raw.length() / 3),
                ScriptedInputStream.pieces(false, bytes(raw.substring(0, 5000)), bytes(raw.substring(5000, 70_000)),
                        bytes(raw.substring(70_000))))) {
            RecordingApp app = new RecordingApp();
            TestConnection connection = new TestConnection(in, TestConnection.KEEP_ALIVE).serveAll(app);
            assertEquals(3, app.seen.size());
            assertEquals(body, app.seen.get(0).body());
            assertEquals(chunk.repeat(4), app.seen.get(1).body());
            assertEquals("/3", app.seen.get(2).path());
            assertEquals(List.of(true, true, true, false), connection.results);
        }
    }

    @Test
    void aLargeUnreadBodyClosesTheConnection() throws IOException {
        int length = (int) Http1Connection.DRAIN_LIMIT + 1;
        TestConnection connection = TestConnection.of(
                "POST /1 HTTP/1.1\r\nHost: a\r\nContent-Length: " + length + "\r\n\r\n" + "x".repeat(length)
                        + "GET /2 HTTP/1.1\r\nHost: a\r\n\r\n")
                .serveAll(ECHO_PATH);
        ResponseReader responses = connection.responses();
        assertTrue(responses.next().closes(), "known in advance, so the response says it");
        assertTrue(responses.atEnd());
        assertEquals(List.of(false), connection.results);
    }

    @Test
    void aLargeUnreadChunkedBodyClosesTheConnection() throws IOException {
        String chunk = "x".repeat(16 * 1024);
        String chunks = (Integer.toHexString(chunk.length()) + "\r\n" + chunk + "\r\n").repeat(5) + "0\r\n\r\n";
        TestConnection connection = TestConnection.of(
                "POST /1 HTTP/1.1\r\nHost: a\r\nTransfer-Encoding: chunked\r\n\r\n" + chunks
                        + "GET /2 HTTP/1.1\r\nHost: a\r\n\r\n")
                .serveAll(ECHO_PATH);
        ResponseReader responses = connection.responses();
        assertEquals("/1", responses.next().bodyText());
        assertTrue(responses.atEnd());
        assertEquals(List.of(false), connection.results);
    }

    @Test
    void aBodyCutShortByTheConnectionEndingClosesQuietly() throws IOException {
        TestConnection connection = TestConnection.of(
                "POST /1 HTTP/1.1\r\nHost: a\r\nContent-Length: 10\r\n\r\n01234").serveAll(ECHO_PATH);
        assertEquals("/1", connection.responses().next().bodyText(), "the app answered without reading");
        assertEquals(List.of(false), connection.results);
    }
}
