package io.narwhal.supervisor;

import io.narwhal.control.ControlMessage.AppRequests;
import io.narwhal.control.LatencyBuckets;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * Requests summed over workers, by app and worker class: each worker's counts (as it last reported them) added
 * elementwise, so the sums only grow as long as the workers they came from are counted in, gone ones included.
 */
final class RequestTotals {
    /** Whose requests a sum holds. */
    record Key(String app, String workerClass) implements Comparable<Key> {
        @Override
        public int compareTo(Key other) {
            int byApp = app.compareTo(other.app);
            return byApp != 0 ? byApp : workerClass.compareTo(other.workerClass);
        }
    }

    /** One sum: per status code, per latency bucket (not cumulative), and the latencies in microseconds. */
    record Sum(Map<Integer, Long> byStatus, long[] latencyBuckets, long latencySumMicros) {
        long requests() {
            return byStatus.values().stream().mapToLong(Long::longValue).sum();
        }

        /** 1xx to 5xx. */
        long[] byStatusClass() {
            long[] classes = new long[AppRequests.STATUS_CLASSES];
            byStatus.forEach((status, count) -> classes[AppRequests.statusClass(status)] += count);
            return classes;
        }
    }

    private final Map<Key, Sum> sums = new TreeMap<>();

    RequestTotals() {
    }

    private RequestTotals(Map<Key, Sum> sums) {
        sums.forEach((key, sum) -> this.sums.put(key, new Sum(new TreeMap<>(sum.byStatus), sum.latencyBuckets.clone(),
                sum.latencySumMicros)));
    }

    /** Adds what a worker of this class reported. */
    void add(String workerClass, List<AppRequests> apps) {
        for (AppRequests app : apps) {
            sums.merge(new Key(app.app(), workerClass), sumOf(app), RequestTotals::plus);
        }
    }

    RequestTotals copy() {
        return new RequestTotals(sums);
    }

    Map<Key, Sum> sums() {
        return Collections.unmodifiableMap(sums);
    }

    private static Sum sumOf(AppRequests app) {
        return new Sum(new TreeMap<>(app.byStatus()), toArray(app.latencyBuckets()), app.latencySumMicros());
    }

    private static Sum plus(Sum one, Sum other) {
        Map<Integer, Long> byStatus = new TreeMap<>(one.byStatus);
        other.byStatus.forEach((status, count) -> byStatus.merge(status, count, Long::sum));
        long[] latencyBuckets = new long[LatencyBuckets.COUNT];
        for (int i = 0; i < latencyBuckets.length; i++) {
            latencyBuckets[i] = one.latencyBuckets[i] + other.latencyBuckets[i];
        }
        return new Sum(byStatus, latencyBuckets, one.latencySumMicros + other.latencySumMicros);
    }

    private static long[] toArray(List<Long> counts) {
        return counts.stream().mapToLong(Long::longValue).toArray();
    }
}
