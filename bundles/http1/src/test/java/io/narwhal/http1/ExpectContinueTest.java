package io.narwhal.http1;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Expect: 100-continue (RFC 9110 10.1.1): 100 only when the app reads the body. */
class ExpectContinueTest {
    private static final String EXPECTING = "POST /up HTTP/1.1\r\nHost: a\r\nExpect: 100-continue\r\n"
            + "Content-Length: 5\r\n\r\nhello";
    private static final String NEXT = "GET /next HTTP/1.1\r\nHost: a\r\n\r\n";

    @Test
    void readingTheBodySends100ContinueFirst() throws IOException {
        TestConnection connection = TestConnection.of(EXPECTING + NEXT).serveAll((request, response) ->
                response.send("got " + new String(request.body().readAllBytes())));

        assertTrue(connection.outputText().startsWith("HTTP/1.1 100 Continue\r\n\r\nHTTP/1.1 200 OK\r\n"),
                connection.outputText());
        ResponseReader responses = connection.responses();
        assertEquals(100, responses.next().status());
        RawResponse response = responses.next();
        assertEquals("got hello", response.bodyText());
        assertFalse(response.closes());
        assertEquals(200, responses.next().status(), "the connection went on");
        assertEquals(List.of(true, true, false), connection.results);
    }

    @Test
    void the100IsSentBeforeTheBodyIsWaitedFor() throws IOException {
        // The client sends the head only, as a client waiting for 100 does; the body comes in a later read.
        ScriptedInputStream in = ScriptedInputStream.pieces(false,
                TestConnection.bytes("POST /up HTTP/1.1\r\nHost: a\r\nExpect: 100-continue\r\nContent-Length: 5\r\n\r\n"),
                TestConnection.bytes("hello"));
        TestConnection connection = new TestConnection(in, TestConnection.KEEP_ALIVE);
        String[] outputWhenBodyArrived = new String[1];
        connection.serveOne((request, response) -> {
            int first = request.body().read();
            outputWhenBodyArrived[0] = connection.outputText();
            response.send(String.valueOf((char) first));
        });
        assertEquals("HTTP/1.1 100 Continue\r\n\r\n", outputWhenBodyArrived[0]);
    }

    @Test
    void answeringWithoutReadingSendsNo100AndCloses() throws IOException {
        TestConnection connection = TestConnection.of(EXPECTING + NEXT).serveAll((request, response) -> {
            response.status(413);
            response.send("too large");
        });

        assertFalse(connection.outputText().contains("100 Continue"), connection.outputText());
        ResponseReader responses = connection.responses();
        RawResponse response = responses.next();
        assertEquals(413, response.status());
        assertTrue(response.closes(), "the client may or may not send the body: the connection can not go on");
        assertTrue(responses.atEnd());
        assertEquals(List.of(false), connection.results);
    }

    @Test
    void noContinueWithoutABodyOrForHttp10() throws IOException {
        TestConnection noBody = TestConnection.of(
                "GET / HTTP/1.1\r\nHost: a\r\nExpect: 100-continue\r\n\r\n").serveAll(new RecordingApp());
        assertEquals(200, noBody.responses().next().status());
        assertEquals(List.of(true, false), noBody.results);

        TestConnection http10 = TestConnection.of(
                "POST / HTTP/1.0\r\nExpect: 100-continue\r\nContent-Length: 2\r\n\r\nhi").serveAll(new RecordingApp());
        assertFalse(http10.outputText().contains("100 Continue"));
        assertEquals(200, http10.responses().next().status());
    }

    @Test
    void noContinueOnceTheResponseIsCommitted() throws IOException {
        TestConnection connection = TestConnection.of(EXPECTING + NEXT).serveAll((request, response) -> {
            var out = response.body();
            out.write("streaming ".getBytes());
            out.flush();
            out.write(request.body().readAllBytes());
            out.close();
        });
        assertFalse(connection.outputText().contains("100 Continue"), connection.outputText());
        ResponseReader responses = connection.responses();
        RawResponse response = responses.next();
        assertEquals("streaming hello", response.bodyText());
        assertTrue(response.closes());
        assertEquals(List.of(false), connection.results);
    }
}
