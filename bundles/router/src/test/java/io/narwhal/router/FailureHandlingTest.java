package io.narwhal.router;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.spi.ILoggingEvent;
import io.narwhal.api.app.HttpApp;
import io.narwhal.api.http.HttpException;
import io.narwhal.api.http.RequestBodyException;
import io.narwhal.testkit.RecordingResponse;
import io.narwhal.testkit.TestRequest;
import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class FailureHandlingTest {
    private final AppRouter router = new AppRouter();
    private final LogCapture log = new LogCapture();

    @AfterEach
    void stopCapturing() {
        log.close();
    }

    private RecordingResponse serveWith(HttpApp app) throws Exception {
        router.registry().put(Apps.service("broken", "/app", null, 0, app));
        return TestRequest.get("/app/page").header("Host", "x").sendTo(router);
    }

    @Test
    void exceptionFromAppIsA500AndLoggedWithAppNameAndStackTrace() throws Exception {
        IllegalStateException bug = new IllegalStateException("boom");

        RecordingResponse response = serveWith((request, r) -> {
            r.headers().set("Content-Length", "999");
            throw bug;
        });

        assertEquals(500, response.status());
        assertEquals("500 Internal Server Error\n", response.bodyText());
        assertEquals("text/plain; charset=utf-8", response.headers().first("Content-Type"));
        assertFalse(response.headers().contains("Content-Length"), "headers the app set for its own body are dropped");
        List<ILoggingEvent> errors = log.events(Level.ERROR);
        assertEquals(1, errors.size());
        assertTrue(errors.get(0).getFormattedMessage().contains("'broken'"), errors.get(0).getFormattedMessage());
        assertNotNull(errors.get(0).getThrowableProxy(), "the stack trace is logged");
        assertEquals("boom", errors.get(0).getThrowableProxy().getMessage());
    }

    @Test
    void checkedExceptionIsA500() throws Exception {
        assertEquals(500, serveWith((request, r) -> {
            throw new IOException("disk");
        }).status());
    }

    @Test
    void linkageErrorIsA500() throws Exception {
        // What an app whose bundle was just refreshed under it throws.
        assertEquals(500, serveWith((request, r) -> {
            throw new NoClassDefFoundError("com/example/Gone");
        }).status());
    }

    @Test
    void exceptionAfterCommitIsRethrownSoTheCodecClosesTheConnection() throws Exception {
        IllegalStateException bug = new IllegalStateException("half way");
        router.registry().put(Apps.service("broken", "/app", null, 0, (request, response) -> {
            OutputStream body = response.body();
            body.write("partial".getBytes());
            body.flush();
            throw bug;
        }));

        RecordingResponse response = new RecordingResponse();
        Exception thrown = assertThrows(Exception.class,
                () -> router.handle(TestRequest.get("/app").header("Host", "x"), response));

        assertSame(bug, thrown);
        assertEquals(200, response.status(), "no 500 is attempted on a committed response");
        assertEquals(List.of(), log.events(Level.ERROR), "the codec logs it, once");
    }

    @Test
    void aRequestBodyFailureIsTheClientsAndGoesToTheCodecUnlogged() throws Exception {
        RequestBodyException truncated = new RequestBodyException(400, "the request body is incomplete", null);
        router.registry().put(Apps.service("reader", "/app", null, 0, (request, response) -> {
            // An app that wraps what it caught: the cause still says whose fault it is.
            throw new UncheckedIOException(truncated);
        }));

        RecordingResponse response = new RecordingResponse();
        Exception thrown = assertThrows(UncheckedIOException.class,
                () -> router.handle(TestRequest.get("/app").header("Host", "x"), response));

        assertSame(truncated, thrown.getCause());
        assertFalse(response.isCommitted(), "no 500: the codec answers the body's own error");
        assertEquals(List.of(), log.events(Level.ERROR));
    }

    @Test
    void httpExceptionFromAppAnswersItsStatusWithoutLoggingAnError() throws Exception {
        RecordingResponse response = serveWith((request, r) -> {
            throw new HttpException(403, "not you");
        });

        assertEquals(403, response.status());
        assertEquals("403 Forbidden\n", response.bodyText());
        assertEquals("text/plain; charset=utf-8", response.headers().first("Content-Type"));
        assertTrue(log.events(Level.ERROR).isEmpty());
    }

    @Test
    void httpExceptionWithNonErrorStatusIsTreatedAsAFailure() throws Exception {
        RecordingResponse response = serveWith((request, r) -> {
            throw new HttpException(200, "odd");
        });

        assertEquals(500, response.status());
        assertEquals(1, log.events(Level.ERROR).size());
    }

    @Test
    void outOfMemoryIsNotSwallowed() {
        router.registry().put(Apps.service("hungry", "/", null, 0, (request, response) -> {
            throw new OutOfMemoryError("test");
        }));

        assertThrows(OutOfMemoryError.class, () -> TestRequest.get("/").header("Host", "x").sendTo(router));
    }
}
