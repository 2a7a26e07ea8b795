package io.narwhal.http1;

/** 400: Malformed request syntax or framing. */
final class BadRequestException extends RejectedRequestException {
    private static final long serialVersionUID = 1L;

    BadRequestException(String reason) {
        super(400, reason);
    }
}
