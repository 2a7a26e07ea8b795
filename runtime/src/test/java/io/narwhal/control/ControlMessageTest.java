package io.narwhal.control;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.io.ByteArrayOutputStream;
import java.nio.channels.Channels;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.params.provider.ValueSource;
import org.junit.jupiter.api.Test;

class ControlMessageTest {
    static Stream<ControlMessage> messages() {
        return Stream.of(new ControlMessage.Hello(4242), new ControlMessage.Ready(), new ControlMessage.Promote(),
                new ControlMessage.ReopenLogs(),
                new ControlMessage.Heartbeat(12, 99_000),
                new ControlMessage.Deploy("my app, v2.jar", "ab12", Path.of("/run/narwhal x/apps/ab12.jar")),
                new ControlMessage.Undeploy("hello.jar"), new ControlMessage.AppActive("hello.jar", "ab12"),
                new ControlMessage.AppFailed("hello.jar", "ab12", "activator threw: boom % 100"),
                new ControlMessage.AppRemoved("ünï code.jar"),
                new ControlMessage.AppMounts(Map.of("hello.jar", "/", "echo app.jar", "/echo,api.example.com/echo")),
                new ControlMessage.AppMounts(Map.of()));
    }

    @ParameterizedTest
    @MethodSource("messages")
    void everyMessageReadsBackAsItWasWrittenOnOneLine(ControlMessage message) {
        String line = message.encode();
        assertEquals(-1, line.indexOf('\n'));
        assertEquals(message, ControlMessage.parse(line));
    }

    @Test
    void aMessageGoesOnTheChannelAsItsLineAndLineEnd() throws Exception {
        ByteArrayOutputStream wire = new ByteArrayOutputStream();
        ControlMessage message = new ControlMessage.AppFailed("ü.jar", "c", "boom");
        message.writeTo(Channels.newChannel(wire));
        assertEquals(message.encode() + "\n", wire.toString(StandardCharsets.US_ASCII));
    }

    @Test
    void aFailureReasonLosesItsLineBreaksAndIsCut() {
        var failed = new ControlMessage.AppFailed("a", "c", "line one\nline two" + "x".repeat(1000));
        assertEquals("line one line two", failed.reason().substring(0, 17));
        assertEquals(ControlMessage.LONGEST_REASON + 3, failed.reason().length());
    }

    @Test
    void deploysTravelAsOneValue() {
        List<ControlMessage.Deploy> deploys = List.of(new ControlMessage.Deploy("a,b.jar", "1", Path.of("/x/1.jar")),
                new ControlMessage.Deploy("c.jar", "2", Path.of("/x/2.jar")));
        assertEquals(deploys, ControlMessage.Deploy.parseAll(ControlMessage.Deploy.encodeAll(deploys)));
        assertEquals(List.of(), ControlMessage.Deploy.parseAll(""));
    }

    @ParameterizedTest
    @ValueSource(strings = {"", "NOPE", "HELLO", "HELLO x", "HELLO 1 2", "HB 1", "DEPLOY a b", "READY now", "PROMOTE 1", "MOUNTS a", "MOUNTS a / b"})
    void aMalformedLineIsRefusedSayingSo(String line) {
        MalformedMessageException refused = assertThrows(MalformedMessageException.class, () -> ControlMessage.parse(line));
        assertEquals(true, refused.getMessage().startsWith(line.startsWith("NOPE") || line.isEmpty()
                ? "unknown control message" : "malformed control message"), refused.getMessage());
    }
}
