package io.narwhal.http1;

/** 431: Too many header fields, or one field line too long. */
final class FieldsTooLargeException extends RejectedRequestException {
    private static final long serialVersionUID = 1L;

    FieldsTooLargeException(String reason) {
        super(431, reason);
    }
}
