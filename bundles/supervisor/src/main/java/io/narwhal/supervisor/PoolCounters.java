package io.narwhal.supervisor;

import io.narwhal.api.server.ServerCounters;

/** What the arbiter counts since the master started. Touched only by the arbiter's thread. */
final class PoolCounters {
    private long requestsOfGoneWorkers;
    private long booted;
    private long died;
    private long timeouts;
    private long recycled;
    private long reloads;

    void booted() {
        booted++;
    }

    void died() {
        died++;
    }

    void timedOut() {
        timeouts++;
    }

    void recycled() {
        recycled++;
    }

    void reloaded() {
        reloads++;
    }

    long reloads() {
        return reloads;
    }

    /** A worker left the table: what it served stays counted. */
    void gone(WorkerProcess worker) {
        requestsOfGoneWorkers += worker.requests;
    }

    ServerCounters snapshot(Iterable<WorkerProcess> alive) {
        long requests = requestsOfGoneWorkers;
        for (WorkerProcess worker : alive) {
            requests += worker.requests;
        }
        return new ServerCounters(requests, booted, died, timeouts, recycled, reloads);
    }
}
