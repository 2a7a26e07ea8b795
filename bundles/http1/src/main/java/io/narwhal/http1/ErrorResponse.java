package io.narwhal.http1;

import static java.nio.charset.StandardCharsets.UTF_8;

import io.narwhal.api.http.HttpStatus;

/** The short text answers the codec sends for a refused request or a failed handler. */
final class ErrorResponse {
    static final String CONTENT_TYPE = "text/plain; charset=utf-8";

    private static final byte[] HEADERS = ("Server: narwhal\r\nContent-Type: " + CONTENT_TYPE
            + "\r\nConnection: close\r\nContent-Length: ").getBytes(UTF_8);

    private ErrorResponse() {
    }

    /** "400 Bad Request: reason\n", or "500 Internal Server Error\n" without a reason. */
    static String text(int status, String reason) {
        String line = status + " " + HttpStatus.reasonPhrase(status);
        return (reason == null || reason.isBlank() ? line : line + ": " + reason.strip()) + "\n";
    }

    /** A complete response to input the codec refuses, after which the connection closes. */
    static void writeRejection(OutputBuffer out, int status, String reason) {
        byte[] body = text(status, reason).getBytes(UTF_8);
        out.put(StatusLine.bytes(status));
        out.put(HttpDate.headerLine());
        out.put(HEADERS);
        out.putDecimal(body.length);
        out.putCrlf();
        out.putCrlf();
        out.put(body);
    }
}
