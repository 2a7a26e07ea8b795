package io.narwhal.statsd;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class DatagramsTest {
    @Test
    void linesArePackedNewlineSeparated_noPayloadPastTheLimit_noLineSplit() {
        List<String> lines = new ArrayList<>();
        for (int i = 0; i < 200; i++) {
            lines.add("narwhal.metric." + i + ":" + i + "|c");
        }
        List<byte[]> payloads = Datagrams.of(lines);
        assertTrue(payloads.size() > 1);
        List<String> back = new ArrayList<>();
        for (byte[] payload : payloads) {
            assertTrue(payload.length <= Datagrams.MOST_BYTES, payload.length + " bytes");
            back.addAll(List.of(new String(payload, StandardCharsets.UTF_8).split("\n")));
        }
        assertEquals(lines, back);
    }

    @Test
    void nothingToSendIsNoDatagram() {
        assertEquals(0, Datagrams.of(List.of()).size());
    }
}
