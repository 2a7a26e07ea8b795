package io.narwhal.http1;

import static io.narwhal.http1.TestConnection.bytes;
import static org.junit.jupiter.api.Assertions.assertEquals;

import io.narwhal.http1.RecordingApp.Seen;
import io.narwhal.http1.ValidRequests.Case;
import java.io.IOException;
import java.io.InputStream;
import java.util.List;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Parsing resumes where it stopped: however the bytes are cut into reads, the app sees the same requests and
 * the client the same responses.
 */
class SplitReadTest {
    /** What a run produced, the Date lines blanked (they depend on the clock). */
    record Outcome(List<Seen> seen, String responses, List<Boolean> results) {
    }

    static List<Case> cases() {
        return ValidRequests.all();
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("cases")
    void everyTwoReadSplitAndOneBytePerReadGiveTheSameResult(Case request) throws IOException {
        byte[] raw = bytes(request.raw());
        Outcome whole = run(ScriptedInputStream.whole(raw));
        assertEquals(List.of(request.expected()), whole.seen());
        for (int split = 1; split < raw.length; split++) {
            assertEquals(whole, run(ScriptedInputStream.splitAt(raw, split)), "split at " + split);
        }
        assertEquals(whole, run(ScriptedInputStream.byteByByte(raw)), "one byte per read");
    }

    @Test
    void pipelinedRequestsSplitAnywhereGiveTheSameResult() throws IOException {
        List<Case> http11 = ValidRequests.all().stream()
                .filter(c -> c.expected().version().equals("HTTP/1.1") && !c.expected().method().equals("HEAD"))
                .toList();
        byte[] raw = bytes(http11.stream().map(Case::raw).collect(Collectors.joining()));
        Outcome whole = run(ScriptedInputStream.whole(raw));
        assertEquals(http11.stream().map(Case::expected).toList(), whole.seen());
        for (int split = 1; split < raw.length; split++) {
            assertEquals(whole, run(ScriptedInputStream.splitAt(raw, split)), "split at " + split);
        }
        assertEquals(whole, run(ScriptedInputStream.byteByByte(raw)), "one byte per read");
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("io.narwhal.http1.InvalidRequestTest#cases")
    void invalidRequestsAreRefusedTheSameWayOneBytePerRead(InvalidRequestTest.Case request) throws IOException {
        RecordingApp app = new RecordingApp();
        TestConnection connection = new TestConnection(
                ScriptedInputStream.byteByByte(bytes(request.raw())), TestConnection.KEEP_ALIVE).serveAll(app);
        assertEquals(request.status(), connection.responses().next().status());
        assertEquals(List.of(false), connection.results);
    }

    private static Outcome run(InputStream in) throws IOException {
        RecordingApp app = new RecordingApp();
        TestConnection connection = new TestConnection(in, TestConnection.KEEP_ALIVE).serveAll(app);
        String responses = connection.outputText().replaceAll("Date: [^\r]*\r\n", "Date: -\r\n");
        return new Outcome(app.seen, responses, connection.results);
    }
}
