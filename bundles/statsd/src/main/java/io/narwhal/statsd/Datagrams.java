package io.narwhal.statsd;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

/** Lines packed into UDP payloads, newline-separated as statsd reads them, each small enough for any path's MTU. */
final class Datagrams {
    /** 1500 bytes of Ethernet less IPv6 and UDP headers, with room to spare: never fragmented. */
    static final int MOST_BYTES = 1432;

    private Datagrams() {
    }

    static List<byte[]> of(List<String> lines) {
        List<byte[]> payloads = new ArrayList<>();
        StringBuilder payload = new StringBuilder();
        for (String line : lines) {
            int added = line.getBytes(StandardCharsets.UTF_8).length + (payload.isEmpty() ? 0 : 1);
            if (!payload.isEmpty() && payload.toString().getBytes(StandardCharsets.UTF_8).length + added > MOST_BYTES) {
                payloads.add(payload.toString().getBytes(StandardCharsets.UTF_8));
                payload.setLength(0);
            }
            payload.append(payload.isEmpty() ? "" : "\n").append(line);
        }
        if (!payload.isEmpty()) {
            payloads.add(payload.toString().getBytes(StandardCharsets.UTF_8));
        }
        return payloads;
    }
}
