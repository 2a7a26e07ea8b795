package io.narwhal.apps.hello;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.narwhal.testkit.RecordingResponse;
import io.narwhal.testkit.TestRequest;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

class HelloAppTest {
    private final HelloApp app = new HelloApp();

    @ParameterizedTest
    @CsvSource({"GET, /", "GET, /any/path?q=1", "HEAD, /", "HEAD, /x"})
    void getAndHeadAnswerHelloWorldOnAnyPath(String method, String target) throws Exception {
        RecordingResponse response = TestRequest.of(method, target).sendTo(app);

        assertEquals(200, response.status());
        assertEquals("text/plain; charset=utf-8", response.headers().first("Content-Type"));
        assertArrayEquals("Hello, World!".getBytes(StandardCharsets.US_ASCII), response.bodyBytes());
        assertEquals(13, response.bodyBytes().length);
        assertTrue(response.isCommitted());
    }

    @ParameterizedTest
    @ValueSource(strings = {"POST", "PUT", "DELETE", "PATCH", "OPTIONS", "get"})
    void otherMethodsAre405WithAllow(String method) throws Exception {
        RecordingResponse response = TestRequest.of(method, "/").sendTo(app);

        assertEquals(405, response.status());
        assertEquals("GET, HEAD", response.headers().first("Allow"));
        assertEquals("405 Method Not Allowed\n", new String(response.bodyBytes(), StandardCharsets.UTF_8));
    }

    @Test
    void itsGreetingComesFromItsConfiguration() throws Exception {
        app.configure(Map.of("greeting", "Ahoy!"));
        assertEquals("Ahoy!", TestRequest.get("/").sendTo(app).bodyText());
        app.configure(Map.of());
        assertEquals("Hello, World!", TestRequest.get("/").sendTo(app).bodyText());
    }
}
