package io.narwhal.http1;

/**
 * RFC 3986 3.2.2-3.2.3 {@code host [ ":" port ]}, the authority that Host, an absolute-form target and a CONNECT
 * target carry (userinfo is refused before this). A host is an IP literal in brackets or a reg-name, IPv4
 * included, never empty; a port is at most 65535.
 */
final class Authority {
    private static final int MAX_PORT = 65_535;

    private Authority() {
    }

    /** @param portRequired whether the port must be there (CONNECT's host:port) */
    static boolean isValid(String text, boolean portRequired) {
        int hostEnd;
        if (text.startsWith("[")) {
            hostEnd = text.indexOf(']') + 1;
            if (hostEnd == 0 || !isIpLiteral(text, 1, hostEnd - 1)) {
                return false;
            }
        } else {
            int colon = text.indexOf(':');
            hostEnd = colon < 0 ? text.length() : colon;
            if (hostEnd == 0 || !isRegName(text, hostEnd)) {
                return false;
            }
        }
        if (hostEnd == text.length()) {
            return !portRequired;
        }
        return text.charAt(hostEnd) == ':' && isPort(text, hostEnd + 1, portRequired);
    }

    /** unreserved / pct-encoded / sub-delims. */
    private static boolean isRegName(String text, int end) {
        for (int i = 0; i < end; i++) {
            char c = text.charAt(i);
            if (c == '%') {
                if (i + 2 >= end || CharClass.hexValue(text.charAt(i + 1)) < 0
                        || CharClass.hexValue(text.charAt(i + 2)) < 0) {
                    return false;
                }
                i += 2;
            } else if (!isUnreservedOrSubDelim(c)) {
                return false;
            }
        }
        return true;
    }

    /** IPv6address (hex digits, ':' and '.' for an embedded IPv4, at least one ':') or IPvFuture ("v1.x"). */
    private static boolean isIpLiteral(String text, int start, int end) {
        if (start == end) {
            return false;
        }
        char first = text.charAt(start);
        if (first == 'v' || first == 'V') {
            int dot = text.indexOf('.', start);
            if (dot < start + 2 || dot >= end - 1) {
                return false;
            }
            for (int i = start + 1; i < dot; i++) {
                if (CharClass.hexValue(text.charAt(i)) < 0) {
                    return false;
                }
            }
            for (int i = dot + 1; i < end; i++) {
                char c = text.charAt(i);
                if (!isUnreservedOrSubDelim(c) && c != ':') {
                    return false;
                }
            }
            return true;
        }
        boolean colon = false;
        for (int i = start; i < end; i++) {
            char c = text.charAt(i);
            colon |= c == ':';
            if (CharClass.hexValue(c) < 0 && c != ':' && c != '.') {
                return false;
            }
        }
        return colon;
    }

    private static boolean isPort(String text, int start, boolean required) {
        int digits = text.length() - start;
        if (digits == 0) {
            return !required; // RFC 3986 3.2.3 allows "host:", an empty port
        }
        if (digits > 5) {
            return false;
        }
        int port = 0;
        for (int i = start; i < text.length(); i++) {
            char c = text.charAt(i);
            if (!CharClass.isDigit(c)) {
                return false;
            }
            port = port * 10 + (c - '0');
        }
        return port <= MAX_PORT;
    }

    private static boolean isUnreservedOrSubDelim(char c) {
        if (c >= 'a' && c <= 'z' || c >= 'A' && c <= 'Z' || c >= '0' && c <= '9') {
            return true;
        }
        return switch (c) {
            case '-', '.', '_', '~', '!', '$', '&', '\'', '(', ')', '*', '+', ',', ';', '=' -> true;
            default -> false;
        };
    }
}
