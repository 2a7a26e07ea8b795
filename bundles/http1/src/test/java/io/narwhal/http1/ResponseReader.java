package io.narwhal.http1;

import io.narwhal.api.http.Headers;
import java.io.ByteArrayOutputStream;

/** A strict client-side parser of the raw response bytes a test got back, one response after another. */
final class ResponseReader {
    private final ByteCursor bytes;

    ResponseReader(byte[] bytes) {
        this.bytes = new ByteCursor(bytes);
    }

    boolean atEnd() {
        return bytes.atEnd();
    }

    /** The remaining bytes, unparsed. */
    String rest() {
        return bytes.rest();
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
        return new RawResponse(statusLine, status, headers, take(length != null ? Long.parseLong(length)
                : bytes.remaining(), "body shorter than its Content-Length " + length), false);
    }

    private byte[] chunkedBody() {
        ByteArrayOutputStream body = new ByteArrayOutputStream();
        while (true) {
            int size = Integer.parseInt(line(), 16);
            if (size == 0) {
                if (!line().isEmpty()) {
                    throw new AssertionError("trailers in a response");
                }
                return body.toByteArray();
            }
            body.writeBytes(take(size, "chunk shorter than its size " + size));
            if (!line().isEmpty()) {
                throw new AssertionError("chunk data not followed by CRLF");
            }
        }
    }

    private byte[] take(long length, String shortfall) {
        if (length > bytes.remaining()) {
            throw new AssertionError(shortfall);
        }
        return bytes.take(length);
    }

    private String line() {
        String line = bytes.line();
        if (line == null) {
            throw new AssertionError("no complete line in: " + rest());
        }
        if (line.indexOf('\n') >= 0) {
            throw new AssertionError("bare LF in a response");
        }
        return line;
    }
}
