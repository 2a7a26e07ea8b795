package io.narwhal.router;

import java.util.Locale;

/** Host names as the router compares them: lower case, without a port. */
final class VirtualHosts {
    private VirtualHosts() {
    }

    /** Why this narwhal.app.host value cannot be used, or null when it can (absent means any host). */
    static String problemWith(Object value) {
        if (value == null) {
            return null;
        }
        if (!(value instanceof String host)) {
            return "its virtual host is not a string: " + value;
        }
        for (int i = 0; i < host.length(); i++) {
            char c = host.charAt(i);
            if (c <= ' ' || c == '/' || c == 0x7f) {
                return "its virtual host '" + host + "' contains a space, control character or '/'";
            }
        }
        return null;
    }

    /** The configured host in comparable form, or null for "any host". */
    static String normalize(Object value) {
        if (!(value instanceof String host) || host.isBlank()) {
            return null;
        }
        return host.toLowerCase(Locale.ROOT);
    }

    /** The Host header's name part in comparable form ("Example.com:8080" to "example.com"), or null. */
    static String ofHostHeader(String header) {
        if (header == null) {
            return null;
        }
        String host = header.strip();
        int end;
        if (host.startsWith("[")) {
            // An IPv6 literal keeps its brackets; its colons are not a port separator.
            int close = host.indexOf(']');
            end = close < 0 ? host.length() : close + 1;
        } else {
            int colon = host.indexOf(':');
            end = colon < 0 ? host.length() : colon;
        }
        return host.substring(0, end).toLowerCase(Locale.ROOT);
    }
}
