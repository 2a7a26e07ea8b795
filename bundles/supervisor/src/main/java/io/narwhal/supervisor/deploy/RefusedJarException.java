package io.narwhal.supervisor.deploy;

/** A jar in the deploy folder that cannot be an app; the message says why, for one log line. */
final class RefusedJarException extends Exception {
    private static final long serialVersionUID = 1L;

    RefusedJarException(String reason) {
        super(reason);
    }
}
