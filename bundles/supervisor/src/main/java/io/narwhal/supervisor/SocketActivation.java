package io.narwhal.supervisor;

import java.io.IOException;
import java.util.Map;
import java.util.OptionalInt;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * systemd's socket activation, read as sd_listen_fds(3) reads it: LISTEN_PID names the process the sockets are for,
 * LISTEN_FDS how many were passed, from fd 3 on. Narwhal serves one listener, so more than one is refused rather
 * than some of them left unserved while systemd queues connections on them.
 */
final class SocketActivation {
    /** SD_LISTEN_FDS_START. */
    static final int FIRST_FD = 3;
    /** What systemd sets for a socket-activated service; a worker is given none of them. */
    static final String LISTEN_PID = "LISTEN_PID", LISTEN_FDS = "LISTEN_FDS", LISTEN_FDNAMES = "LISTEN_FDNAMES";
    private static final Logger LOG = LoggerFactory.getLogger(SocketActivation.class);

    private SocketActivation() {
    }

    /**
     * The fd of the listening socket passed to process {@code ownPid}, or empty when none was: LISTEN_PID or
     * LISTEN_FDS unset, LISTEN_FDS 0, or LISTEN_PID another process's (set for a parent that did not exec us).
     * A value that is not a number, or more than one socket, is refused.
     */
    static OptionalInt passedListener(Map<String, String> environment, long ownPid) throws IOException {
        String pidText = environment.get(LISTEN_PID);
        String fdsText = environment.get(LISTEN_FDS);
        if (pidText == null || fdsText == null) {
            return OptionalInt.empty();
        }
        long pid = number(LISTEN_PID, pidText);
        if (pid != ownPid) {
            LOG.info("{}={} is for process {}, not this one ({}): binding the socket instead", LISTEN_FDS, fdsText,
                    pidText, ownPid);
            return OptionalInt.empty();
        }
        long fds = number(LISTEN_FDS, fdsText);
        if (fds == 0) {
            return OptionalInt.empty();
        }
        if (fds > 1) {
            String names = environment.get(LISTEN_FDNAMES);
            throw new IOException("socket activation passed " + fds + " sockets (" + LISTEN_FDS + "=" + fdsText
                    + (names == null ? "" : ", " + LISTEN_FDNAMES + "=" + names)
                    + "); narwhal serves one: give its .socket unit a single ListenStream=");
        }
        return OptionalInt.of(FIRST_FD);
    }

    private static long number(String variable, String text) throws IOException {
        if (text.isEmpty() || text.length() > 18 || !text.chars().allMatch(Character::isDigit)) {
            throw new IOException("socket activation: " + variable + "='" + text + "' is not a number");
        }
        return Long.parseLong(text);
    }
}
