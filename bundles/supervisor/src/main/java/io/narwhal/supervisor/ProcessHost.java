package io.narwhal.supervisor;

import io.narwhal.settings.BindAddress;
import io.narwhal.settings.ServerSettings;
import io.narwhal.supervisor.posix.ExitStatus;
import io.narwhal.control.ControlMessage;
import java.io.IOException;
import java.util.List;

/** The operating system as the arbiter uses it: its socket, its worker processes, its clock. */
interface ProcessHost {
    /**
     * Binds and listens, or takes the listening socket systemd passed (socket activation): the socket every worker
     * inherits. Returns its address, for the log.
     */
    String listen(BindAddress bind) throws IOException;

    /** Closes the master's copy of the socket: the workers keep theirs until they exit. */
    void closeListener();

    /**
     * Starts a worker process with these settings and apps; returns its PID. {@code maxRequests} (0: none) is
     * this worker's own limit, jitter included, so it can report at once when it reaches it. A {@code spare}
     * boots but accepts nothing until promoted.
     */
    int spawnWorker(int age, ServerSettings settings, long maxRequests, List<ControlMessage.Deploy> apps,
            boolean spare) throws IOException;

    /** How a worker ended, or null while it runs. Reaps it when it has ended. */
    ExitStatus pollExit(int pid) throws IOException;

    void signal(int pid, int signal) throws IOException;

    /** A reaped worker's leftovers (its framework cache) can go. */
    void workerGone(int age);

    long nanoTime();
}
