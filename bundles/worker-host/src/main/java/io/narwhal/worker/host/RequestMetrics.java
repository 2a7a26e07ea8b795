package io.narwhal.worker.host;

import io.narwhal.api.app.HttpApp;
import io.narwhal.api.app.HttpResponse;
import io.narwhal.api.app.Router;
import io.narwhal.api.http.RequestBodyException;
import io.narwhal.control.ControlMessage.AppRequests;
import io.narwhal.control.LatencyBuckets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicReferenceArray;
import java.util.concurrent.atomic.LongAdder;
import java.util.function.LongFunction;

/**
 * Counts the requests a worker serves, app by app: by status class, and into the latency buckets. A request's
 * thread only adds to striped counters ({@link LongAdder}: no lock, no contended cache line among the threads of a
 * thread pool); the heartbeat reads them. A request no app took, and one broken off by an exception (its app is then
 * unknown here), count under {@link AppRequests#NO_APP}.
 */
final class RequestMetrics {
    private final LongFunction<String> appOfService;
    private final Map<Long, AppCounters> byService = new ConcurrentHashMap<>();
    private final Map<String, AppCounters> byApp = new ConcurrentHashMap<>();
    private final AppCounters noApp = new AppCounters();
    private final LongAdder inFlight = new LongAdder();
    /** The mount of the last request and its counters: most requests go where the one before went. */
    private volatile MountCounters last;

    private record MountCounters(Router.Mount mount, AppCounters counters) {
    }

    /** @param appOfService the app a mounted service belongs to; null where it belongs to none */
    RequestMetrics(LongFunction<String> appOfService) {
        this.appOfService = appOfService;
        byApp.put(AppRequests.NO_APP, noApp);
    }

    /**
     * The router, each request it serves counted, written to the access log (if there is one), and then told to
     * {@code served}: one frame between the codec and the router for all of it. Each wrapper around a handler is a
     * call more on every request's path, and with one more the JIT stopped inlining the response's writing into it
     * (a gthread worker at c16 lost up to a third of its req/s to a counting wrapper of a few nanoseconds' work).
     *
     * @param accessLog null when there is none
     * @param served run after each request (the worker's count of served requests, for max_requests)
     */
    HttpApp around(Router router, AccessLog accessLog, Runnable served) {
        return (request, response) -> {
            long startMillis = accessLog == null ? 0 : System.currentTimeMillis();
            long start = System.nanoTime();
            inFlight.increment();
            Router.Mount mount = null;
            int status = 500;
            try {
                mount = router.serve(request, response);
                status = response.status();
            } catch (Throwable failure) {
                status = statusOf(failure, response);
                throw failure;
            } finally {
                inFlight.decrement();
                countersOf(mount).count(status, System.nanoTime() - start);
                if (accessLog != null) {
                    accessLog.log(request, response, startMillis, start);
                }
                served.run();
            }
        };
    }

    long inFlight() {
        return inFlight.sum();
    }

    /** What every app was served since the worker started, by app name. */
    List<AppRequests> snapshot() {
        List<AppRequests> apps = new ArrayList<>();
        new TreeMap<>(byApp).forEach((app, counters) -> {
            AppRequests requests = counters.snapshot(app);
            if (requests.requests() > 0) {
                apps.add(requests);
            }
        });
        return apps;
    }

    private AppCounters countersOf(Router.Mount mount) {
        if (mount == null) {
            return noApp;
        }
        MountCounters recent = last;
        if (recent != null && recent.mount == mount) {
            return recent.counters;
        }
        AppCounters counters = byService.get(mount.serviceId());
        if (counters == null) {
            // Once per app revision: its requests after this one find it at once.
            String app = appOfService.apply(mount.serviceId());
            counters = byApp.computeIfAbsent(app == null ? mount.name() : app, name -> new AppCounters());
            byService.put(mount.serviceId(), counters);
        }
        last = new MountCounters(mount, counters);
        return counters;
    }

    /** What the client was told, or will be, when the request ended in an exception. */
    private static int statusOf(Throwable failure, HttpResponse response) {
        if (response.isCommitted()) {
            return response.status();
        }
        for (Throwable cause = failure; cause != null; cause = cause.getCause()) {
            if (cause instanceof RequestBodyException refused) {
                return refused.status();
            }
        }
        return 500;
    }

    private static final class AppCounters {
        /** By status code, 100 to 999, each made when first answered: no boxing or hashing on a request's path. */
        private final AtomicReferenceArray<LongAdder> byStatus = new AtomicReferenceArray<>(900);
        private final LongAdder[] latencyBuckets = adders(LatencyBuckets.COUNT);
        private final LongAdder latencyNanos = new LongAdder();

        void count(int status, long nanos) {
            int index = Math.clamp(status, 100, 999) - 100;
            LongAdder answered = byStatus.get(index);
            if (answered == null) {
                byStatus.compareAndSet(index, null, new LongAdder());
                answered = byStatus.get(index);
            }
            answered.increment();
            latencyBuckets[LatencyBuckets.indexOf(nanos)].increment();
            latencyNanos.add(nanos);
        }

        AppRequests snapshot(String app) {
            Map<Integer, Long> answered = new TreeMap<>();
            for (int i = 0; i < byStatus.length(); i++) {
                LongAdder count = byStatus.get(i);
                if (count != null) {
                    answered.put(100 + i, count.sum());
                }
            }
            return new AppRequests(app, answered, sums(latencyBuckets), latencyNanos.sum() / 1_000);
        }

        private static LongAdder[] adders(int count) {
            LongAdder[] adders = new LongAdder[count];
            for (int i = 0; i < count; i++) {
                adders[i] = new LongAdder();
            }
            return adders;
        }

        private static List<Long> sums(LongAdder[] adders) {
            List<Long> sums = new ArrayList<>(adders.length);
            for (LongAdder adder : adders) {
                sums.add(adder.sum());
            }
            return sums;
        }
    }
}
