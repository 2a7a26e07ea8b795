package io.narwhal.api.server;

import java.time.Duration;
import java.util.List;

/**
 * One worker process.
 *
 * @param id the worker's number, counting every worker the master spawned (Gunicorn's age): the shell's handle
 * @param pid its process id
 * @param state where it is in its life
 * @param spare spawned to stand by (it may be booting still)
 * @param outdated it runs with older settings, or reached max_requests: replaced once a fresh worker serves
 * @param uptime since it was spawned
 * @param requests requests it has served, as of its last heartbeat
 * @param sinceHeartbeat since it last showed progress (a heartbeat, or its boot); compared with {@code timeout}
 * @param rssBytes resident memory; -1 where it could not be read
 * @param pssBytes proportional set size (shared pages divided among the processes sharing them); -1 where it
 *     could not be read
 * @param apps the apps on it, and what it does with each
 */
public record WorkerStatus(int id, long pid, WorkerState state, boolean spare, boolean outdated, Duration uptime,
        long requests, Duration sinceHeartbeat, long rssBytes, long pssBytes, List<AppStatus> apps) {
    public WorkerStatus {
        apps = List.copyOf(apps);
    }

    /** The same worker with its memory as read now. */
    public WorkerStatus withMemory(long rss, long pss) {
        return new WorkerStatus(id, pid, state, spare, outdated, uptime, requests, sinceHeartbeat, rss, pss, apps);
    }
}
