package io.narwhal.api.codec;

/**
 * Limits checked as request bytes arrive, named as Gunicorn's settings.
 *
 * @param requestLine the longest request line in bytes, CRLF excluded (over it: 414)
 * @param fields the most header fields (over it: 431)
 * @param fieldSize the longest header field line in bytes, CRLF excluded (over it: 431)
 */
public record RequestLimits(int requestLine, int fields, int fieldSize) {
    /** limit_request_line 4094, limit_request_fields 100, limit_request_field_size 8190. */
    public static final RequestLimits GUNICORN_DEFAULTS = new RequestLimits(4094, 100, 8190);

    public RequestLimits {
        if (requestLine <= 0 || fields <= 0 || fieldSize <= 0) {
            throw new IllegalArgumentException("limits must be positive");
        }
    }
}
