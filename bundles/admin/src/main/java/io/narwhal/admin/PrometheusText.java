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
            escapeHelp(family.help(), text);
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
            escapeLabel(label.getValue(), text);
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

    private static void escapeHelp(String help, StringBuilder text) {
        for (int i = 0; i < help.length(); i++) {
            char c = help.charAt(i);
            switch (c) {
                case '\\' -> text.append("\\\\");
                case '\n' -> text.append("\\n");
                default -> text.append(c);
            }
        }
    }

    private static void escapeLabel(String value, StringBuilder text) {
        for (int i = 0; i < value.length(); i++) {
            char c = value.charAt(i);
            switch (c) {
                case '\\' -> text.append("\\\\");
                case '\n' -> text.append("\\n");
                case '"' -> text.append("\\\"");
                default -> text.append(c);
            }
        }
    }
}
