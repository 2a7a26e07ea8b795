package io.narwhal.supervisor.posix;

import java.io.IOException;

/**
 * A failed system call: the message is one line for the log ("cannot bind 127.0.0.1:8000: Address
 * already in use"), and the errno stays available so a caller can act on it, e.g. retry a bind on
 * {@link Posix#EADDRINUSE} while an old master lets go of the port, as Gunicorn does.
 */
public final class PosixException extends IOException {

    private static final long serialVersionUID = 1L;

    private final int errno;

    public PosixException(String message, int errno) {
        super(message);
        this.errno = errno;
    }

    public int errno() {
        return errno;
    }
}
