package io.narwhal.http1.proxy;

/** A PROXY protocol header that cannot be read; the message says why. The connection is closed: there is no HTTP yet to answer in. */
public final class MalformedProxyHeaderException extends Exception {
    private static final long serialVersionUID = 1L;

    MalformedProxyHeaderException(String reason) {
        super(reason);
    }

    /** Frequent when something that is not the proxy connects, and its stack would only show the parser. */
    @Override
    public synchronized Throwable fillInStackTrace() {
        return this;
    }
}
