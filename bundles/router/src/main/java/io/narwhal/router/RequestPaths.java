package io.narwhal.router;

import io.narwhal.api.http.HttpException;

/**
 * The request path the router matches and the app sees: dot-segments removed, so that what picks the app and
 * what the app serves are the same path, and "/public/../admin" cannot be routed one way and served another.
 * The rules are in docs/routing.md.
 */
final class RequestPaths {
    private static final int BAD_REQUEST = 400;

    private RequestPaths() {
    }

    /**
     * RFC 3986 5.2.4 remove_dot_segments, with "%2E" counted as '.', empty segments dropped, and the
     * ambiguous forms refused. Everything else stays percent-encoded as sent; a path that needs no change is
     * returned as the same instance.
     *
     * @param rawPath the path as sent, still percent-encoded and without the query
     * @throws HttpException with status 400, naming the rule, for a path that cannot be routed safely
     */
    static String normalize(String rawPath) {
        if (rawPath.isEmpty()) {
            // RFC 9110 4.2.3: an empty path means "/".
            return ContextPaths.ROOT;
        }
        if (rawPath.charAt(0) != '/') {
            // OPTIONS's "*" or CONNECT's host:port has no segments; only the root mount covers it.
            return rawPath;
        }
        int length = rawPath.length();
        // Null while the output is still rawPath itself up to the current segment: the common case copies nothing.
        StringBuilder changed = null;
        int segmentStart = 0;
        while (segmentStart < length) {
            int segmentEnd = segmentStart + 1;
            int dots = 0;
            boolean onlyDots = true;
            while (segmentEnd < length && rawPath.charAt(segmentEnd) != '/') {
                char c = rawPath.charAt(segmentEnd);
                if (c == '%') {
                    boolean dot = isEncodedDot(rawPath, segmentEnd);
                    dots += dot ? 1 : 0;
                    onlyDots &= dot;
                    segmentEnd += 3;
                } else {
                    if (c == '\\') {
                        throw refused("backslash in path");
                    }
                    if (c == 0) {
                        throw refused("NUL in path");
                    }
                    dots += c == '.' ? 1 : 0;
                    onlyDots &= c == '.';
                    segmentEnd++;
                }
            }
            boolean last = segmentEnd == length;
            boolean empty = segmentEnd == segmentStart + 1;
            boolean dotSegment = onlyDots && (dots == 1 || dots == 2);
            if (dotSegment || empty && !last) {
                if (changed == null) {
                    changed = new StringBuilder(length).append(rawPath, 0, segmentStart);
                }
                if (dots == 2) {
                    if (changed.isEmpty()) {
                        throw refused("path climbs above the root with '..'");
                    }
                    changed.setLength(changed.lastIndexOf("/"));
                }
                if (last) {
                    // "/a/." and "/a/b/.." name a directory: RFC 3986 keeps the trailing slash.
                    changed.append('/');
                }
            } else if (changed != null) {
                changed.append(rawPath, segmentStart, segmentEnd);
            }
            segmentStart = segmentEnd;
        }
        return changed == null ? rawPath : changed.toString();
    }

    /**
     * Whether the escape at index is "%2E" in either case; refuses the escapes that would hide a segment
     * boundary or end a string early in the app, and a '%' without two hex digits.
     */
    private static boolean isEncodedDot(String path, int index) {
        int high = index + 2 < path.length() ? hexValue(path.charAt(index + 1)) : -1;
        int low = high < 0 ? -1 : hexValue(path.charAt(index + 2));
        if (low < 0) {
            throw refused("bad percent-encoding in path: '%' must be followed by two hex digits");
        }
        return switch (high << 4 | low) {
            case 0x00 -> throw refused("encoded NUL (%00) in path");
            case 0x2F -> throw refused("encoded slash (%2F) in path");
            case 0x5C -> throw refused("encoded backslash (%5C) in path");
            case 0x2E -> true;
            default -> false;
        };
    }

    private static int hexValue(char c) {
        if (c >= '0' && c <= '9') {
            return c - '0';
        }
        if (c >= 'a' && c <= 'f') {
            return c - 'a' + 10;
        }
        if (c >= 'A' && c <= 'F') {
            return c - 'A' + 10;
        }
        return -1;
    }

    private static HttpException refused(String rule) {
        return new HttpException(BAD_REQUEST, rule);
    }
}
