package io.narwhal.api.server;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;

/**
 * One value of a metric.
 *
 * @param name the sample's name: the family's, or for a histogram the family's with {@code _bucket}, {@code _sum}
 *     or {@code _count}
 * @param labels what tells this sample from the family's others, in the order they are shown ({@code le} last in a
 *     bucket)
 * @param value the value
 */
public record MetricSample(String name, Map<String, String> labels, double value) {
    public MetricSample {
        Objects.requireNonNull(name, "name");
        labels = Collections.unmodifiableMap(new LinkedHashMap<>(labels));
    }
}
