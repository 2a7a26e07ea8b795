package io.narwhal.router;

import io.narwhal.api.app.Router;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.function.LongFunction;
import java.util.stream.Stream;

/**
 * An immutable snapshot of the mounted apps. The registry builds a new one on every change and swaps it in
 * whole, so a request always routes against one consistent table without taking a lock.
 */
final class RoutingTable {
    /** Longest context path first, so the first route that covers a path is the longest match. */
    private static final Comparator<Route> LONGEST_FIRST = Comparator
            .comparingInt((Route route) -> route.contextPath().length()).reversed()
            .thenComparing(Route::contextPath);

    /** Declared after the comparator that building it needs. */
    static final RoutingTable EMPTY = build(List.of(), Map.of(), bundleId -> new BundleActivity(bundleId));

    private final Map<String, List<Route>> byHost;
    private final List<Route> anyHost;
    private final List<Router.Mount> mounts;
    private final Map<AppService, AppService> shadowed;

    private RoutingTable(Map<String, List<Route>> byHost, List<Route> anyHost, List<Router.Mount> mounts,
            Map<AppService, AppService> shadowed) {
        this.byHost = byHost;
        this.anyHost = anyHost;
        this.mounts = mounts;
        this.shadowed = shadowed;
    }

    /**
     * Mounts these apps (whose context path and host are valid). Where two claim the same host and path,
     * {@link AppService#PRECEDENCE} picks the one mounted; the other is recorded in {@link #shadowed()}.
     * A held mount routes to the bundle that holds it whatever is registered there, so its requests wait for
     * the hold to end instead of reaching another app or a 404.
     *
     * @param held the held mounts, with the traffic of the bundle that holds each
     * @param activityOf the traffic of each app's bundle
     */
    static RoutingTable build(Collection<AppService> apps, Map<MountKey, BundleActivity> held,
            LongFunction<BundleActivity> activityOf) {
        Map<MountKey, AppService> winners = new LinkedHashMap<>();
        Map<AppService, AppService> shadowed = new HashMap<>();
        apps.stream().sorted(AppService.PRECEDENCE).forEach(app -> {
            MountKey key = MountKey.of(app);
            AppService holder = winners.putIfAbsent(key, app);
            if (holder != null) {
                shadowed.put(app, holder);
            }
        });

        Map<String, List<Route>> byHost = new HashMap<>();
        List<Route> anyHost = new ArrayList<>();
        List<Route> all = new ArrayList<>();
        Map<MountKey, Route> byKey = new LinkedHashMap<>();
        winners.forEach((key, app) -> byKey.put(key, new Route(key.contextPath(), key.virtualHost(), app,
                activityOf.apply(app.bundleId()))));
        held.forEach((key, activity) -> {
            Route route = byKey.get(key);
            if (route == null || route.service().bundleId() != activity.bundleId()) {
                byKey.put(key, new Route(key.contextPath(), key.virtualHost(), null, activity));
            }
        });
        byKey.values().forEach(route -> {
            if (!route.isPlaceholder()) {
                all.add(route);
            }
            if (route.virtualHost() == null) {
                anyHost.add(route);
            } else {
                byHost.computeIfAbsent(route.virtualHost(), host -> new ArrayList<>()).add(route);
            }
        });
        byHost.replaceAll((host, routes) -> sortedCopy(routes));
        all.sort(LONGEST_FIRST.thenComparing(route -> route.virtualHost() == null)
                .thenComparing(route -> Objects.toString(route.virtualHost(), "")));
        return new RoutingTable(Map.copyOf(byHost), sortedCopy(anyHost),
                all.stream().map(Route::mount).toList(), Map.copyOf(shadowed));
    }

    /**
     * The route for a request: among the apps mounted for its host the longest covering context path; only
     * when none covers it, the same among the apps that answer for any host.
     *
     * @param host the request's host, lower case and without port, or null when it sent none
     * @return the route, or null when no app covers the path
     */
    Route find(String host, String path) {
        if (host != null) {
            Route route = longestCovering(byHost.getOrDefault(host, List.of()), path);
            if (route != null) {
                return route;
            }
        }
        return longestCovering(anyHost, path);
    }

    /** Whether any app answers for a host of its own. */
    boolean hasVirtualHosts() {
        return !byHost.isEmpty();
    }

    /** The mounted apps, longest context path first. */
    List<Router.Mount> mounts() {
        return mounts;
    }

    /** The mounts this bundle's apps hold (a held mount counts, registered or not). */
    Set<MountKey> mountsOf(long bundleId) {
        Set<MountKey> keys = new HashSet<>();
        Stream.concat(anyHost.stream(), byHost.values().stream().flatMap(List::stream))
                .filter(route -> route.activity().bundleId() == bundleId)
                .forEach(route -> keys.add(new MountKey(route.contextPath(), route.virtualHost())));
        return keys;
    }

    /** Each app left unmounted because another holds its host and path, with the one that holds it. */
    Map<AppService, AppService> shadowed() {
        return shadowed;
    }

    private static Route longestCovering(List<Route> routes, String path) {
        for (int i = 0; i < routes.size(); i++) { // by index: an immutable list's iterator is an allocation a request
            Route route = routes.get(i);
            if (ContextPaths.covers(route.contextPath(), path)) {
                return route;
            }
        }
        return null;
    }

    private static List<Route> sortedCopy(List<Route> routes) {
        List<Route> sorted = new ArrayList<>(routes);
        sorted.sort(LONGEST_FIRST);
        return List.copyOf(sorted);
    }

    /** What two apps must share to conflict. */
    record MountKey(String contextPath, String virtualHost) {
        static MountKey of(AppService app) {
            return new MountKey((String) app.contextPath(), VirtualHosts.normalize(app.virtualHost()));
        }
    }
}
