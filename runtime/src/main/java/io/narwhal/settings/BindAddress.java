package io.narwhal.settings;

import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.UnknownHostException;

/** Gunicorn's {@code bind}: HOST:PORT, [IPV6]:PORT, or HOST alone for port 8000. */
public record BindAddress(String host, int port) {
    public static final int DEFAULT_PORT = 8000;

    public static BindAddress parse(String text) throws InvalidSettingException {
        return parse(ServerSettings.BIND, text);
    }

    /** An address as the setting {@code key} gives it; an error names that key. */
    static BindAddress parse(String key, String text) throws InvalidSettingException {
        String value = text.strip();
        if (value.isEmpty()) {
            throw invalid(key, text, "it is empty");
        }
        if (value.startsWith("unix:") || value.startsWith("fd://")) {
            throw invalid(key, text, "only TCP addresses (HOST:PORT) are supported");
        }
        String host;
        String portText;
        if (value.startsWith("[")) {
            int close = value.indexOf(']');
            if (close < 0) {
                throw invalid(key, text, "missing ']' after the IPv6 address");
            }
            host = value.substring(1, close);
            String rest = value.substring(close + 1);
            if (!rest.isEmpty() && !rest.startsWith(":")) {
                throw invalid(key, text, "expected ':' after ']'");
            }
            portText = rest.isEmpty() ? null : rest.substring(1);
        } else {
            int colon = value.lastIndexOf(':');
            if (colon >= 0 && value.indexOf(':') != colon) {
                throw invalid(key, text, "write an IPv6 address in brackets, as [::1]:8000");
            }
            host = colon < 0 ? value : value.substring(0, colon);
            portText = colon < 0 ? null : value.substring(colon + 1);
        }
        if (host.isEmpty()) {
            throw invalid(key, text, "the host is empty");
        }
        return new BindAddress(host, portText == null ? DEFAULT_PORT : parsePort(key, text, portText));
    }

    private static int parsePort(String key, String text, String portText) throws InvalidSettingException {
        if (portText.isEmpty() || portText.length() > 5 || !portText.chars().allMatch(Character::isDigit)) {
            throw invalid(key, text, "the port is not a number from 0 to 65535");
        }
        int port = Integer.parseInt(portText);
        if (port > 65535) {
            throw invalid(key, text, "the port is not a number from 0 to 65535");
        }
        return port;
    }

    /** Resolves the host; a name that does not resolve is a bad setting, not a crash later. */
    public InetSocketAddress resolve() throws InvalidSettingException {
        try {
            return new InetSocketAddress(InetAddress.getByName(host), port);
        } catch (UnknownHostException e) {
            throw new InvalidSettingException("invalid bind '" + this + "': unknown host '" + host + "'");
        }
    }

    @Override
    public String toString() {
        return (host.indexOf(':') >= 0 ? "[" + host + "]" : host) + ":" + port;
    }

    private static InvalidSettingException invalid(String key, String text, String why) {
        return new InvalidSettingException("invalid " + key + " '" + text + "': " + why);
    }
}
