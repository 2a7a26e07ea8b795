package io.narwhal.http1;

import static java.nio.charset.StandardCharsets.ISO_8859_1;

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

    /** The reason phrase, or "" for a status without one (the phrase is optional on the wire). */
    static String reason(int status) {
        return switch (status) {
            case 100 -> "Continue";
            case 101 -> "Switching Protocols";
            case 103 -> "Early Hints";
            case 200 -> "OK";
            case 201 -> "Created";
            case 202 -> "Accepted";
            case 203 -> "Non-Authoritative Information";
            case 204 -> "No Content";
            case 205 -> "Reset Content";
            case 206 -> "Partial Content";
            case 300 -> "Multiple Choices";
            case 301 -> "Moved Permanently";
            case 302 -> "Found";
            case 303 -> "See Other";
            case 304 -> "Not Modified";
            case 307 -> "Temporary Redirect";
            case 308 -> "Permanent Redirect";
            case 400 -> "Bad Request";
            case 401 -> "Unauthorized";
            case 402 -> "Payment Required";
            case 403 -> "Forbidden";
            case 404 -> "Not Found";
            case 405 -> "Method Not Allowed";
            case 406 -> "Not Acceptable";
            case 407 -> "Proxy Authentication Required";
            case 408 -> "Request Timeout";
            case 409 -> "Conflict";
            case 410 -> "Gone";
            case 411 -> "Length Required";
            case 412 -> "Precondition Failed";
            case 413 -> "Content Too Large";
            case 414 -> "URI Too Long";
            case 415 -> "Unsupported Media Type";
            case 416 -> "Range Not Satisfiable";
            case 417 -> "Expectation Failed";
            case 421 -> "Misdirected Request";
            case 422 -> "Unprocessable Content";
            case 425 -> "Too Early";
            case 426 -> "Upgrade Required";
            case 428 -> "Precondition Required";
            case 429 -> "Too Many Requests";
            case 431 -> "Request Header Fields Too Large";
            case 451 -> "Unavailable For Legal Reasons";
            case 500 -> "Internal Server Error";
            case 501 -> "Not Implemented";
            case 502 -> "Bad Gateway";
            case 503 -> "Service Unavailable";
            case 504 -> "Gateway Timeout";
            case 505 -> "HTTP Version Not Supported";
            case 511 -> "Network Authentication Required";
            default -> "";
        };
    }

    private static byte[] encode(int status, String reason) {
        return ("HTTP/1.1 " + status + " " + reason + "\r\n").getBytes(ISO_8859_1);
    }
}
