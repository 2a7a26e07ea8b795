package io.narwhal.http1;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.spi.ILoggingEvent;
import io.narwhal.api.app.HttpApp;
import io.narwhal.api.http.HttpException;
import io.narwhal.api.http.RequestBodyException;
import java.io.IOException;
import java.io.OutputStream;
import java.util.List;
import org.junit.jupiter.api.Test;

/** An exception from the app is a 500 (or its HttpException's status) for that request alone. */
class HandlerFailureTest {
    private static final String GET = "GET /fail HTTP/1.1\r\nHost: a\r\n\r\n";
    private static final String NEXT = "GET /next HTTP/1.1\r\nHost: a\r\n\r\n";

    /** Fails for /fail, answers "fine" otherwise. */
    private static HttpApp failingWith(Exception failure) {
        return (request, response) -> {
            if (request.path().equals("/fail")) {
                response.headers().set("X-Half-Done", "1");
                throw failure;
            }
            response.send("fine");
        };
    }

    @Test
    void anExceptionIsA500LoggedWithItsStackTraceAndTheNextRequestIsServed() throws IOException {
        try (LogCapture log = new LogCapture()) {
            TestConnection connection = TestConnection.of(GET + NEXT)
                    .serveAll(failingWith(new IllegalStateException("boom")));

            ResponseReader responses = connection.responses();
            RawResponse failed = responses.next();
            assertEquals(500, failed.status());
            assertEquals("500 Internal Server Error\n", failed.bodyText(), "no internals leak to the client");
            assertNull(failed.header("X-Half-Done"), "the app's headers are dropped");
            assertFalse(failed.closes());
            assertEquals("fine", responses.next().bodyText());
            assertEquals(List.of(true, true, false), connection.results);

            List<ILoggingEvent> errors = log.events(Level.ERROR);
            assertEquals(1, errors.size());
            assertTrue(errors.getFirst().getFormattedMessage().contains("GET /fail HTTP/1.1"));
            assertNotNull(errors.getFirst().getThrowableProxy(), "logged with the stack trace");
            assertEquals("boom", errors.getFirst().getThrowableProxy().getMessage());
        }
    }

    @Test
    void anHttpExceptionAnswersWithItsStatusAndMessage() throws IOException {
        TestConnection connection = TestConnection.of(GET + NEXT)
                .serveAll(failingWith(new HttpException(404, "no such thing")));
        ResponseReader responses = connection.responses();
        RawResponse failed = responses.next();
        assertEquals(404, failed.status());
        assertEquals("404 Not Found: no such thing\n", failed.bodyText());
        assertEquals("text/plain; charset=utf-8", failed.header("Content-Type"));
        assertEquals("fine", responses.next().bodyText());
    }

    @Test
    void anErrorAnswerToHeadHasNoBody() throws IOException {
        TestConnection connection = TestConnection.of("HEAD /fail HTTP/1.1\r\nHost: a\r\n\r\n" + NEXT)
                .serveAll(failingWith(new RuntimeException("boom")));
        ResponseReader responses = connection.responses();
        RawResponse failed = responses.next(true);
        assertEquals(500, failed.status());
        assertEquals("fine", responses.next().bodyText());
    }

    @Test
    void aStackOverflowIsA500Too() throws IOException {
        TestConnection connection = TestConnection.of(GET + NEXT).serveAll((request, response) -> {
            if (request.path().equals("/fail")) {
                throw new StackOverflowError();
            }
            response.send("fine");
        });
        ResponseReader responses = connection.responses();
        assertEquals(500, responses.next().status());
        assertEquals("fine", responses.next().bodyText());
    }

    @Test
    void aFailureAfterTheResponseWasCommittedClosesTheConnection() throws IOException {
        try (LogCapture log = new LogCapture()) {
            TestConnection connection = TestConnection.of(GET + NEXT).serveAll((request, response) -> {
                OutputStream body = response.body();
                body.write("partial".getBytes(UTF_8));
                body.flush();
                throw new IllegalStateException("late");
            });
            String text = connection.outputText();
            assertTrue(text.endsWith("\r\n7\r\npartial\r\n"), "no last chunk: the client sees it broke: " + text);
            assertEquals(List.of(false), connection.results);
            assertEquals(1, log.events(Level.ERROR).size());
            assertNotNull(log.events(Level.ERROR).getFirst().getThrowableProxy());
        }
    }

    @Test
    void aFailingBodyReadIsAnsweredWithTheBodysErrorEvenIfTheAppWrapsIt() throws IOException {
        TestConnection connection = TestConnection.of(
                "POST / HTTP/1.1\r\nHost: a\r\nTransfer-Encoding: chunked\r\n\r\nxyz\r\n" + NEXT)
                .serveAll((request, response) -> {
                    try {
                        request.body().readAllBytes();
                    } catch (RuntimeException e) {
                        throw new IllegalStateException("wrapped", e);
                    }
                });
        ResponseReader responses = connection.responses();
        RawResponse response = responses.next();
        assertEquals(400, response.status());
        assertTrue(response.closes());
        assertTrue(responses.atEnd());
        assertEquals(List.of(false), connection.results);
    }

