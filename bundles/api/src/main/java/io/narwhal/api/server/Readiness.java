package io.narwhal.api.server;

import java.util.List;

/**
 * Whether the server should be sent traffic now (a load balancer's readiness check): ready when the target number
 * of workers serves and every app of the deploy folder is active on each of them; never from the first TERM on, so a
 * balancer drains the host before it stops.
 *
 * @param reasons why it is not ready, each a sentence; empty when it is
 */
public record Readiness(boolean ready, List<String> reasons) {
    public Readiness {
        reasons = List.copyOf(reasons);
        if (ready != reasons.isEmpty()) {
            throw new IllegalArgumentException("a server is ready exactly when nothing keeps it from it: " + reasons);
        }
    }

    public static Readiness of(List<String> reasons) {
        return new Readiness(reasons.isEmpty(), reasons);
    }
}
