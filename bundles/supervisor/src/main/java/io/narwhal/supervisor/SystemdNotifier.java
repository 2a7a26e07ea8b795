package io.narwhal.supervisor;

import io.narwhal.supervisor.posix.Posix;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.LongSupplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * sd_notify(3) for a master run as a systemd service of Type=notify (or notify-reload): READY=1 once the pool first
 * serves with every worker asked for; on a HUP, RELOADING=1 with MONOTONIC_USEC, and READY=1 again once every outdated
 * worker is replaced; STOPPING=1 when a stop begins; STATUS= whenever its line changes. A HUP before the first
 * READY=1 is part of starting, not a reload. Sending is best effort: a failure is logged once and serving goes on.
 */
final class SystemdNotifier implements ServiceManager {
    static final String NOTIFY_SOCKET = "NOTIFY_SOCKET";
    private static final Logger LOG = LoggerFactory.getLogger(SystemdNotifier.class);

    /** Where the datagrams go. */
    @FunctionalInterface
    interface NotifySocket {
        void send(String message) throws IOException;
    }

    private final NotifySocket socket;
    private final LongSupplier monotonicMicros;
    private boolean ready;
    private boolean reloading;
    private boolean stopping;
    private long reloadsSeen;
    private String status;
    private boolean failedBefore;

    SystemdNotifier(NotifySocket socket, LongSupplier monotonicMicros) {
        this.socket = socket;
        this.monotonicMicros = monotonicMicros;
    }

    /** A notifier for the NOTIFY_SOCKET systemd set, or {@link ServiceManager#NONE} when there is none. */
    static ServiceManager fromEnvironment(Map<String, String> environment) {
        String address = environment.get(NOTIFY_SOCKET);
        if (address == null || address.isEmpty()) {
            return NONE;
        }
        if (!address.startsWith("/") && !address.startsWith("@")) {
            LOG.warn("{}={} is neither a path nor an abstract socket name (@name): systemd is not notified",
                    NOTIFY_SOCKET, address);
            return NONE;
        }
        LOG.debug("Notifying systemd at {}", address);
        return new SystemdNotifier(message -> Posix.sendDatagram(address, message), Posix::monotonicMicros);
    }

    @Override
    public void update(ServiceState state) {
        List<String> lines = new ArrayList<>();
        if (state.stopping()) {
            if (!stopping) {
                stopping = true;
                lines.add("STOPPING=1");
            }
        } else if (!ready) {
            if (state.settled()) {
                ready = true;
                reloadsSeen = state.reloads();
                lines.add("READY=1");
            }
        } else if (state.reloads() > reloadsSeen) {
            // Each HUP is told: under Type=notify-reload, systemd waits for one stamped after the signal it sent.
            reloadsSeen = state.reloads();
            reloading = true;
            lines.add("RELOADING=1");
            lines.add("MONOTONIC_USEC=" + monotonicMicros.getAsLong());
        } else if (reloading && state.settled()) {
            reloading = false;
            lines.add("READY=1");
        }
        String line = statusLine(state);
        if (!line.equals(status)) {
            status = line;
            lines.add("STATUS=" + line);
        }
        if (!lines.isEmpty()) {
            send(String.join("\n", lines));
        }
    }

    private String statusLine(ServiceState state) {
        if (stopping) {
            return state.alive() == 0 ? "stopping, every worker exited"
                    : "stopping, " + state.alive() + (state.alive() == 1 ? " worker" : " workers") + " draining";
        }
        String serving = state.serving() + " of " + state.target() + " workers serving";
        if (!ready) {
            return "booting, " + serving;
        }
        return reloading ? "reloading, " + serving + ", " + state.outdated() + " to replace" : serving;
    }

    private void send(String message) {
        try {
            socket.send(message);
        } catch (IOException | RuntimeException e) {
            if (failedBefore) {
                LOG.debug("cannot notify systemd: {}", e.getMessage());
            } else {
                failedBefore = true;
                LOG.warn("cannot notify systemd: {}; serving on (further failures are logged at debug)",
                        e.getMessage());
            }
        }
    }
}
