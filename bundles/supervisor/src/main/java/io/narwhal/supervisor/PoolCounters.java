package io.narwhal.supervisor;

import io.narwhal.api.server.ServerCounters;

/** What the arbiter counts since the master started. Touched only by the arbiter's thread. */
final class PoolCounters {
    private long requestsOfGoneWorkers;
    private long connectionsOfGoneWorkers;
    private long booted;
    private long died;
    private long timeouts;
    private long recycled;
    private long reloads;
    /** What gone workers served, by app and worker class, as each last reported it. */
    private final RequestTotals requestsOfGone = new RequestTotals();

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
        if (worker.stats != null) {
            requestsOfGone.add(worker.workerClass, worker.stats.apps());
            connectionsOfGoneWorkers += worker.stats.connections();
        }
    }

    /** Connections every worker accepted, gone ones included, as each last reported. */
    long connections(Iterable<WorkerProcess> alive) {
        long connections = connectionsOfGoneWorkers;
        for (WorkerProcess worker : alive) {
            connections += worker.stats == null ? 0 : worker.stats.connections();
        }
        return connections;
    }

    /** Every worker's requests by app and worker class: the gone ones' and what the living last reported. */
    RequestTotals requests(Iterable<WorkerProcess> alive) {
        RequestTotals totals = requestsOfGone.copy();
        for (WorkerProcess worker : alive) {
            if (worker.stats != null) {
                totals.add(worker.workerClass, worker.stats.apps());
            }
        }
        return totals;
    }

    ServerCounters snapshot(Iterable<WorkerProcess> alive) {
        long requests = requestsOfGoneWorkers;
        for (WorkerProcess worker : alive) {
            requests += worker.requests;
        }
        return new ServerCounters(requests, booted, died, timeouts, recycled, reloads);
    }
}
