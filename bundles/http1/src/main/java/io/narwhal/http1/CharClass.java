package io.narwhal.http1;

import io.narwhal.api.http.Headers;

/** What a byte may be in each part of a request, looked up in one table instead of chains of comparisons. */
final class CharClass {
    static final byte CR = '\r';
    static final byte LF = '\n';

    private static final int TOKEN = 1;
    private static final int TARGET = 2;
    private static final int FIELD_VALUE = 4;
    private static final int VISIBLE = 8;
    private static final int UNENCODED_TARGET = 16;
    private static final byte[] CLASSES = new byte[256];

    static {
        for (int c = 0; c < 256; c++) {
            int classes = 0;
            if (Headers.isTokenChar(c)) {
                classes |= TOKEN;
            }
            if (isTargetChar(c)) {
                classes |= TARGET;
            }
            // field-vchar, SP and HTAB; obs-text (0x80-0xFF) is kept as opaque bytes, as RFC 9110 5.5 allows.
            if (c == '\t' || c >= 0x20 && c != 0x7F) {
                classes |= FIELD_VALUE;
            }
            if (c > 0x20 && c < 0x7F) {
                classes |= VISIBLE;
            }
            if (c >= 0x80 || "\"<>\\^`{|}".indexOf(c) >= 0) {
                classes |= UNENCODED_TARGET;
            }
            CLASSES[c] = (byte) classes;
        }
    }

    private CharClass() {
    }

    /** RFC 9110 tchar: methods, field names, transfer codings. */
    static boolean isToken(int c) {
        return (CLASSES[c] & TOKEN) != 0;
    }

    /** A byte RFC 3986 allows in a request-target, '%' included (its two hex digits are checked apart). */
    static boolean isTarget(int c) {
        return (CLASSES[c] & TARGET) != 0;
    }

    /** A byte a URI must percent-encode but that lenient clients send raw: obs-text and {@code " < > \ ^ ` { | }}. */
    static boolean isUnencodedTarget(int c) {
        return (CLASSES[c] & UNENCODED_TARGET) != 0;
    }

    /** A byte allowed in a field value: visible, SP, HTAB or obs-text; never another control. */
    static boolean isFieldValue(int c) {
        return (CLASSES[c] & FIELD_VALUE) != 0;
    }

    /** Visible US-ASCII, no space. */
    static boolean isVisible(int c) {
        return (CLASSES[c] & VISIBLE) != 0;
    }

    /** The value of a hex digit, or -1. */
    static int hexValue(int c) {
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

    static boolean isDigit(int c) {
        return c >= '0' && c <= '9';
    }

    /** Refuses the request (a 400) with this error unless byte c is the expected one: the CR or LF ending a line. */
    static void expect(int c, int expected, String error) {
        if (c != expected) {
            throw new BadRequestException(error);
        }
    }

    /** unreserved / gen-delims but '#' (no fragment in a request-target) / sub-delims / '%'. */
    private static boolean isTargetChar(int c) {
        if (c >= 'a' && c <= 'z' || c >= 'A' && c <= 'Z' || c >= '0' && c <= '9') {
            return true;
        }
        return switch (c) {
            case '-', '.', '_', '~', ':', '/', '?', '[', ']', '@', '!', '$', '&', '\'', '(', ')', '*', '+', ',',
                    ';', '=', '%' -> true;
            default -> false;
        };
    }
}
