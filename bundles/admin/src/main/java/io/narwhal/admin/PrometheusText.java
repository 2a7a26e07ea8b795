package io.narwhal.admin;

import io.narwhal.api.server.MetricFamily;
import io.narwhal.api.server.MetricSample;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/** Metric families in Prometheus' text exposition format, version 0.0.4. */
final class PrometheusText {
    static final String CONTENT_TYPE = "text/plain; version=0.0.4; charset=utf-8";

    private PrometheusText() {
    }

    static String of(List<MetricFamily> families) {
        StringBuilder text = new StringBuilder(8192);
        for (MetricFamily family : families) {
            text.append("# HELP ").append(family.name()).append(' ');
            escape(family.help(), false, text);
            text.append('\n');
            text.append("# TYPE ").append(family.name()).append(' ')
                    .append(family.type().name().toLowerCase(Locale.ROOT)).append('\n');
            for (MetricSample sample : family.samples()) {
                text.append(sample.name());
                labels(sample.labels(), text);
                text.append(' ');
                value(sample.value(), text);
                text.append('\n');
            }
        }
        return text.toString();
    }

    private static void labels(Map<String, String> labels, StringBuilder text) {
        if (labels.isEmpty()) {
            return;
        }
        text.append('{');
        boolean first = true;
        for (Map.Entry<String, String> label : labels.entrySet()) {
            text.append(first ? "" : ",").append(label.getKey()).append("=\"");
            escape(label.getValue(), true, text);
            text.append('"');
            first = false;
        }
        text.append('}');
    }

    /** Whole numbers without a fraction (counts are), others as Java writes a double; the format's infinities. */
    private static void value(double value, StringBuilder text) {
        if (Double.isNaN(value)) {
            text.append("NaN");
        } else if (Double.isInfinite(value)) {
            text.append(value > 0 ? "+Inf" : "-Inf");
        } else if (value == Math.rint(value) && Math.abs(value) < 1e15) {
            text.append((long) value);
        } else {
            text.append(value);
        }
    }

    /** Backslashes and line breaks escaped, as the format wants in help and label values; quotes too in a label's. */
    private static void escape(String text, boolean quoted, StringBuilder out) {
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            switch (c) {
                case '\\' -> out.append("\\\\");
                case '\n' -> out.append("\\n");
                case '"' -> out.append(quoted ? "\\\"" : "\"");
                default -> out.append(c);
            }
        }
    }
}
