package io.narwhal.api.http;

import java.io.IOException;

/**
 * Reading the request body failed because of the client, not the app: the body is malformed (a bad chunk), it
 * ended early (the peer closed inside it), or it did not arrive in time. Every read after the first failure
 * throws it again. An app may let it go (or catch it to clean up): the server answers {@link #status()} if
 * nothing is committed yet, and otherwise breaks the response off, so a truncated body is never passed off as a
 * whole one. It is never logged as the app's failure.
 */
public class RequestBodyException extends IOException {
    private static final long serialVersionUID = 1L;
    private final int status;

    /** @param status how the request is answered if it still can be: 400 (malformed, incomplete) or 408 (late) */
    public RequestBodyException(int status, String message, Throwable cause) {
        super(message, cause);
        this.status = status;
    }

    public int status() {
        return status;
    }
}
