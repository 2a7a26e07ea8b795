package io.narwhal.worker.host;

import io.narwhal.api.app.Router;
import io.narwhal.control.ControlMessage;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;

/**
 * Where this worker's apps are mounted, for the master to show: read off the router, and reported only when it
 * changed since the last report, so a heartbeat costs no more while nothing is deployed.
 */
final class MountReport {
    private final AppNames apps;
    private final Router router;
    private Map<String, String> reported;

    MountReport(AppNames apps, Router router) {
        this.apps = apps;
        this.router = router;
    }

    /** The mounts now, if they are not what was reported last (which they then become). */
    synchronized Optional<ControlMessage.AppMounts> changed() {
        Map<String, String> now = current();
        if (now.equals(reported)) {
            return Optional.empty();
        }
        reported = now;
        return Optional.of(new ControlMessage.AppMounts(now));
    }

    /** App to its mounts ({@code /path} or {@code host/path}, joined by commas), longest context path first. */
    private Map<String, String> current() {
        Map<String, String> mounts = new TreeMap<>();
        for (Router.Mount mount : router.mounts()) {
            String app = apps.appOf(mount.serviceId());
            if (app != null) {
                String where = mount.virtualHost() == null ? mount.contextPath()
                        : mount.virtualHost() + mount.contextPath();
                mounts.merge(app, where, (first, more) -> first + "," + more);
            }
        }
        return mounts;
    }
}
