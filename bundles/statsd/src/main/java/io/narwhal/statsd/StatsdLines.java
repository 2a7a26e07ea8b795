package io.narwhal.statsd;

import io.narwhal.api.server.MetricFamily;
import io.narwhal.api.server.MetricSample;
import io.narwhal.api.server.MetricType;
import io.narwhal.control.LatencyBuckets;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;

/**
 * The server's metrics as statsd lines, once per flush: counters as what they grew by since the last flush, gauges as
 * they are now, summed over their labels (statsd has none; Prometheus keeps them). Where Gunicorn has a name, its name:
 * {@code gunicorn.requests}, {@code gunicorn.request.status.CODE}, {@code gunicorn.request.duration} (ms),
 * {@code gunicorn.workers}, so a Gunicorn dashboard reads Narwhal's; the rest as {@code narwhal.NAME}.
 */
final class StatsdLines {
    private static final String REQUESTS = "narwhal_requests_total";
    private static final String RESPONSES = "narwhal_responses_total";
    private static final String DURATION = "narwhal_request_duration_seconds";
    private static final String WORKERS = "narwhal_workers";

    private final String prefix;
    private final String tags;
    /** Each counter sample's value at the last flush, by its name and labels. */
    private final Map<String, Double> counted = new HashMap<>();

    /**
     * @param prefix put before every name (ends with a dot, or is empty)
     * @param tags DogStatsD tags added to every line; none for plain statsd
     */
    StatsdLines(String prefix, List<String> tags) {
        this.prefix = prefix;
        this.tags = tags.isEmpty() ? "" : "|#" + String.join(",", tags);
    }

    List<String> next(List<MetricFamily> families) {
        List<String> lines = new ArrayList<>();
        for (MetricFamily family : families) {
            switch (family.name()) {
                case REQUESTS -> counter(lines, "gunicorn.requests", growth(family.samples()));
                case RESPONSES -> family.samples().forEach(sample -> counter(lines,
                        "gunicorn.request.status." + sample.labels().get("code"), growth(List.of(sample))));
                case DURATION -> durations(lines, family.samples());
                case WORKERS -> {
                    family.samples().stream().filter(sample -> "serving".equals(sample.labels().get("state")))
                            .forEach(sample -> gauge(lines, "gunicorn.workers", sample.value()));
                    byState(lines, family);
                }
                default -> {
                    if (family.type() == MetricType.COUNTER) {
                        counter(lines, narwhalName(family), growth(family.samples()));
                    } else if (family.type() == MetricType.GAUGE) {
                        gauge(lines, narwhalName(family), family.samples().stream()
                                .mapToDouble(MetricSample::value).sum());
                    }
                }
            }
        }
        return lines;
    }

    /** {@code narwhal_worker_deaths_total} as {@code narwhal.worker.deaths}. */
    private static String narwhalName(MetricFamily family) {
        return family.name().replaceFirst("_total$", "").replace('_', '.');
    }

    private void byState(List<String> lines, MetricFamily family) {
        for (MetricSample sample : family.samples()) {
            gauge(lines, "narwhal.workers." + sample.labels().get("state").toLowerCase(Locale.ROOT), sample.value());
        }
    }

    /** What the samples grew by since the last flush; all of it at the first. */
    private double growth(List<MetricSample> samples) {
        double growth = 0;
        for (MetricSample sample : samples) {
            Double before = counted.put(key(sample), sample.value());
            growth += Math.max(0, sample.value() - (before == null ? 0 : before));
        }
        return growth;
    }

    /**
     * The latency histogram as timer lines: each bucket's new requests as one value (the middle of the bucket, its
     * bound for the last) with a sample rate of 1/count, which statsd counts as that many timings. Exact to the
     * bucket, as the histogram itself is.
     */
    private void durations(List<String> lines, List<MetricSample> samples) {
        Map<String, Double> cumulativeByBound = new TreeMap<>();
        for (MetricSample sample : samples) {
            if (sample.name().endsWith("_bucket")) {
                double grown = growth(List.of(sample));
                cumulativeByBound.merge(sample.labels().get("le"), grown, Double::sum);
            }
        }
        double below = 0;
        double lowerBoundMillis = 0;
        for (int i = 0; i < LatencyBuckets.COUNT; i++) {
            boolean last = i == LatencyBuckets.COUNT - 1;
            double cumulative = cumulativeByBound.getOrDefault(LatencyBuckets.label(i), below);
            long count = Math.round(cumulative - below);
            double upperMillis = last ? lowerBoundMillis : LatencyBuckets.UPPER_BOUNDS.get(i).toNanos() / 1e6;
            if (count > 0) {
                String millis = number((lowerBoundMillis + upperMillis) / 2);
                lines.add(prefix + "gunicorn.request.duration:" + millis + "|ms"
                        + (count == 1 ? "" : "|@" + number(1.0 / count)) + tags);
            }
            below = cumulative;
            lowerBoundMillis = upperMillis;
        }
    }

    private void counter(List<String> lines, String name, double growth) {
        if (growth > 0) {
            lines.add(prefix + name + ":" + number(growth) + "|c" + tags);
        }
    }

    private void gauge(List<String> lines, String name, double value) {
        lines.add(prefix + name + ":" + number(value) + "|g" + tags);
    }

    private static String key(MetricSample sample) {
        return sample.name() + sample.labels();
    }

    /** Whole numbers as such; others to six significant decimals, without an exponent. */
    private static String number(double value) {
        if (value == Math.rint(value) && Math.abs(value) < 1e15) {
            return Long.toString((long) value);
        }
        return java.math.BigDecimal.valueOf(value).round(new java.math.MathContext(6)).stripTrailingZeros()
                .toPlainString();
    }
}
