package io.narwhal.http1;

import java.time.Duration;

/**
 * Holds a request body to a minimum rate, counting only the time spent waiting for the client (an app that reads
 * slowly is not the client's fault): a body gets an allowance of waiting, and each byte received earns 1/minRate
 * of a second more; waiting past it is a 408. So a client dribbling a body (slow POST) holds a worker for about
 * the allowance, while a large upload at any honest speed is never cut off.
 */
final class BodyPace {
    private final long minRate;
    private final long allowanceNanos;
    private long waitedNanos;
    private long received;

    /** @param minRate bytes per second; positive */
    BodyPace(int minRate, Duration allowance) {
        this.minRate = minRate;
        this.allowanceNanos = allowance.toNanos();
    }

    /**
     * Counts a read that waited for the client.
     *
     * @throws RequestTimeoutException when the body has fallen behind the minimum rate
     */
    void waited(long nanos, int bytes) {
        waitedNanos += nanos;
        received += Math.max(0, bytes);
        if (waitedNanos > allowanceNanos + received * 1_000_000_000L / minRate) {
            throw new RequestTimeoutException("the request body arrived slower than " + minRate + " bytes/s");
        }
    }
}
