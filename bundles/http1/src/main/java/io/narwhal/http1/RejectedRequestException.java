package io.narwhal.http1;

import io.narwhal.api.http.HttpException;

/**
 * Request bytes the codec refuses to serve. The status says how it is answered; the connection is always
 * closed afterwards, since after a framing error nothing on it can be trusted to start a next request.
 */
abstract sealed class RejectedRequestException extends HttpException
        permits BadRequestException, UriTooLongException, FieldsTooLargeException, NotImplementedException,
        VersionNotSupportedException, RequestTimeoutException {
    private static final long serialVersionUID = 1L;

    RejectedRequestException(int status, String reason) {
        super(status, reason);
    }

    /** A stack trace would only show the parser's innards, and rejections are frequent under attack. */
    @Override
    public synchronized Throwable fillInStackTrace() {
        return this;
    }
}
