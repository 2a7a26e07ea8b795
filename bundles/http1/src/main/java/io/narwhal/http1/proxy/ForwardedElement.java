package io.narwhal.http1.proxy;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * One element of an RFC 7239 Forwarded field: what one proxy says about the request it received, its parameters
 * {@code for}, {@code proto} and {@code host} (others are checked for syntax and passed over).
 *
 * @param forNode the hop the proxy got the request from; {@link Node#UNKNOWN} when it does not say
 * @param proto "http" or "https", or null
 * @param host the host the request was for, or null
 */
record ForwardedElement(Node forNode, String proto, String host) {

    /** Splits field values into their elements, at commas outside quoted strings; empty elements are skipped. */
    static List<String> split(List<String> fieldValues) throws InvalidForwardingException {
        List<String> elements = new ArrayList<>();
        for (String value : fieldValues) {
            for (String element : splitOutsideQuotes(value, ',')) {
                if (!element.isBlank()) {
                    elements.add(element.strip());
                }
            }
        }
        return elements;
    }

    /** Parses one element: {@code pair *( ";" pair )}, pair = token "=" ( token / quoted-string ). */
    static ForwardedElement parse(String element) throws InvalidForwardingException {
        Node forNode = null;
        String proto = null;
        String host = null;
        List<String> seen = new ArrayList<>();
        for (String pair : splitOutsideQuotes(element, ';')) {
            String trimmed = pair.strip();
            if (trimmed.isEmpty()) {
                continue;
            }
            int equals = trimmed.indexOf('=');
            String name = equals < 0 ? trimmed : trimmed.substring(0, equals).toLowerCase(Locale.ROOT);
            if (equals <= 0 || !isToken(name)) {
                throw new InvalidForwardingException("Forwarded pair '" + trimmed + "' is not name=value");
            }
            if (seen.contains(name)) {
                throw new InvalidForwardingException("Forwarded element '" + element + "' gives " + name + "= twice");
            }
            seen.add(name);
            String value = value(trimmed.substring(equals + 1), name);
            switch (name) {
                case "for" -> forNode = Node.ofForwarded(value);
                case "proto" -> proto = proto(value);
                case "host" -> host = HostSyntax.require(value, "Forwarded host=");
                default -> {
                    // by= and extensions say nothing about the client
                }
            }
        }
        return new ForwardedElement(forNode == null ? Node.UNKNOWN : forNode, proto, host);
    }

    private static String proto(String value) throws InvalidForwardingException {
        String scheme = value.toLowerCase(Locale.ROOT);
        if (!scheme.equals("http") && !scheme.equals("https")) {
            throw new InvalidForwardingException("Forwarded proto= '" + value + "' is neither http nor https");
        }
        return scheme;
    }

    /** A token, or a quoted-string unquoted (RFC 9110 5.6.4). */
    private static String value(String raw, String name) throws InvalidForwardingException {
        if (!raw.startsWith("\"")) {
            if (raw.isEmpty() || !isToken(raw)) {
                throw new InvalidForwardingException("Forwarded " + name + "= '" + raw
                        + "' is neither a token nor a quoted string (an IPv6 address or a port needs quotes)");
            }
            return raw;
        }
        StringBuilder unquoted = new StringBuilder();
        for (int i = 1; i < raw.length(); i++) {
            char c = raw.charAt(i);
            if (c == '"') {
                if (i != raw.length() - 1) {
                    break;
                }
                return unquoted.toString();
            }
            if (c == '\\' && i + 1 < raw.length()) {
                c = raw.charAt(++i);
            }
            unquoted.append(c);
        }
        throw new InvalidForwardingException("Forwarded " + name + "= " + raw + " is not one quoted string");
    }

    private static List<String> splitOutsideQuotes(String text, char separator) throws InvalidForwardingException {
        List<String> parts = new ArrayList<>();
        boolean quoted = false;
        int start = 0;
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            if (quoted && c == '\\') {
                i++;
            } else if (c == '"') {
                quoted = !quoted;
            } else if (c == separator && !quoted) {
                parts.add(text.substring(start, i));
                start = i + 1;
            }
        }
        if (quoted) {
            throw new InvalidForwardingException("Forwarded '" + text + "' has an unterminated quoted string");
        }
        parts.add(text.substring(start));
        return parts;
    }

    private static boolean isToken(String text) {
        return !text.isEmpty() && text.chars().allMatch(io.narwhal.api.http.Headers::isTokenChar);
    }
}