    @Test
    void anAppThatSwallowsABodyErrorStillLosesTheConnection() throws IOException {
        TestConnection connection = TestConnection.of(
                "POST / HTTP/1.1\r\nHost: a\r\nContent-Length: 5, 5\r\nTransfer-Encoding: chunked\r\n\r\n" + NEXT)
                .serveAll(new RecordingApp());
        assertEquals(400, connection.responses().next().status());

        TestConnection swallowing = TestConnection.of(
                "POST / HTTP/1.1\r\nHost: a\r\nTransfer-Encoding: chunked\r\n\r\n5\r\nhelloXX" + NEXT)
                .serveAll((request, response) -> {
                    try {
                        request.body().readAllBytes();
                    } catch (RequestBodyException e) {
                        assertEquals(400, e.status());
                        assertEquals("the request body is malformed: chunk data not followed by CRLF", e.getMessage());
                        // reading again reports the failure again, not a silent end
                        assertThrows(RequestBodyException.class, () -> request.body().read());
                    }
                    response.send("ignored the error");
                });
        ResponseReader responses = swallowing.responses();
        assertEquals("ignored the error", responses.next().bodyText());
        assertTrue(responses.atEnd());
        assertEquals(List.of(false), swallowing.results);
    }

    @Test
    void aTransportFailureIsThrownNotAnswered() {
        OutputStream broken = new OutputStream() {
            @Override
            public void write(int b) throws IOException {
                throw new IOException("connection reset");
            }

            @Override
            public void write(byte[] b, int off, int len) throws IOException {
                throw new IOException("connection reset");
            }
        };
        var transport = new io.narwhal.api.codec.Transport(ScriptedInputStream.whole(TestConnection.bytes(GET)), broken,
                TestConnection.REMOTE, TestConnection.LOCAL, "http", () -> { });
        var connection = new Http1Codec().open(transport, TestConnection.KEEP_ALIVE);
        IOException thrown = assertThrows(IOException.class,
                () -> connection.serveNext((request, response) -> response.send("x")));
        assertEquals("connection reset", thrown.getMessage());
    }

    @Test
    void anAppRethrowingATransportFailureIsNotLoggedAsA500() {
        OutputStream broken = new OutputStream() {
            @Override
            public void write(int b) throws IOException {
                throw new IOException("broken pipe");
            }
        };
        var transport = new io.narwhal.api.codec.Transport(ScriptedInputStream.whole(TestConnection.bytes(GET)), broken,
                TestConnection.REMOTE, TestConnection.LOCAL, "http", () -> { });
        var connection = new Http1Codec().open(transport, TestConnection.KEEP_ALIVE);
        try (LogCapture log = new LogCapture()) {
            IOException thrown = assertThrows(IOException.class, () -> connection.serveNext((request, response) -> {
                OutputStream body = response.body();
                body.write(new byte[100]);
                body.flush();
            }));
            assertInstanceOf(IOException.class, thrown);
            assertEquals(List.of(), log.events(Level.ERROR));
        }
    }

    /** Echoes the body as echo does: the response stream closed by try-with-resources, on failure too. */
    private static final HttpApp ECHO = (request, response) -> {
        byte[] buffer = new byte[4096];
        try (OutputStream out = response.body()) {
            for (int n = request.body().read(buffer); n >= 0; n = request.body().read(buffer)) {
                out.write(buffer, 0, n);
            }
        }
    };

    @Test
    void aBrokenBodyEchoedPastCommitIsBrokenOffNeverEnded() throws IOException {
        String data = "a".repeat(20_000);
        TestConnection connection = TestConnection.of("POST / HTTP/1.1\r\nHost: a\r\nTransfer-Encoding: chunked\r\n\r\n"
                + Integer.toHexString(data.length()) + "\r\n" + data + "\r\nzz\r\n" + NEXT).serveAll(ECHO);
        String out = connection.outputText();
        assertTrue(out.startsWith("HTTP/1.1 200 OK\r\n"), out.substring(0, 40));
        assertTrue(out.contains("Transfer-Encoding: chunked"));
        assertFalse(out.endsWith("0\r\n\r\n"), "no last chunk: the client sees the body broken off");
        assertEquals(List.of(false), connection.results);
    }

    @Test
    void aBrokenBodyEchoedBeforeCommitIsA400WithItsReason() throws IOException {
        try (LogCapture log = new LogCapture()) {
            TestConnection connection = TestConnection.of("POST / HTTP/1.1\r\nHost: a\r\nTransfer-Encoding: chunked"
                    + "\r\n\r\n5\r\nhello\r\nzz\r\n" + NEXT).serveAll(ECHO);
            ResponseReader responses = connection.responses();
            RawResponse answer = responses.next();
            assertEquals(400, answer.status());
            assertEquals("400 Bad Request: invalid chunk size (hex digits only)\n", answer.bodyText());
            assertTrue(responses.atEnd());
            assertTrue(log.events(Level.ERROR).isEmpty(), "not the app's failure");
        }
    }
}
