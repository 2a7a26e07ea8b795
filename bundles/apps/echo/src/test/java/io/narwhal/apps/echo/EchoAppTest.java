package io.narwhal.apps.echo;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.narwhal.testkit.RecordingResponse;
import io.narwhal.testkit.TestRequest;
import java.util.List;
import java.util.zip.CRC32;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class EchoAppTest {
    private final EchoApp app = new EchoApp();

    private static long checksumOf(byte[] bytes) {
        CRC32 checksum = new CRC32();
        checksum.update(bytes);
        return checksum.getValue();
    }

    @ParameterizedTest
    @ValueSource(strings = {"GET", "HEAD", "POST", "PUT", "DELETE", "PATCH", "OPTIONS", "PROPFIND"})
    void anyMethodIsEchoedWith200(String method) throws Exception {
        RecordingResponse response = TestRequest.of(method, "/echo").sendTo(app);

        assertEquals(200, response.status());
        assertEquals(method, response.headers().first("X-Echo-Method"));
    }

    @Test
    void targetIsEchoedExactlyAsSent() throws Exception {
        RecordingResponse response = TestRequest.get("/echo/a%20b?x=1&y=%2F").sendTo(app);

        assertEquals("/echo/a%20b?x=1&y=%2F", response.headers().first("X-Echo-Target"));
    }

    @Test
    void everyRequestFieldIsEchoedInOrderWithItsCase() throws Exception {
        TestRequest request = TestRequest.get("/echo")
                .header("Host", "localhost:8000")
                .header("X-Custom", "a")
                .header("x-custom", "b")
                .header("Accept", "*/*");

        RecordingResponse response = request.sendTo(app);

        assertEquals(List.of("Host: localhost:8000", "X-Custom: a", "x-custom: b", "Accept: */*"),
                response.headers().all("X-Echo-Header"));
    }

    @Test
    void whereTheRequestCameFromIsEchoed() throws Exception {
        RecordingResponse response = TestRequest.get("/echo").header("Host", "example.com:8443").sendTo(app);

        assertEquals("127.0.0.1:40000", response.headers().first("X-Echo-Remote"));
        assertEquals("127.0.0.1:8000", response.headers().first("X-Echo-Local"));
        assertEquals("http", response.headers().first("X-Echo-Scheme"));
        assertEquals("example.com:8443", response.headers().first("X-Echo-Host"));
    }

    @Test
    void noHostIsNoEchoedHost() throws Exception {
        assertNull(TestRequest.get("/echo").sendTo(app).headers().first("X-Echo-Host"));
    }

    @Test
    void contentTypeIsCopiedFromTheRequest() throws Exception {
        RecordingResponse response = TestRequest.post("/echo").header("content-type", "application/json").sendTo(app);

        assertEquals(List.of("application/json"), response.headers().all("Content-Type"));
    }

    @Test
    void contentTypeDefaultsToOctetStream() throws Exception {
        assertEquals("application/octet-stream", TestRequest.get("/echo").sendTo(app).headers().first("Content-Type"));
    }

    @Test
    void bodyIsEchoedByteForByteWithItsContentLengthSetBeforeStreaming() throws Exception {
        byte[] body = new byte[256];
        for (int i = 0; i < body.length; i++) {
            body[i] = (byte) i;
        }
        TestRequest request = TestRequest.post("/echo")
                .header("Content-Length", "256")
                .body(body);

        RecordingResponse response = request.sendTo(app);

        assertArrayEquals(body, response.bodyBytes());
        assertEquals("256", response.committedHeaders().first("Content-Length"), "set before the first body byte");
        assertTrue(response.isComplete(), "closing the body stream completes the response");
    }

    @Test
    void megabyteChunkedUploadIsStreamedBackThroughA16KiBBuffer() throws Exception {
        long length = 1_000_000;
        GeneratedBody upload = new GeneratedBody(length);
        TestRequest request = TestRequest.post("/echo/upload")
                .header("Transfer-Encoding", "chunked")
                .body(upload);

        RecordingResponse response = request.sendTo(app);

        byte[] echoed = response.bodyBytes();
        assertEquals(length, echoed.length);
        assertEquals(GeneratedBody.checksumOf(length), checksumOf(echoed));
        assertTrue(response.largestWrite() <= 16 * 1024, "largest write " + response.largestWrite());
        assertEquals(16 * 1024, upload.largestRead(), "reads go through one 16 KiB buffer");
        assertTrue(response.isStreamed(), "streamed through body(), not collected for send()");
        assertNull(response.headers().first("Content-Length"), "no length known up front: the codec chunks it");
        assertTrue(response.isComplete());
    }

    @Test
    void emptyBodyCompletesTheResponse() throws Exception {
        RecordingResponse response = TestRequest.get("/echo").sendTo(app);

        assertEquals(0, response.bodyBytes().length);
        assertTrue(response.isComplete());
    }
}
