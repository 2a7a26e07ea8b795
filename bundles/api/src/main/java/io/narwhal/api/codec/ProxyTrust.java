package io.narwhal.api.codec;

import io.narwhal.api.http.Headers;
import java.net.InetAddress;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Whom a connection believes about the client behind a proxy, as Gunicorn's settings say.
 *
 * @param forwardedAllowIps the peers whose X-Forwarded-For, X-Forwarded-Host, Forwarded and secure scheme headers
 *     are believed ({@code forwarded_allow_ips}); behind a PROXY header the peer is the address it names
 * @param secureSchemeHeaders header names (any case) and the value that marks a request as https
 *     ({@code secure_scheme_headers}), in the order given
 * @param proxyProtocol which PROXY header a connection from {@code proxyAllowIps} must begin with
 * @param proxyAllowIps the socket peers that must send a PROXY header when {@code proxyProtocol} is not OFF
 *     ({@code proxy_allow_ips}); from any other peer a connection is plain HTTP
 */
public record ProxyTrust(List<IpNetwork> forwardedAllowIps, Map<String, String> secureSchemeHeaders,
        ProxyProtocol proxyProtocol, List<IpNetwork> proxyAllowIps) {
    /** Nothing is believed and no PROXY header is read: the socket's peer is the client. */
    public static final ProxyTrust NONE = new ProxyTrust(List.of(), Map.of(), ProxyProtocol.OFF, List.of());

    public ProxyTrust {
        if (forwardedAllowIps == null || secureSchemeHeaders == null || proxyProtocol == null
                || proxyAllowIps == null) {
            throw new IllegalArgumentException("every component of ProxyTrust is required");
        }
        forwardedAllowIps = List.copyOf(forwardedAllowIps);
        proxyAllowIps = List.copyOf(proxyAllowIps);
        secureSchemeHeaders.forEach((name, value) -> {
            if (name.isEmpty() || !name.chars().allMatch(Headers::isTokenChar) || value == null || value.isBlank()) {
                throw new IllegalArgumentException("secure scheme header '" + name + "=" + value
                        + "': the name must be a token and the value not blank");
            }
        });
        secureSchemeHeaders = Collections.unmodifiableMap(new LinkedHashMap<>(secureSchemeHeaders));
    }

    /** Whether forwarding headers from this peer are believed. */
    public boolean forwardedFrom(InetAddress peer) {
        return inAny(forwardedAllowIps, peer);
    }

    /** Whether a connection from this socket peer must begin with a PROXY header. */
    public boolean proxyHeaderFrom(InetAddress peer) {
        return proxyProtocol != ProxyProtocol.OFF && inAny(proxyAllowIps, peer);
    }

    private static boolean inAny(List<IpNetwork> networks, InetAddress address) {
        for (IpNetwork network : networks) {
            if (network.contains(address)) {
                return true;
            }
        }
        return false;
    }
}
