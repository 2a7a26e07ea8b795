package io.narwhal.http1;

import static java.nio.charset.StandardCharsets.ISO_8859_1;

import io.narwhal.api.http.Headers;

/**
 * Writes a response head: status line, Date, Server, the app's fields, then the framing and connection
 * fields the codec decided. The app's own Content-Length, Transfer-Encoding and Connection are left out:
 * framing the app could get wrong is never taken from it.
 */
final class ResponseHeadWriter {
    private static final byte[] SERVER = "Server: narwhal\r\n".getBytes(ISO_8859_1);
    private static final byte[] COLON_SPACE = ": ".getBytes(ISO_8859_1);
    private static final byte[] CONTENT_LENGTH = "Content-Length: ".getBytes(ISO_8859_1);
    private static final byte[] CHUNKED = "Transfer-Encoding: chunked\r\n".getBytes(ISO_8859_1);
    private static final byte[] CONNECTION_CLOSE = "Connection: close\r\n".getBytes(ISO_8859_1);
    private static final byte[] CONNECTION_KEEP_ALIVE = "Connection: keep-alive\r\n".getBytes(ISO_8859_1);
    private static final byte[] CONNECTION_UPGRADE = "Connection: Upgrade\r\n".getBytes(ISO_8859_1);

    /** What the Connection field says, when there is one. */
    enum ConnectionField {
        NONE, CLOSE, KEEP_ALIVE, UPGRADE
    }

    private ResponseHeadWriter() {
    }

    /**
     * @param contentLength the Content-Length to announce, or -1 for none
     * @param chunked whether to announce Transfer-Encoding: chunked
     */
    static void write(OutputBuffer out, int status, Headers appHeaders, long contentLength, boolean chunked,
            ConnectionField connection) {
        out.put(StatusLine.bytes(status));
        if (!appHeaders.contains("Date")) {
            out.put(HttpDate.headerLine());
        }
        if (!appHeaders.contains("Server")) {
            out.put(SERVER);
        }
        appHeaders.forEach((name, value) -> {
            if (!isFramingField(name)) {
                out.putLatin1(name);
                out.put(COLON_SPACE);
                out.putLatin1(value);
                out.putCrlf();
            }
        });
        if (contentLength >= 0) {
            out.put(CONTENT_LENGTH);
            out.putDecimal(contentLength);
            out.putCrlf();
        }
        if (chunked) {
            out.put(CHUNKED);
        }
        switch (connection) {
            case CLOSE -> out.put(CONNECTION_CLOSE);
            case KEEP_ALIVE -> out.put(CONNECTION_KEEP_ALIVE);
            case UPGRADE -> out.put(CONNECTION_UPGRADE);
            case NONE -> {
            }
        }
        out.putCrlf();
    }

    private static boolean isFramingField(String name) {
        return name.equalsIgnoreCase("Content-Length") || name.equalsIgnoreCase("Transfer-Encoding")
                || name.equalsIgnoreCase("Connection");
    }
}
