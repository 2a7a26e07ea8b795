package io.narwhal.admin;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.narwhal.api.server.MetricFamily;
import io.narwhal.api.server.MetricSample;
import io.narwhal.api.server.MetricType;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class PrometheusTextTest {
    private static Map<String, String> labels(String... pairs) {
        Map<String, String> labels = new LinkedHashMap<>();
        for (int i = 0; i < pairs.length; i += 2) {
            labels.put(pairs[i], pairs[i + 1]);
        }
        return labels;
    }

    @Test
    void familiesAreWrittenWithHelpTypeAndSamples_labelsInTheirOrder() {
        String text = PrometheusText.of(List.of(
                new MetricFamily("narwhal_requests_total", MetricType.COUNTER, "Requests served", List.of(
                        new MetricSample("narwhal_requests_total", labels("app", "hello.jar", "status", "2xx"), 42),
                        new MetricSample("narwhal_requests_total", labels("app", "echo.jar", "status", "5xx"), 1))),
                new MetricFamily("narwhal_uptime_seconds", MetricType.GAUGE, "Since start",
                        List.of(new MetricSample("narwhal_uptime_seconds", Map.of(), 12.5)))));

        assertEquals("""
                # HELP narwhal_requests_total Requests served
                # TYPE narwhal_requests_total counter
                narwhal_requests_total{app="hello.jar",status="2xx"} 42
                narwhal_requests_total{app="echo.jar",status="5xx"} 1
                # HELP narwhal_uptime_seconds Since start
                # TYPE narwhal_uptime_seconds gauge
                narwhal_uptime_seconds 12.5
                """, text);
    }

    @Test
    void aHistogramKeepsItsSampleNames() {
        String text = PrometheusText.of(List.of(new MetricFamily("d_seconds", MetricType.HISTOGRAM, "h", List.of(
                new MetricSample("d_seconds_bucket", labels("le", "0.001"), 3),
                new MetricSample("d_seconds_bucket", labels("le", "+Inf"), 4),
                new MetricSample("d_seconds_sum", Map.of(), 0.0042),
                new MetricSample("d_seconds_count", Map.of(), 4)))));

        assertEquals("""
                # HELP d_seconds h
                # TYPE d_seconds histogram
                d_seconds_bucket{le="0.001"} 3
                d_seconds_bucket{le="+Inf"} 4
                d_seconds_sum 0.0042
                d_seconds_count 4
                """, text);
    }

    @Test
    void labelValuesAndHelpAreEscaped_andSpecialValuesSpelledAsTheFormatSays() {
        String text = PrometheusText.of(List.of(new MetricFamily("m", MetricType.GAUGE, "a \\ b\nc", List.of(
                new MetricSample("m", labels("app", "my \"app\"\\x\n.jar"), Double.NaN),
                new MetricSample("m", labels("app", "b"), Double.POSITIVE_INFINITY),
                new MetricSample("m", labels("app", "c"), -3)))));

        assertEquals("""
                # HELP m a \\\\ b\\nc
                # TYPE m gauge
                m{app="my \\"app\\"\\\\x\\n.jar"} NaN
                m{app="b"} +Inf
                m{app="c"} -3
                """, text);
    }
}
