package io.narwhal.router;

import io.narwhal.api.app.Router;

/**
 * An app mounted in the routing table.
 *
 * @param contextPath the mount as configured: "/" or "/name"
 * @param virtualHost the lower-case host it answers for, or null for any host
 */
record Route(String contextPath, String virtualHost, AppService service) {

    Router.Mount toMount() {
        return new Router.Mount(service.name(), contextPath, virtualHost, service.serviceId());
    }

    /** Where the app sits, for log lines: "/echo" or "/echo on host example.com". */
    String where() {
        return where(contextPath, virtualHost);
    }

    static String where(String contextPath, String virtualHost) {
        return virtualHost == null ? contextPath : contextPath + " on host " + virtualHost;
    }
}
