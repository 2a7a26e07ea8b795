package io.narwhal.http1;

import java.io.IOException;

/** The request head did not arrive within header_timeout: the client is too slow (or trickling on purpose). */
final class HeadDeadlinePassedException extends IOException {
    private static final long serialVersionUID = 1L;

    HeadDeadlinePassedException() {
        super("header_timeout passed");
    }

    /** Frequent under attack, and its stack would only show the codec's read loop. */
    @Override
    public synchronized Throwable fillInStackTrace() {
        return this;
    }
}
