package io.narwhal.api.http;

/**
 * A failure that carries the HTTP status it should be answered with. The codec throws it for malformed
 * input (400, 414, 431, ...); an app may throw it to answer with a status instead of a 500.
 */
public class HttpException extends RuntimeException {
    private static final long serialVersionUID = 1L;
    private final int status;

    public HttpException(int status, String message) {
        super(message);
        this.status = status;
    }

    public HttpException(int status, String message, Throwable cause) {
        super(message, cause);
        this.status = status;
    }

    public int status() {
        return status;
    }
}
