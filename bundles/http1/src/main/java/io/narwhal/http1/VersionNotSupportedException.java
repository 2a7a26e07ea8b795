package io.narwhal.http1;

/** 505: A well-formed HTTP version other than 1.0 and 1.1. */
final class VersionNotSupportedException extends RejectedRequestException {
    private static final long serialVersionUID = 1L;

    VersionNotSupportedException(String reason) {
        super(505, reason);
    }
}
