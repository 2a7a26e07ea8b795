package io.narwhal.itests.e2e;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.narwhal.itests.RawHttp;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.junit.jupiter.api.io.TempDir;

/**
 * A request body that is malformed or cut short is never echoed back as a whole response, nor logged as the
 * app's failure: before the response is committed the client gets the body's own 400; after, the response is
 * broken off. Echo closes its response stream with try-with-resources; the swap app's /swap/echo does not.
 */
@OnEveryWorkerClass
class RequestBodyE2ETest {
    private static final String DATA = "a".repeat(40_000);
    @TempDir
    Path folder;

    @ParameterizedTest
    @ValueSource(strings = {"/echo", "/swap/echo"})
    void aMalformedOrTruncatedBodyNeverComesBackWhole(String path) throws Exception {
        try (DeployedServer server = DeployedServer.start(folder, SwapAppJar.version("1.0.1"), 1)) {
            Files.copy(NarwhalProcess.DIST.resolve("deploy/narwhal-app-echo.jar"), server.deploy.resolve("echo.jar"));
            server.awaitOutput("mounted app 'echo' at /echo", 1, Duration.ofSeconds(15));
            String head = "POST " + path + " HTTP/1.1\r\nHost: localhost\r\n";

            // Broken before the app committed anything: the body's own 400, with its reason.
            RawHttp.Response early = exchange(server, head + "Transfer-Encoding: chunked\r\n\r\n5\r\nhello\r\nzz\r\n");
            assertEquals(400, early.status());
            assertEquals("400 Bad Request: invalid chunk size (hex digits only)\n", early.text());

            // Broken once the echo is under way: the chunked response never gets its last chunk.
            try (RawHttp http = new RawHttp(server.narwhal.port)) {
                http.send(head + "Transfer-Encoding: chunked\r\n\r\n" + Integer.toHexString(DATA.length()) + "\r\n"
                        + DATA + "\r\nzz\r\n");
                IOException broken = assertThrows(IOException.class, () -> http.read(false));
                System.out.println(path + " broken off: " + broken);
            }

            // Cut short by the client: no answer, and the connection ends.
            try (RawHttp http = new RawHttp(server.narwhal.port)) {
                http.send(head + "Content-Length: 100\r\n\r\n" + "b".repeat(50));
                http.shutdownOutput();
                assertThrows(IOException.class, () -> http.read(false));
            }

            // A whole body still comes back whole, and nothing above was the app's failure.
            RawHttp.Response whole = exchange(server, head + "Content-Length: 5\r\n\r\nhello");
            assertEquals(200, whole.status());
            assertEquals("hello", whole.text());
            assertEquals(0, server.count("app '(echo|swap)' failed"), server.narwhal.output());
            assertEquals(0, server.count("Request .* failed"), server.narwhal.output());
            assertTrue(server.narwhal.liveWorkers().size() == 1);
        }
    }

    private static RawHttp.Response exchange(DeployedServer server, String request) throws IOException {
        try (RawHttp http = new RawHttp(server.narwhal.port)) {
            return http.send(request).read(false);
        }
    }
}
