package io.narwhal.http1.proxy;

/** RFC 3986 {@code host [ ":" port ]}, as a proxy says what the client asked for: a name, IPv4 or [IPv6]. */
final class HostSyntax {
    /** unreserved, pct-encoded and sub-delims: what a reg-name is made of. */
    private static final String NAME_PUNCTUATION = "-._~%!$&'()*+,;=";

    private HostSyntax() {
    }

    /** The host as given, when it is one; else refused, naming where it came from. */
    static String require(String host, String source) throws InvalidForwardingException {
        if (!isValid(host)) {
            throw new InvalidForwardingException(source + " '" + host + "' is not a host[:port]");
        }
        return host;
    }

    private static boolean isValid(String host) {
        String name = host;
        String port = null;
        if (host.startsWith("[")) {
            int close = host.indexOf(']');
            if (close < 0 || IpLiterals.ipv6(host.substring(1, close)) == null) {
                return false;
            }
            name = null;
            if (close + 1 < host.length()) {
                if (host.charAt(close + 1) != ':') {
                    return false;
                }
                port = host.substring(close + 2);
            }
        } else {
            int colon = host.indexOf(':');
            if (colon >= 0) {
                name = host.substring(0, colon);
                port = host.substring(colon + 1);
            }
        }
        if (name != null && (name.isEmpty() || !name.chars().allMatch(HostSyntax::isNameChar))) {
            return false;
        }
        return port == null || IpLiterals.port(port) >= 0;
    }

    private static boolean isNameChar(int c) {
        return c < 0x80 && Character.isLetterOrDigit(c) || NAME_PUNCTUATION.indexOf(c) >= 0;
    }
}
