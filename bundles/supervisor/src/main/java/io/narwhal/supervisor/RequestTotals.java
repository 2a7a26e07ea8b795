package io.narwhal.supervisor;

import io.narwhal.control.ControlMessage.AppRequests;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * Requests summed over workers, by app and worker class: each worker's counts (as it last reported them) added
 * elementwise, so the sums only grow as long as the workers they came from are counted in, gone ones included. A sum
 * is an {@link AppRequests} itself, immutable, so a copy shares them.
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

    private final Map<Key, AppRequests> sums;

    RequestTotals() {
        this(new TreeMap<>());
    }

    private RequestTotals(Map<Key, AppRequests> sums) {
        this.sums = sums;
    }

    /** Adds what a worker of this class reported. */
    void add(String workerClass, List<AppRequests> apps) {
        for (AppRequests app : apps) {
            sums.merge(new Key(app.app(), workerClass), app, RequestTotals::plus);
        }
    }

    RequestTotals copy() {
        return new RequestTotals(new TreeMap<>(sums));
    }

    Map<Key, AppRequests> sums() {
        return Collections.unmodifiableMap(sums);
    }

    private static AppRequests plus(AppRequests one, AppRequests other) {
        Map<Integer, Long> byStatus = new TreeMap<>(one.byStatus());
        other.byStatus().forEach((status, count) -> byStatus.merge(status, count, Long::sum));
        List<Long> latencyBuckets = new ArrayList<>(one.latencyBuckets().size());
        for (int i = 0; i < one.latencyBuckets().size(); i++) {
            latencyBuckets.add(one.latencyBuckets().get(i) + other.latencyBuckets().get(i));
        }
        return new AppRequests(one.app(), byStatus, latencyBuckets, one.latencySumMicros() + other.latencySumMicros());
    }
}
