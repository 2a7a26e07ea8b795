package io.narwhal.router;

import io.narwhal.api.app.AppHold;
import io.narwhal.api.app.Router;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The app services registered now, and the routing table built from them. Changes are serialized on this
 * object; readers only ever see a complete table through the volatile {@link #table()}.
 */
final class AppRegistry {
    private static final Logger LOG = LoggerFactory.getLogger(AppRegistry.class);

    private final Map<Long, AppService> mountable = new LinkedHashMap<>();
    private final Map<Long, BundleActivity> activities = new ConcurrentHashMap<>();
    private final Map<RoutingTable.MountKey, BundleActivity> held = new HashMap<>();
    private volatile RoutingTable table = RoutingTable.EMPTY;

    RoutingTable table() {
        return table;
    }

    List<Router.Mount> mounts() {
        return table.mounts();
    }

    /**
     * Mounts a new app service, or applies its changed properties (it may move, or become unmountable or
     * mountable again). One that cannot be mounted is logged with the reason, and left out.
     */
    synchronized void put(AppService app) {
        String problem = problemWith(app);
        if (problem != null) {
            LOG.error("app service {} is not mounted: {}", app.describe(), problem);
            remove(app.serviceId());
            return;
        }
        mountable.put(app.serviceId(), app);
        publish();
    }

    /** Unmounts an app service that went away; one that was never mounted is ignored. */
    synchronized void remove(long serviceId) {
        AppService gone = mountable.remove(serviceId);
        if (gone != null) {
            publish();
            forgetIfIdle(gone.bundleId());
        }
    }

    /** See {@link io.narwhal.api.app.Router#hold}. */
    synchronized AppHold hold(long bundleId) {
        BundleActivity activity = activity(bundleId);
        activity.hold();
        table.mountsOf(bundleId).forEach(key -> held.put(key, activity));
        publish();
        return new Hold(activity);
    }

    private synchronized void release(BundleActivity activity) {
        held.values().removeIf(holder -> holder == activity);
        CountDownLatch waiting = activity.unhold();
        publish();
        // After the table they will route against is in place.
        waiting.countDown();
        forgetIfIdle(activity.bundleId());
    }

    /** A bundle with no app and no hold needs no record (an uninstalled one never comes back). */
    private void forgetIfIdle(long bundleId) {
        BundleActivity activity = activities.get(bundleId);
        if (activity != null && !activity.isHeld()
                && mountable.values().stream().noneMatch(app -> app.bundleId() == bundleId)) {
            activities.remove(bundleId);
        }
    }

    private BundleActivity activity(long bundleId) {
        return activities.computeIfAbsent(bundleId, BundleActivity::new);
    }

    private static String problemWith(AppService app) {
        String problem = ContextPaths.problemWith(app.contextPath());
        return problem != null ? problem : VirtualHosts.problemWith(app.virtualHost());
    }

    private void publish() {
        RoutingTable before = table;
        RoutingTable after = RoutingTable.build(new ArrayList<>(mountable.values()), Map.copyOf(held), this::activity);
        table = after;
        logChanges(before, after);
    }

    private static void logChanges(RoutingTable before, RoutingTable after) {
        Set<Router.Mount> kept = new HashSet<>(after.mounts());
        kept.retainAll(before.mounts());
        for (Router.Mount gone : before.mounts()) {
            if (!kept.contains(gone)) {
                LOG.info("unmounted app '{}' from {}", gone.name(), where(gone));
            }
        }
        for (Router.Mount added : after.mounts()) {
            if (!kept.contains(added)) {
                LOG.info("mounted app '{}' at {}", added.name(), where(added));
            }
        }
        // Warn once per conflict as it arises, not again on every later change of the table.
        after.shadowed().forEach((loser, holder) -> {
            if (!holder.equals(before.shadowed().get(loser))) {
                LOG.warn("app service {} is not mounted: app service {} already holds {} (higher service.ranking,"
                        + " then lower service.id wins)", loser.describe(), holder.describe(),
                        Route.where((String) loser.contextPath(), VirtualHosts.normalize(loser.virtualHost())));
            }
        });
    }

    private static String where(Router.Mount mount) {
        return Route.where(mount.contextPath(), mount.virtualHost());
    }

    private final class Hold implements AppHold {
        private final BundleActivity activity;
        private boolean closed;

        Hold(BundleActivity activity) {
            this.activity = activity;
        }

        @Override
        public boolean awaitIdle(Duration timeout) throws InterruptedException {
            return activity.awaitIdle(timeout);
        }

        @Override
        public int inFlight() {
            return activity.inFlight();
        }

        @Override
        public void close() {
            synchronized (AppRegistry.this) {
                if (!closed) {
                    closed = true;
                    release(activity);
                }
            }
        }
    }
}
