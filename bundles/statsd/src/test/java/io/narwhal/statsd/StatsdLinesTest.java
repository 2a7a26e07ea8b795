package io.narwhal.statsd;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.narwhal.api.server.MetricFamily;
import io.narwhal.api.server.MetricSample;
import io.narwhal.api.server.MetricType;
import io.narwhal.control.LatencyBuckets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class StatsdLinesTest {
    private static Map<String, String> labels(String... pairs) {
        Map<String, String> labels = new LinkedHashMap<>();
        for (int i = 0; i < pairs.length; i += 2) {
            labels.put(pairs[i], pairs[i + 1]);
        }
        return labels;
    }

    private static MetricFamily counter(String name, MetricSample... samples) {
        return new MetricFamily(name, MetricType.COUNTER, "help", List.of(samples));
    }

    private static List<MetricFamily> served(long hello, long echo, long notFound) {
        return List.of(
                counter("narwhal_requests_total",
                        new MetricSample("narwhal_requests_total", labels("app", "hello.jar", "status", "2xx"), hello),
                        new MetricSample("narwhal_requests_total", labels("app", "echo.jar", "status", "2xx"), echo),
                        new MetricSample("narwhal_requests_total", labels("app", "-", "status", "4xx"), notFound)),
                counter("narwhal_responses_total",
                        new MetricSample("narwhal_responses_total", labels("code", "200"), hello + echo),
                        new MetricSample("narwhal_responses_total", labels("code", "404"), notFound)),
                new MetricFamily("narwhal_workers", MetricType.GAUGE, "help", List.of(
                        new MetricSample("narwhal_workers", labels("state", "serving"), 2),
                        new MetricSample("narwhal_workers", labels("state", "booting"), 1))),
                counter("narwhal_worker_deaths_total", new MetricSample("narwhal_worker_deaths_total", Map.of(), 1)),
                new MetricFamily("narwhal_connections_open", MetricType.GAUGE, "help", List.of(
                        new MetricSample("narwhal_connections_open", labels("worker", "1"), 3),
                        new MetricSample("narwhal_connections_open", labels("worker", "2"), 4))));
    }

    @Test
    void countersGoAsTheirGrowthUnderGunicornsNames_gaugesAsTheyAre() {
        StatsdLines lines = new StatsdLines("", List.of());
        assertEquals(List.of("gunicorn.requests:15|c", "gunicorn.request.status.200:13|c",
                "gunicorn.request.status.404:2|c", "gunicorn.workers:2|g", "narwhal.workers.serving:2|g",
                "narwhal.workers.booting:1|g", "narwhal.worker.deaths:1|c", "narwhal.connections.open:7|g"),
                lines.next(served(10, 3, 2)));
        assertEquals(List.of("gunicorn.requests:5|c", "gunicorn.request.status.200:5|c", "gunicorn.workers:2|g",
                "narwhal.workers.serving:2|g", "narwhal.workers.booting:1|g", "narwhal.connections.open:7|g"),
                lines.next(served(14, 4, 2)), "a counter that did not grow is not sent");
    }

    @Test
    void thePrefixAndTheDogstatsdTagsGoOnEveryLine() {
        List<String> sent = new StatsdLines("shop.", List.of("env:prod", "canary")).next(served(1, 0, 0));
        assertEquals("shop.gunicorn.requests:1|c|#env:prod,canary", sent.getFirst());
        assertEquals(true, sent.stream().allMatch(line -> line.startsWith("shop.") && line.endsWith("|#env:prod,canary")),
                sent.toString());
    }

    private static MetricFamily latency(long... perBucket) {
        List<MetricSample> samples = new ArrayList<>();
        long cumulative = 0;
        for (int i = 0; i < LatencyBuckets.COUNT; i++) {
            cumulative += perBucket[i];
            samples.add(new MetricSample("narwhal_request_duration_seconds_bucket",
                    labels("app", "a", "le", LatencyBuckets.label(i)),
                    cumulative));
        }
        samples.add(new MetricSample("narwhal_request_duration_seconds_count", labels("app", "a"), cumulative));
        return new MetricFamily("narwhal_request_duration_seconds", MetricType.HISTOGRAM, "help", samples);
    }

    @Test
    void latenciesGoAsTimingsAtEachBucketsMiddle_sampledSoStatsdCountsThemAll() {
        StatsdLines lines = new StatsdLines("", List.of());
        long[] first = new long[LatencyBuckets.COUNT];
        first[0] = 4;
        first[1] = 1;
        first[LatencyBuckets.COUNT - 1] = 2;
        assertEquals(List.of("gunicorn.request.duration:0.25|ms|@0.25", "gunicorn.request.duration:0.75|ms",
                "gunicorn.request.duration:10000|ms|@0.5"), lines.next(List.of(latency(first))));

        long[] second = first.clone();
        second[3] += 10;
        assertEquals(List.of("gunicorn.request.duration:3.75|ms|@0.1"), lines.next(List.of(latency(second))),
                "only what came since the last flush");
    }
}
