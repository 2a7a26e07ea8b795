package io.narwhal.settings;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.StringJoiner;

/**
 * The settings that say which proxies are believed, named as Gunicorn's: forwarded_allow_ips,
 * secure_scheme_headers, proxy_protocol and proxy_allow_ips. Read by the workers' codec; the master only checks them.
 *
 * @param secureSchemeHeaders header name to the value that marks a request https, in the order written
 * @param proxyProtocol off, v1, v2 or auto
 */
public record ProxySettings(IpAllowList forwardedAllowIps, Map<String, String> secureSchemeHeaders,
        String proxyProtocol, IpAllowList proxyAllowIps) {

    /** Gunicorn's modes; "auto" reads either version. */
    public static final List<String> PROXY_PROTOCOLS = List.of("off", "v1", "v2", "auto");

    public ProxySettings {
        secureSchemeHeaders = Collections.unmodifiableMap(new LinkedHashMap<>(secureSchemeHeaders));
    }

    static ProxySettings parse(Map<String, String> values) throws InvalidSettingException {
        return new ProxySettings(
                IpAllowList.parse(ServerSettings.FORWARDED_ALLOW_IPS, values.get(ServerSettings.FORWARDED_ALLOW_IPS)),
                secureSchemeHeaders(values.get(ServerSettings.SECURE_SCHEME_HEADERS)),
                proxyProtocol(values.get(ServerSettings.PROXY_PROTOCOL)),
                IpAllowList.parse(ServerSettings.PROXY_ALLOW_IPS, values.get(ServerSettings.PROXY_ALLOW_IPS)));
    }

    /** Writes these settings as a .cfg file would have them. */
    void writeTo(Map<String, String> map) {
        map.put(ServerSettings.FORWARDED_ALLOW_IPS, forwardedAllowIps.text());
        StringJoiner headers = new StringJoiner(",");
        secureSchemeHeaders.forEach((name, value) -> headers.add(name + "=" + value));
        map.put(ServerSettings.SECURE_SCHEME_HEADERS, headers.toString());
        map.put(ServerSettings.PROXY_PROTOCOL, proxyProtocol);
        map.put(ServerSettings.PROXY_ALLOW_IPS, proxyAllowIps.text());
    }

    /**
     * NAME=VALUE pairs separated by commas (Gunicorn's dictionary, written flat); empty for none. A name twice, in
     * any case, would leave which value counts to chance.
     */
    private static Map<String, String> secureSchemeHeaders(String text) throws InvalidSettingException {
        Map<String, String> headers = new LinkedHashMap<>();
        if (text.isBlank()) {
            return headers;
        }
        for (String pair : text.split(",", -1)) {
            int equals = pair.indexOf('=');
            String name = equals < 0 ? "" : pair.substring(0, equals).strip();
            String value = equals < 0 ? "" : pair.substring(equals + 1).strip();
            if (name.isEmpty() || value.isEmpty() || !isToken(name) || !isToken(value)) {
                throw invalidSchemeHeaders(text, "'" + pair.strip() + "' is not NAME=VALUE");
            }
            for (String seen : headers.keySet()) {
                if (seen.equalsIgnoreCase(name)) {
                    throw invalidSchemeHeaders(text, "'" + name + "' is given twice");
                }
            }
            headers.put(name, value);
        }
        return headers;
    }

    private static InvalidSettingException invalidSchemeHeaders(String text, String why) {
        return new InvalidSettingException("invalid " + ServerSettings.SECURE_SCHEME_HEADERS + " '" + text + "': " + why
                + " (expected header=value pairs separated by commas, e.g. X-Forwarded-Proto=https,X-Forwarded-Ssl=on)");
    }

    /** RFC 9110 token: what a header name is, and what the values that mark https (https, on, ssl) are. */
    private static boolean isToken(String text) {
        return text.chars().allMatch(c -> c < 0x7F && (Character.isLetterOrDigit(c) || "!#$%&'*+-.^_`|~".indexOf(c) >= 0));
    }

    /** Gunicorn's modes, and its older boolean: true reads either version, as its bare --proxy-protocol does. */
    private static String proxyProtocol(String text) throws InvalidSettingException {
        String mode = text.toLowerCase(Locale.ROOT);
        if (mode.equals("true")) {
            return "auto";
        }
        if (mode.equals("false")) {
            return "off";
        }
        if (!PROXY_PROTOCOLS.contains(mode)) {
            throw new InvalidSettingException("invalid " + ServerSettings.PROXY_PROTOCOL + " '" + text
                    + "' (expected one of " + String.join(", ", PROXY_PROTOCOLS) + ")");
        }
        return mode;
    }
}
