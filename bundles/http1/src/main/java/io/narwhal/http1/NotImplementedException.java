package io.narwhal.http1;

/** 501: A transfer coding the codec does not implement. */
final class NotImplementedException extends RejectedRequestException {
    private static final long serialVersionUID = 1L;

    NotImplementedException(String reason) {
        super(501, reason);
    }
}
