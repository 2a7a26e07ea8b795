package io.narwhal.http1;

/**
 * A parsed request line. {@code path} and {@code query} are the parts of the target an app routes on: for
 * the absolute form ({@code http://host/p?q}) the path after the authority, "/" when it is empty.
 */
record RequestLine(String method, String target, String path, String query, String version) {
    static final String HTTP_1_1 = "HTTP/1.1";
    static final String HTTP_1_0 = "HTTP/1.0";

    boolean isHttp11() {
        return HTTP_1_1.equals(version);
    }

    /**
     * Splits a target into path and query, refusing the forms RFC 9112 3.2 does not allow for this method.
     *
     * @param queryStart the index of the first '?' in target, or -1
     */
    static RequestLine of(String method, String target, int queryStart, String version) {
        String query = queryStart < 0 ? null : target.substring(queryStart + 1);
        int pathEnd = queryStart < 0 ? target.length() : queryStart;
        boolean connect = method.equals("CONNECT");
        if (connect) {
            // RFC 9112 3.2.3: CONNECT names host:port and nothing else, and no other method may.
            if (!Authority.isValid(target, true)) {
                throw new BadRequestException("CONNECT needs an authority-form target (host:port)");
            }
            return new RequestLine(method, target, target, null, version);
        }
        char first = target.charAt(0);
        if (first == '/') {
            return new RequestLine(method, target, target.substring(0, pathEnd), query, version);
        }
        if (target.equals("*")) {
            if (!method.equals("OPTIONS")) {
                throw new BadRequestException("the asterisk target is only for OPTIONS");
            }
            return new RequestLine(method, target, target, null, version);
        }
        int schemeEnd = absoluteFormSchemeEnd(target);
        if (schemeEnd > 0) {
            int authorityStart = schemeEnd + 3;
            int pathStart = target.indexOf('/', authorityStart);
            if (pathStart < 0 || pathStart > pathEnd) {
                return new RequestLine(method, target, "/", query, version);
            }
            return new RequestLine(method, target, target.substring(pathStart, pathEnd), query, version);
        }
        if (Authority.isValid(target, true)) {
            throw new BadRequestException("the authority-form target is only for CONNECT");
        }
        throw new BadRequestException("request target is neither a path nor an absolute URI");
    }

    /**
     * The authority of an absolute-form target ({@code http://host:port/p}), which RFC 9112 3.2.2 puts in the
     * Host field's place; null for any other form.
     */
    String absoluteFormAuthority() {
        // The common origin-form costs one comparison, not a scan of its target.
        int schemeEnd = target.charAt(0) == '/' ? -1 : absoluteFormSchemeEnd(target);
        if (schemeEnd < 0) {
            return null;
        }
        int start = schemeEnd + 3;
        int end = start;
        while (end < target.length() && target.charAt(end) != '/' && target.charAt(end) != '?') {
            end++;
        }
        return target.substring(start, end);
    }

    /** The index of "://" after a valid scheme (RFC 3986 3.1), or -1 when target is not in absolute form. */
    private static int absoluteFormSchemeEnd(String target) {
        int separator = target.indexOf("://");
        if (separator <= 0) {
            return -1;
        }
        for (int i = 0; i < separator; i++) {
            char c = target.charAt(i);
            boolean letter = c >= 'a' && c <= 'z' || c >= 'A' && c <= 'Z';
            if (!(letter || i > 0 && (CharClass.isDigit(c) || c == '+' || c == '-' || c == '.'))) {
                return -1;
            }
        }
        return separator;
    }
}
