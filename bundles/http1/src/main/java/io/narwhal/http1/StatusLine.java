package io.narwhal.http1;

import static java.nio.charset.StandardCharsets.ISO_8859_1;

import io.narwhal.api.http.HttpStatus;

/**
 * Status lines with their reason phrases (RFC 9110 15), encoded once. The version is always HTTP/1.1: a
 * server sends its own version, whatever the request's (RFC 9110 6.2).
 */
final class StatusLine {
    private static final byte[][] ENCODED = new byte[600][];

    static {
        for (int status = 100; status < ENCODED.length; status++) {
            String reason = reason(status);
            if (!reason.isEmpty()) {
                ENCODED[status] = encode(status, reason);
            }
        }
    }

    private StatusLine() {
    }

    /** "HTTP/1.1 200 OK\r\n" and the like. */
    static byte[] bytes(int status) {
        byte[] known = status < ENCODED.length ? ENCODED[status] : null;
        return known != null ? known : encode(status, reason(status));
    }

    /** The registered reason phrase, or "" for a status without one (the phrase is optional on the wire). */
    private static String reason(int status) {
        return HttpStatus.reasonPhrase(status, "");
    }

    private static byte[] encode(int status, String reason) {
        return ("HTTP/1.1 " + status + " " + reason + "\r\n").getBytes(ISO_8859_1);
    }
}
