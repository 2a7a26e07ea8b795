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

    /** One sum: per status class, per latency bucket (not cumulative), and the latencies in microseconds. */
    record Sum(long[] byStatusClass, long[] latencyBuckets, long latencySumMicros) {
        long requests() {
            long requests = 0;
            for (long count : byStatusClass) {
                requests += count;
            }
            return requests;
        }
    }

    private final Map<Key, Sum> sums = new TreeMap<>();

    RequestTotals() {
    }

    private RequestTotals(Map<Key, Sum> sums) {
        sums.forEach((key, sum) -> this.sums.put(key, new Sum(sum.byStatusClass.clone(), sum.latencyBuckets.clone(),
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
        return new Sum(toArray(app.byStatusClass()), toArray(app.latencyBuckets()), app.latencySumMicros());
    }

    private static Sum plus(Sum one, Sum other) {
        long[] byStatusClass = new long[AppRequests.STATUS_CLASSES];
        long[] latencyBuckets = new long[LatencyBuckets.COUNT];
        for (int i = 0; i < byStatusClass.length; i++) {
            byStatusClass[i] = one.byStatusClass[i] + other.byStatusClass[i];
        }
        for (int i = 0; i < latencyBuckets.length; i++) {
            latencyBuckets[i] = one.latencyBuckets[i] + other.latencyBuckets[i];
        }
        return new Sum(byStatusClass, latencyBuckets, one.latencySumMicros + other.latencySumMicros);
    }

    private static long[] toArray(List<Long> counts) {
        return counts.stream().mapToLong(Long::longValue).toArray();
    }
}
