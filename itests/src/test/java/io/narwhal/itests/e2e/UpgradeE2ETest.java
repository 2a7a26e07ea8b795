package io.narwhal.itests.e2e;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * The upgrade hand-over end to end: the echo app switches a connection that offers {@code narwhal-echo} to raw
 * echo after a 101, as a WebSocket or h2c app would switch to its protocol, on every worker type.
 */
class UpgradeE2ETest {
    @ParameterizedTest(name = "-k {0}")
    @ValueSource(strings = {"sync", "virtual", "gthread"})
    void aConnectionOfferingTheEchoProtocolIsSwitchedAfterA101(String workerClass) throws Exception {
        NarwhalProcess.requireDist();
        try (NarwhalProcess server = NarwhalProcess.start("-w", "1", "-k", workerClass).awaitWorkers(1);
                Socket socket = new Socket()) {
            socket.connect(new InetSocketAddress("127.0.0.1", server.port), 5_000);
            socket.setSoTimeout(10_000);
            OutputStream out = socket.getOutputStream();
            InputStream in = socket.getInputStream();
            out.write(("GET /echo HTTP/1.1\r\nHost: x\r\nConnection: Upgrade\r\nUpgrade: narwhal-echo\r\n\r\nfirst ")
                    .getBytes(StandardCharsets.US_ASCII));
            out.flush();
            String head = readHead(in);
            assertTrue(head.startsWith("HTTP/1.1 101 Switching Protocols\r\n"), head);
            assertTrue(head.contains("\r\nUpgrade: narwhal-echo\r\n") && head.contains("\r\nConnection: Upgrade\r\n"),
                    head);
            out.write("second".getBytes(StandardCharsets.US_ASCII));
            out.flush();
            assertEquals("first second", readExactly(in, "first second".length()));
            socket.shutdownOutput();
            assertEquals(-1, in.read(), "the app's handler returned at our end of stream: the connection closes");
        }
    }

    private static String readHead(InputStream in) throws IOException {
        ByteArrayOutputStream head = new ByteArrayOutputStream();
        while (!head.toString(StandardCharsets.ISO_8859_1).endsWith("\r\n\r\n")) {
            int b = in.read();
            if (b < 0) {
                throw new IOException("closed inside the response head: " + head);
            }
            head.write(b);
        }
        return head.toString(StandardCharsets.ISO_8859_1);
    }

    private static String readExactly(InputStream in, int length) throws IOException {
        return new String(in.readNBytes(length), StandardCharsets.ISO_8859_1);
    }
}
