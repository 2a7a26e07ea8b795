package io.narwhal.apps.echo;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayInputStream;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class EchoAppTest {
    private final EchoApp app = new EchoApp();

    private FakeResponse serve(FakeRequest request) throws Exception {
        FakeResponse response = new FakeResponse();
        app.handle(request, response);
        return response;
    }

    @ParameterizedTest
    @ValueSource(strings = {"GET", "HEAD", "POST", "PUT", "DELETE", "PATCH", "OPTIONS", "PROPFIND"})
    void anyMethodIsEchoedWith200(String method) throws Exception {
        FakeResponse response = serve(new FakeRequest(method, "/echo"));

        assertEquals(200, response.status());
        assertEquals(method, response.headers().first("X-Echo-Method"));
    }

    @Test
    void targetIsEchoedExactlyAsSent() throws Exception {
        FakeResponse response = serve(new FakeRequest("GET", "/echo/a%20b?x=1&y=%2F"));

        assertEquals("/echo/a%20b?x=1&y=%2F", response.headers().first("X-Echo-Target"));
    }

    @Test
    void everyRequestFieldIsEchoedInOrderWithItsCase() throws Exception {
        FakeRequest request = new FakeRequest("GET", "/echo")
                .header("Host", "localhost:8000")
                .header("X-Custom", "a")
                .header("x-custom", "b")
                .header("Accept", "*/*");

        FakeResponse response = serve(request);

        assertEquals(List.of("Host: localhost:8000", "X-Custom: a", "x-custom: b", "Accept: */*"),
                response.headers().all("X-Echo-Header"));
    }

    @Test
    void contentTypeIsCopiedFromTheRequest() throws Exception {
        FakeResponse response = serve(new FakeRequest("POST", "/echo").header("content-type", "application/json"));

        assertEquals(List.of("application/json"), response.headers().all("Content-Type"));
    }

    @Test
    void contentTypeDefaultsToOctetStream() throws Exception {
        assertEquals("application/octet-stream", serve(new FakeRequest("GET", "/echo")).headers().first("Content-Type"));
    }

    @Test
    void bodyIsEchoedByteForByteWithItsContentLengthSetBeforeStreaming() throws Exception {
        byte[] body = new byte[256];
        for (int i = 0; i < body.length; i++) {
            body[i] = (byte) i;
        }
        FakeRequest request = new FakeRequest("POST", "/echo")
                .header("Content-Length", "256")
                .body(new ByteArrayInputStream(body));

        FakeResponse response = serve(request);

        assertArrayEquals(body, response.firstBytes());
        assertEquals("256", response.headersAtFirstWrite().first("Content-Length"));
        assertTrue(response.completed(), "closing the body stream completes the response");
    }

    @Test
    void megabyteChunkedUploadIsStreamedBackThroughA16KiBBuffer() throws Exception {
        long length = 1_000_000;
        GeneratedBody upload = new GeneratedBody(length);
        FakeRequest request = new FakeRequest("POST", "/echo/upload")
                .header("Transfer-Encoding", "chunked")
                .body(upload);

        FakeResponse response = serve(request);

        assertEquals(length, response.length());
        assertEquals(GeneratedBody.checksumOf(length), response.checksum());
        assertTrue(response.largestWrite() <= 16 * 1024, "largest write " + response.largestWrite());
        assertEquals(16 * 1024, upload.largestRead(), "reads go through one 16 KiB buffer");
        assertFalse(response.usedSend(), "streamed through body(), not collected for send()");
        assertNull(response.headers().first("Content-Length"), "no length known up front: the codec chunks it");
        assertTrue(response.completed());
    }

    @Test
    void emptyBodyCompletesTheResponse() throws Exception {
        FakeResponse response = serve(new FakeRequest("GET", "/echo"));

        assertEquals(0, response.length());
        assertTrue(response.completed());
    }
}
