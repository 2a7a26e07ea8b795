package io.narwhal.http1;

import static java.nio.charset.StandardCharsets.ISO_8859_1;

import io.narwhal.api.http.Headers;
import java.util.Arrays;

/** A strict client-side parser of the raw response bytes a test got back, one response after another. */
final class ResponseReader {
    private final byte[] bytes;
    private int position;

    ResponseReader(byte[] bytes) {
        this.bytes = bytes;
    }

    boolean atEnd() {
        return position == bytes.length;
    }

    /** The remaining bytes, unparsed. */
    String rest() {
        return new String(bytes, position, bytes.length - position, ISO_8859_1);
    }

    /** The next response to a request other than HEAD. */
    RawResponse next() {
        return next(false);
    }

    /** The next response; for HEAD there is no body whatever the head says. */
    RawResponse next(boolean toHead) {
        String statusLine = line();
        if (!statusLine.matches("HTTP/1\\.1 \\d{3} .*")) {
            throw new AssertionError("not a status line: " + statusLine);
        }
        int status = Integer.parseInt(statusLine.substring(9, 12));
        Headers headers = new Headers();
        for (String line = line(); !line.isEmpty(); line = line()) {
            int colon = line.indexOf(':');
            if (colon <= 0) {
                throw new AssertionError("not a field line: " + line);
            }
            headers.add(line.substring(0, colon), line.substring(colon + 1).strip());
        }
        boolean chunked = headers.containsToken("Transfer-Encoding", "chunked");
        if (toHead || status < 200 || status == 204 || status == 304) {
            return new RawResponse(statusLine, status, headers, new byte[0], chunked);
        }
        if (chunked) {
            return new RawResponse(statusLine, status, headers, chunkedBody(), true);
        }
        String length = headers.first("Content-Length");
        int end = length != null ? position + Integer.parseInt(length) : bytes.length;
        if (end > bytes.length) {
            throw new AssertionError("body shorter than its Content-Length " + length);
        }
        byte[] body = Arrays.copyOfRange(bytes, position, end);
        position = end;
        return new RawResponse(statusLine, status, headers, body, false);
    }

    private byte[] chunkedBody() {
        java.io.ByteArrayOutputStream body = new java.io.ByteArrayOutputStream();
        while (true) {
            int size = Integer.parseInt(line(), 16);
            if (size == 0) {
                if (!line().isEmpty()) {
                    throw new AssertionError("trailers in a response");
                }
                return body.toByteArray();
            }
            body.write(bytes, position, size);
            position += size;
            if (!line().isEmpty()) {
                throw new AssertionError("chunk data not followed by CRLF");
            }
        }
    }

    private String line() {
        for (int i = position; i + 1 < bytes.length; i++) {
            if (bytes[i] == '\r' && bytes[i + 1] == '\n') {
                String line = new String(bytes, position, i - position, ISO_8859_1);
                position = i + 2;
                return line;
            }
            if (bytes[i] == '\n') {
                throw new AssertionError("bare LF in a response");
            }
        }
        throw new AssertionError("no complete line in: " + rest());
    }
}
