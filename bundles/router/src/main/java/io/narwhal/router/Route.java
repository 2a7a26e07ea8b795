package io.narwhal.router;

import io.narwhal.api.app.Router;

/**
 * An app mounted in the routing table, or a held mount that keeps its place while its app is replaced.
 *
 * @param contextPath the mount as configured: "/" or "/name"
 * @param virtualHost the lower-case host it answers for, or null for any host
 * @param service the app, or null for a held mount whose app is not registered at the moment
 * @param activity the traffic of the bundle the requests here belong to
 */
record Route(String contextPath, String virtualHost, AppService service, BundleActivity activity) {

    /** A held mount with no app registered: it stands only for the hold, and is never listed as mounted. */
    boolean isPlaceholder() {
        return service == null;
    }

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
