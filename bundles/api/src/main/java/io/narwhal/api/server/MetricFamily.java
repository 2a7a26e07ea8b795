package io.narwhal.api.server;

import java.util.List;
import java.util.Objects;

/**
 * A metric the master reports (for Prometheus' text format, statsd and the like): its name, its type, a line of help,
 * and its samples now.
 *
 * @param name as Prometheus names it, e.g. {@code narwhal_requests_total}
 */
public record MetricFamily(String name, MetricType type, String help, List<MetricSample> samples) {
    public MetricFamily {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(type, "type");
        Objects.requireNonNull(help, "help");
        samples = List.copyOf(samples);
    }
}
