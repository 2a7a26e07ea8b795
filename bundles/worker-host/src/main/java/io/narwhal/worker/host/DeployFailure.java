package io.narwhal.worker.host;

/** Why a revision could not be made to serve in this worker: the message is the reason the master logs. */
final class DeployFailure extends Exception {
    private static final long serialVersionUID = 1L;

    DeployFailure(String reason) {
        super(reason);
    }
}
