package io.narwhal.router;

import io.narwhal.api.app.Router;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The app services registered now, and the routing table built from them. Changes are serialized on this
 * object; readers only ever see a complete table through the volatile {@link #table()}.
 */
final class AppRegistry {
    private static final Logger LOG = LoggerFactory.getLogger(AppRegistry.class);

    private final Map<Long, AppService> mountable = new LinkedHashMap<>();
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
        if (mountable.remove(serviceId) != null) {
            publish();
        }
    }

    private static String problemWith(AppService app) {
        String problem = ContextPaths.problemWith(app.contextPath());
        return problem != null ? problem : VirtualHosts.problemWith(app.virtualHost());
    }

    private void publish() {
        RoutingTable before = table;
        RoutingTable after = RoutingTable.build(new ArrayList<>(mountable.values()));
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
}
