package io.narwhal.http1;

/** 408: the client sends too slowly for the deadlines the connection runs under. */
final class RequestTimeoutException extends RejectedRequestException {
    private static final long serialVersionUID = 1L;

    RequestTimeoutException(String reason) {
        super(408, reason);
    }
}
