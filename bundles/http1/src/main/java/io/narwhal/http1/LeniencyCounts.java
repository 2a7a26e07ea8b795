package io.narwhal.http1;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.atomic.LongAdder;

/** How often each leniency was taken, over every connection of one codec; written by many threads at once. */
final class LeniencyCounts {
    private final LongAdder[] counts = new LongAdder[Leniency.values().length];

    LeniencyCounts() {
        for (int i = 0; i < counts.length; i++) {
            counts[i] = new LongAdder();
        }
    }

    /** Counts one more and answers the new total, for the log line. */
    long increment(Leniency leniency) {
        LongAdder count = counts[leniency.ordinal()];
        count.increment();
        return count.sum();
    }

    /** The non-zero counts by leniency name, in declaration order. */
    Map<String, Long> snapshot() {
        Map<String, Long> snapshot = new LinkedHashMap<>();
        for (Leniency leniency : Leniency.values()) {
            long count = counts[leniency.ordinal()].sum();
            if (count > 0) {
                snapshot.put(leniency.name(), count);
            }
        }
        return snapshot;
    }
}
