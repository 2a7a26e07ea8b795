package io.narwhal.http1;

/**
 * How the bytes of a response body go on the wire, decided when the head is written.
 *
 * @param length the number of bytes the head announced, for {@link Mode#LENGTH}
 */
record BodyEncoding(Mode mode, long length) {
    enum Mode {
        /** Exactly the announced Content-Length. */
        LENGTH,
        /** Chunked transfer coding, HTTP/1.1 only. */
        CHUNKED,
        /** Raw bytes ended by closing the connection: HTTP/1.0 without a length. */
        CLOSE_DELIMITED,
        /** No body on the wire: HEAD, 1xx, 204, 304. What the app writes is dropped. */
        NONE
    }

    static final BodyEncoding CHUNKED = new BodyEncoding(Mode.CHUNKED, -1);
    static final BodyEncoding CLOSE_DELIMITED = new BodyEncoding(Mode.CLOSE_DELIMITED, -1);
    static final BodyEncoding NONE = new BodyEncoding(Mode.NONE, -1);

    static BodyEncoding length(long length) {
        return new BodyEncoding(Mode.LENGTH, length);
    }
}
