package io.narwhal.worker.host;

import io.narwhal.api.app.Router;
import io.narwhal.control.ControlMessage;
import io.narwhal.launch.AppLocation;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import org.osgi.framework.BundleContext;
import org.osgi.framework.InvalidSyntaxException;
import org.osgi.framework.ServiceReference;

/**
 * Where this worker's apps are mounted, for the master to show: read off the router, and reported only when it
 * changed since the last report, so a heartbeat costs no more while nothing is deployed.
 */
final class MountReport {
    private final BundleContext context;
    private final Router router;
    private Map<String, String> reported;

    MountReport(BundleContext context, Router router) {
        this.context = context;
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
            String app = appOf(mount.serviceId());
            if (app != null) {
                String where = mount.virtualHost() == null ? mount.contextPath()
                        : mount.virtualHost() + mount.contextPath();
                mounts.merge(app, where, (first, more) -> first + "," + more);
            }
        }
        return mounts;
    }

    /** The app whose bundle registered this service; null for a service gone meanwhile or not of an app. */
    private String appOf(long serviceId) {
        try {
            ServiceReference<?>[] references = context.getAllServiceReferences(null,
                    "(" + org.osgi.framework.Constants.SERVICE_ID + "=" + serviceId + ")");
            if (references == null || references[0].getBundle() == null) {
                return null;
            }
            return AppLocation.appOf(references[0].getBundle().getLocation());
        } catch (InvalidSyntaxException e) {
            throw new IllegalStateException("a service id filter is always valid", e);
        }
    }
}
