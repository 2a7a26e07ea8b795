package io.narwhal.settings;

import java.util.ArrayList;
import java.util.List;
import java.util.Set;

/**
 * An access_log_format as written ({@code text}) and as read by Gunicorn's rules: text with {@code %(atom)s}
 * fields, {@code %%} for a percent sign. The atoms are Gunicorn's (docs/operations.md lists them); an unknown atom,
 * or a field not ending in {@code )s}, is an error naming it, so a typo is not a line of dashes in production.
 */
public record AccessLogFormat(String text, List<Part> parts) {
    /** Gunicorn's default format: the Apache combined log format. */
    public static final String GUNICORN_DEFAULT = "%(h)s %(l)s %(u)s %(t)s \"%(r)s\" %(s)s %(b)s \"%(f)s\" \"%(a)s\"";

    /** The atoms a format may use, besides {@code {header}i} and {@code {header}o}. */
    public static final Set<String> ATOMS = Set.of("h", "l", "u", "t", "r", "m", "U", "q", "H", "s", "B", "b", "f", "a",
            "T", "M", "D", "L", "p");

    /** A piece of a line: text as it is, or a field the request fills in. */
    public sealed interface Part {
    }

    public record Text(String text) implements Part {
    }

    /** An atom of {@link #ATOMS}. */
    public record Atom(String name) implements Part {
    }

    /** {@code %({name}i)s}: a request header; {@code %({name}o)s}: a response header. */
    public record HeaderAtom(String header, boolean response) implements Part {
    }

    public AccessLogFormat {
        parts = List.copyOf(parts);
    }

    public static AccessLogFormat parse(String format) throws InvalidSettingException {
        List<Part> parts = new ArrayList<>();
        StringBuilder text = new StringBuilder();
        int i = 0;
        while (i < format.length()) {
            char c = format.charAt(i);
            if (c != '%') {
                text.append(c);
                i++;
                continue;
            }
            if (format.startsWith("%%", i)) {
                text.append('%');
                i += 2;
                continue;
            }
            int close = format.indexOf(")s", i);
            if (!format.startsWith("%(", i) || close < 0) {
                throw new InvalidSettingException("invalid " + ServerSettings.ACCESS_LOG_FORMAT + ": a '%' at "
                        + i + " is neither %(atom)s nor %%");
            }
            if (!text.isEmpty()) {
                parts.add(new Text(text.toString()));
                text.setLength(0);
            }
            parts.add(atom(format.substring(i + 2, close)));
            i = close + 2;
        }
        if (!text.isEmpty()) {
            parts.add(new Text(text.toString()));
        }
        return new AccessLogFormat(format, parts);
    }

    private static Part atom(String name) throws InvalidSettingException {
        if (ATOMS.contains(name)) {
            return new Atom(name);
        }
        if (name.length() > 3 && name.startsWith("{") && (name.endsWith("}i") || name.endsWith("}o"))) {
            String header = name.substring(1, name.length() - 2);
            if (!header.isEmpty() && header.chars().allMatch(AccessLogFormat::isTokenChar)) {
                return new HeaderAtom(header, name.endsWith("}o"));
            }
        }
        throw new InvalidSettingException("invalid " + ServerSettings.ACCESS_LOG_FORMAT + ": unknown atom %(" + name
                + ")s (known: " + String.join(" ", ATOMS.stream().sorted().toList())
                + ", {header}i, {header}o)");
    }

    private static boolean isTokenChar(int c) {
        return c > ' ' && c < 127 && "\"(),/:;<=>?@[\\]{}".indexOf(c) < 0;
    }
}
