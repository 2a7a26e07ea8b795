package io.narwhal.http1.proxy;

import java.net.InetAddress;
import java.util.regex.Pattern;

/** IP addresses as proxies write them, read strictly: never a name to look up, a zone id or a short IPv4 form. */
final class IpLiterals {
    /** Four decimal parts without leading zeros, so that no reader takes one for octal. */
    private static final Pattern IPV4 = Pattern.compile("(0|[1-9][0-9]{0,2})(\\.(0|[1-9][0-9]{0,2})){3}");

    private IpLiterals() {
    }

    /** The IPv4 address this text is, or null. */
    static InetAddress ipv4(String text) {
        return IPV4.matcher(text).matches() ? literal(text) : null;
    }

    /** The IPv6 address this text is (without brackets), or null. */
    static InetAddress ipv6(String text) {
        boolean plain = text.indexOf(':') >= 0 && text.indexOf('[') < 0 && text.indexOf('%') < 0;
        return plain ? literal(text) : null;
    }

    private static InetAddress literal(String text) {
        try {
            return InetAddress.ofLiteral(text);
        } catch (IllegalArgumentException e) {
            return null;
        }
    }

    /** A port as a decimal number from 0 to 65535 without leading zeros, or -1. */
    static int port(String text) {
        if (!text.matches("0|[1-9][0-9]{0,4}")) {
            return -1;
        }
        int port = Integer.parseInt(text);
        return port <= 65535 ? port : -1;
    }
}
