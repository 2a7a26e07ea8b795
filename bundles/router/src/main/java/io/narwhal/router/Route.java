package io.narwhal.router;

import io.narwhal.api.app.Router;

/**
 * An app mounted in the routing table, or a held mount that keeps its place while its app is replaced.
 *
 * @param contextPath the mount as configured: "/" or "/name"
 * @param virtualHost the lower-case host it answers for, or null for any host
 * @param service the app, or null for a held mount whose app is not registered at the moment
 * @param activity the traffic of the bundle the requests here belong to
 * @param mount the app's mount as the router names it to callers, made once (a request asks for it); null for a
 *     placeholder
 */
record Route(String contextPath, String virtualHost, AppService service, BundleActivity activity, Router.Mount mount) {

    Route(String contextPath, String virtualHost, AppService service, BundleActivity activity) {
        this(contextPath, virtualHost, service, activity, service == null ? null
                : new Router.Mount(service.name(), contextPath, virtualHost, service.serviceId()));
    }

    /** A held mount with no app registered: it stands only for the hold, and is never listed as mounted. */
    boolean isPlaceholder() {
        return service == null;
    }

    /** Where the app sits, for log lines: "/echo" or "/echo on host example.com". */
    String where() {
        return where(contextPath, virtualHost);
    }

    static String where(String contextPath, String virtualHost) {
        return virtualHost == null ? contextPath : contextPath + " on host " + virtualHost;
    }
}
