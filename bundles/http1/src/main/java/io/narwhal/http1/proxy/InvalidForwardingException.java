package io.narwhal.http1.proxy;

/**
 * Forwarding headers from an allowed proxy that cannot be believed as they stand (malformed, or contradicting each
 * other): the request is refused with 400 and this reason, rather than served with a client address or scheme
 * that may be wrong.
 */
public final class InvalidForwardingException extends Exception {
    private static final long serialVersionUID = 1L;

    InvalidForwardingException(String reason) {
        super(reason);
    }

    @Override
    public synchronized Throwable fillInStackTrace() {
        return this;
    }
}
