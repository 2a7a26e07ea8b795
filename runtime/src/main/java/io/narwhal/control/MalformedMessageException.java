package io.narwhal.control;

/** A control line that is not a message of the protocol; its message says what is wrong. */
public final class MalformedMessageException extends IllegalArgumentException {
    private static final long serialVersionUID = 1L;

    public MalformedMessageException(String message) {
        super(message);
    }
}
