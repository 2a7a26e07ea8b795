package io.narwhal.control;

import java.math.BigDecimal;
import java.time.Duration;
import java.util.List;
import java.util.stream.IntStream;

/**
 * The request latency histogram's buckets: one definition for the workers, which count requests into them, and the
 * master, which reports them (Prometheus' {@code le} bounds). Finer than Prometheus' defaults at the low end, where a
 * request to an in-process app lands: half a millisecond to ten seconds.
 */
public final class LatencyBuckets {
    /** Each bucket's upper bound, inclusive; a last bucket, past them all, takes the rest (+Inf). */
    public static final List<Duration> UPPER_BOUNDS = List.of(Duration.ofNanos(500_000), Duration.ofMillis(1),
            Duration.ofNanos(2_500_000), Duration.ofMillis(5), Duration.ofMillis(10), Duration.ofMillis(25),
            Duration.ofMillis(50), Duration.ofMillis(100), Duration.ofMillis(250), Duration.ofMillis(500),
            Duration.ofSeconds(1), Duration.ofMillis(2_500), Duration.ofSeconds(5), Duration.ofSeconds(10));

    /** How many buckets a histogram has: one per bound, and +Inf. */
    public static final int COUNT = UPPER_BOUNDS.size() + 1;

    private static final long[] BOUNDS_NANOS = UPPER_BOUNDS.stream().mapToLong(Duration::toNanos).toArray();
    /** Each bucket's bound in seconds as a metric's {@code le} label gives it: 0.0005, 0.001 ... 10, and +Inf. */
    private static final List<String> LABELS = IntStream.range(0, COUNT)
            .mapToObj(i -> i == BOUNDS_NANOS.length ? "+Inf"
                    : BigDecimal.valueOf(BOUNDS_NANOS[i], 9).stripTrailingZeros().toPlainString())
            .toList();

    private LatencyBuckets() {
    }

    /** Bucket {@code index}'s {@code le} label: its bound in seconds, as short as it is exact; +Inf for the last. */
    public static String label(int index) {
        return LABELS.get(index);
    }

    /** The bucket a request of this many nanoseconds falls in: the first whose bound it does not exceed. */
    public static int indexOf(long nanos) {
        for (int i = 0; i < BOUNDS_NANOS.length; i++) {
            if (nanos <= BOUNDS_NANOS[i]) {
                return i;
            }
        }
        return BOUNDS_NANOS.length;
    }
}
