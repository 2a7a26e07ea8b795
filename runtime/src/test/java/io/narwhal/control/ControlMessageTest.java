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
                new ControlMessage.AppMounts(Map.of()),
                new ControlMessage.WorkerStats(3, 64, 1_000, 12 << 20, 16 << 20, 9 << 20, List.of()),
                new ControlMessage.WorkerStats(0, 1, 2, 3, 4, 5, List.of(appRequests("hello app.jar", 7),
                        appRequests(ControlMessage.AppRequests.NO_APP, 1))));
    }

    private static ControlMessage.AppRequests appRequests(String app, long each) {
        List<Long> buckets = java.util.Collections.nCopies(LatencyBuckets.COUNT, each);
        return new ControlMessage.AppRequests(app, Map.of(200, each, 404, each, 410, each, 503, 1L), buckets, 12_345);
    }

    @Test
    void appRequestsCountEveryStatusClass() {
        assertEquals(3 * 7 + 1, appRequests("a", 7).requests());
    }

    @Test
    void appRequestsAddUpTheirCodesByClass() {
        assertEquals(List.of(0L, 7L, 0L, 14L, 1L), appRequests("a", 7).byStatusClass());
    }

    @Test
    void appRequestsHoldEveryBucketAndOnlyStatusCodes() {
        List<Long> buckets = java.util.Collections.nCopies(LatencyBuckets.COUNT, 0L);
        assertThrows(IllegalArgumentException.class, () -> new ControlMessage.AppRequests("a", Map.of(), List.of(), 0));
        assertThrows(IllegalArgumentException.class,
                () -> new ControlMessage.AppRequests("a", Map.of(42, 1L), buckets, 0));
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
    @ValueSource(strings = {"", "NOPE", "HELLO", "HELLO x", "HELLO 1 2", "HB 1", "DEPLOY a b", "READY now", "PROMOTE 1", "MOUNTS a", "MOUNTS a / b",
            "STATS 1 2 3", "STATS 1 2 3 4 5 x", "STATS 1 2 3 4 5 6 app", "STATS 1 2 3 4 5 6 a 200:1 1 0",
            "STATS 1 2 3 4 5 6 a 200 0,0,0,0,0,0,0,0,0,0,0,0,0,0,0 0",
            "STATS 1 2 3 4 5 6 a 200:1 0,0,0,0,0,0,0,0,0,0,0,0,0,0,-1 0",
            "STATS 1 2 3 4 5 6 a 99:1 0,0,0,0,0,0,0,0,0,0,0,0,0,0,0 0"})
    void aMalformedLineIsRefusedSayingSo(String line) {
        MalformedMessageException refused = assertThrows(MalformedMessageException.class, () -> ControlMessage.parse(line));
        assertEquals(true, refused.getMessage().startsWith(line.startsWith("NOPE") || line.isEmpty()
                ? "unknown control message" : "malformed control message"), refused.getMessage());
    }
}
