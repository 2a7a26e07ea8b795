package io.narwhal.http1.proxy;

import java.net.InetAddress;
import java.net.InetSocketAddress;

/**
 * One hop of a forwarding chain: the address a proxy says it got the request from, or null when it does not say
 * (unknown, obfuscated, or left out). A hop without a port gets port 0.
 */
record Node(InetSocketAddress address) {
    static final Node UNKNOWN = new Node(null);

    /**
     * An RFC 7239 node (section 6): IPv4, "[IPv6]", "unknown" or an obfuscated "_name", each with an optional
     * ":port" (an obfuscated "_port" counts as none).
     */
    static Node ofForwarded(String text) throws InvalidForwardingException {
        Node node = parse(text, false);
        if (node == null) {
            throw new InvalidForwardingException("Forwarded for= '" + text + "' is not an address, unknown or an obfuscated _name");
        }
        return node;
    }

    /** An X-Forwarded-For entry: as in Forwarded, and a bare IPv6 address as most proxies write it. */
    static Node ofXForwardedFor(String text) throws InvalidForwardingException {
        Node node = parse(text, true);
        if (node == null) {
            throw new InvalidForwardingException("X-Forwarded-For entry '" + text + "' is not an IP address");
        }
        return node;
    }

    private static Node parse(String text, boolean bareIpv6) {
        if (bareIpv6 && !text.startsWith("[")) {
            InetAddress v6 = IpLiterals.ipv6(text);
            if (v6 != null) {
                return new Node(new InetSocketAddress(v6, 0));
            }
        }
        String name;
        String port = null;
        if (text.startsWith("[")) {
            int close = text.indexOf(']');
            if (close < 0 || close + 1 < text.length() && text.charAt(close + 1) != ':') {
                return null;
            }
            name = text.substring(0, close + 1);
            port = close + 1 < text.length() ? text.substring(close + 2) : null;
        } else {
            int colon = text.indexOf(':');
            name = colon < 0 ? text : text.substring(0, colon);
            port = colon < 0 ? null : text.substring(colon + 1);
        }
        int portNumber = port == null || isObfuscated(port) ? 0 : IpLiterals.port(port);
        if (portNumber < 0) {
            return null;
        }
        if (name.equalsIgnoreCase("unknown") || isObfuscated(name)) {
            return UNKNOWN;
        }
        InetAddress address = name.startsWith("[") ? IpLiterals.ipv6(name.substring(1, name.length() - 1))
                : IpLiterals.ipv4(name);
        return address == null ? null : new Node(new InetSocketAddress(address, portNumber));
    }

    /** RFC 7239 obfnode / obfport: "_" followed by letters, digits, ".", "_" or "-". */
    private static boolean isObfuscated(String text) {
        return text.length() > 1 && text.charAt(0) == '_' && text.chars().skip(1)
                .allMatch(c -> c < 0x80 && (Character.isLetterOrDigit(c) || c == '.' || c == '_' || c == '-'));
    }
}
