package io.narwhal.http1;

/** 414: A request line longer than the limit. */
final class UriTooLongException extends RejectedRequestException {
    private static final long serialVersionUID = 1L;

    UriTooLongException(String reason) {
        super(414, reason);
    }
}
