package io.narwhal.settings;

import java.net.InetAddress;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Pattern;

/**
 * Gunicorn's forwarded_allow_ips and proxy_allow_ips: IPv4 and IPv6 addresses and CIDR networks separated by
 * commas, or {@code *} for every address; empty allows none.
 *
 * @param text the list as written, its entries stripped
 * @param networks what it allows, {@code *} as 0.0.0.0/0 and ::/0
 */
public record IpAllowList(String text, List<Network> networks) {
    /** One entry: an address, and how many of its leading bits count (all, when the entry has no prefix). */
    public record Network(InetAddress address, int prefixLength) {
    }

    /** Four decimal parts without leading zeros: "10.1" or "010.0.0.1" would mean different things to different readers. */
    private static final Pattern IPV4 = Pattern.compile("(0|[1-9][0-9]{0,2})(\\.(0|[1-9][0-9]{0,2})){3}");

    public IpAllowList {
        networks = List.copyOf(networks);
    }

    public static IpAllowList parse(String key, String text) throws InvalidSettingException {
        List<String> entries = new ArrayList<>();
        List<Network> networks = new ArrayList<>();
        for (String part : text.split(",", -1)) {
            String entry = part.strip();
            if (entry.isEmpty()) {
                if (text.isBlank()) {
                    break;
                }
                throw invalid(key, text, "an entry is empty");
            }
            entries.add(entry);
            if (entry.equals("*")) {
                networks.add(new Network(InetAddress.ofLiteral("0.0.0.0"), 0));
                networks.add(new Network(InetAddress.ofLiteral("::"), 0));
            } else {
                networks.add(network(key, text, entry));
            }
        }
        return new IpAllowList(String.join(",", entries), networks);
    }

    private static Network network(String key, String text, String entry) throws InvalidSettingException {
        int slash = entry.indexOf('/');
        String literal = slash < 0 ? entry : entry.substring(0, slash);
        InetAddress address = literal(literal);
        if (address == null) {
            throw invalid(key, text, "'" + literal + "' is not an IPv4 or IPv6 address");
        }
        int bits = address.getAddress().length * 8;
        if (slash < 0) {
            return new Network(address, bits);
        }
        String prefix = entry.substring(slash + 1);
        if (!prefix.matches("[0-9]{1,3}") || Integer.parseInt(prefix) > bits) {
            throw invalid(key, text, "'" + entry + "' has a prefix length that is not from 0 to " + bits);
        }
        return new Network(address, Integer.parseInt(prefix));
    }

    /** An address as its literal, strictly: no host names, brackets, zone ids or short IPv4 forms. */
    private static InetAddress literal(String text) {
        boolean v6 = text.indexOf(':') >= 0;
        if (v6 ? text.indexOf('[') >= 0 || text.indexOf('%') >= 0 : !IPV4.matcher(text).matches()) {
            return null;
        }
        try {
            return InetAddress.ofLiteral(text);
        } catch (IllegalArgumentException e) {
            return null;
        }
    }

    private static InvalidSettingException invalid(String key, String text, String why) {
        return new InvalidSettingException("invalid " + key + " '" + text + "': " + why
                + " (expected addresses or CIDR networks separated by commas, e.g. 127.0.0.1,::1,10.0.0.0/8, or *)");
    }

    @Override
    public String toString() {
        return text;
    }
}
