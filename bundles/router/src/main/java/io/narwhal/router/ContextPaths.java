package io.narwhal.router;

/** Checks the context path an app asks to be mounted at, and matches request paths against it. */
final class ContextPaths {
    static final String ROOT = "/";

    private ContextPaths() {
    }

    /** Why this narwhal.app.context value cannot be mounted, or null when it can. */
    static String problemWith(Object value) {
        if (value == null) {
            return "it has no " + io.narwhal.api.app.HttpApp.CONTEXT_PATH + " property";
        }
        if (!(value instanceof String path)) {
            return "its context path is not a string: " + value;
        }
        if (!path.startsWith("/")) {
            return "its context path '" + path + "' does not start with '/'";
        }
        if (path.length() > 1 && path.endsWith("/")) {
            return "its context path '" + path + "' ends with '/'";
        }
        if (path.indexOf('?') >= 0 || path.indexOf('#') >= 0) {
            return "its context path '" + path + "' contains '?' or '#'";
        }
        return null;
    }

    /**
     * Whether the request path lies under the mount at a segment boundary: "/echo" takes /echo and
     * /echo/x but not /echoes, so one app can never capture another's name prefix.
     */
    static boolean covers(String contextPath, String requestPath) {
        if (ROOT.equals(contextPath)) {
            return true;
        }
        return requestPath.startsWith(contextPath)
                && (requestPath.length() == contextPath.length() || requestPath.charAt(contextPath.length()) == '/');
    }

    /** The mount as the app sees it in HttpRequest.contextPath(): "" for the root. */
    static String visible(String contextPath) {
        return ROOT.equals(contextPath) ? "" : contextPath;
    }
}
