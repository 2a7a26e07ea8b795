package io.narwhal.http1;

import static io.narwhal.http1.TestConnection.bytes;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.narwhal.api.app.HttpApp;
import io.narwhal.api.app.UpgradeHandler;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The upgrade hand-over: a 101 the client asked for, then the raw connection to the app's handler. */
class UpgradeTest {
    private static final String OFFER = "GET /echo HTTP/1.1\r\nHost: a\r\nConnection: keep-alive, Upgrade\r\n"
            + "Upgrade: other/2, narwhal-echo\r\n";
    private static final UpgradeHandler ECHO = connection -> connection.in().transferTo(connection.out());

    @Test
    void aRequestedUpgradeIsA101AndTheBytesAfterTheHeadReachTheHandler() throws IOException {
        HttpApp app = (request, response) -> {
            response.headers().set("X-Mode", "raw");
            response.upgrade("narwhal-echo", ECHO);
        };
        TestConnection connection = new TestConnection(
                ScriptedInputStream.pieces(false, bytes(OFFER + "\r\nping "), bytes("pong")), TestConnection.KEEP_ALIVE);
        assertFalse(connection.serveOne(app), "the connection was the handler's, it ends with it");
        String out = connection.outputText();
        String head = out.substring(0, out.indexOf("\r\n\r\n") + 4);
        assertTrue(head.startsWith("HTTP/1.1 101 Switching Protocols\r\n"), head);
        assertTrue(head.contains("\r\nUpgrade: narwhal-echo\r\n") && head.contains("\r\nConnection: Upgrade\r\n")
                && head.contains("\r\nX-Mode: raw\r\n"), head);
        assertFalse(head.contains("Content-Length") || head.contains("Transfer-Encoding"), head);
        assertEquals("ping pong", out.substring(head.length()));
    }

    @Test
    void anUpgradeTheRequestDidNotOfferIsTheAppsMistake() throws IOException {
        List<String> refusals = new ArrayList<>();
        HttpApp app = (request, response) -> refusals.add(assertThrows(IllegalStateException.class,
                () -> response.upgrade("websocket", ECHO)).getMessage());
        TestConnection.of(OFFER + "\r\n").serveAll(app);
        TestConnection.of("GET / HTTP/1.1\r\nHost: a\r\nUpgrade: websocket\r\n\r\n").serveAll(app);
        TestConnection.of("GET / HTTP/1.0\r\nConnection: upgrade\r\nUpgrade: websocket\r\n\r\n").serveAll(app);
        assertEquals(List.of("the request did not offer an upgrade to websocket",
                "the request did not offer an upgrade to websocket", "only an HTTP/1.1 connection can be upgraded"),
                refusals);
    }

    @Test
    void theBodyIsReadBeforeTheConnectionChangesHands() throws IOException {
        String withBody = OFFER + "Content-Length: 4\r\n\r\nbodyrest";
        List<String> seen = new ArrayList<>();
        TestConnection connection = TestConnection.of(withBody).serveAll((request, response) -> {
            seen.add(assertThrows(IllegalStateException.class, () -> response.upgrade("narwhal-echo", ECHO))
                    .getMessage());
            seen.add(new String(request.body().readAllBytes(), java.nio.charset.StandardCharsets.ISO_8859_1));
            response.upgrade("narwhal-echo", ECHO);
            seen.add(assertThrows(IllegalStateException.class, () -> response.send("no")).getMessage());
        });
        assertEquals(List.of("read the request body to its end before upgrading", "body",
                "the response switches protocols: the upgrade handler writes to the client"), seen);
        assertTrue(connection.outputText().endsWith("\r\n\r\nrest"), connection.outputText());
    }

    @Test
    void anAppFailingAfterAskingForAnUpgradeGetsItsPlain500() throws IOException {
        TestConnection connection = TestConnection.of(OFFER + "\r\n").serveAll((request, response) -> {
            response.upgrade("narwhal-echo", ECHO);
            throw new IllegalArgumentException("changed its mind");
        });
        assertEquals(500, connection.responses().next().status());
    }
}
