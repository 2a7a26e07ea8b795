package io.narwhal.worker.host;

import io.narwhal.api.codec.IpNetwork;
import io.narwhal.api.codec.ProxyProtocol;
import io.narwhal.api.codec.ProxyTrust;
import io.narwhal.settings.IpAllowList;
import io.narwhal.settings.InvalidSettingException;
import io.narwhal.settings.ProxySettings;
import io.narwhal.settings.ServerSettings;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.function.UnaryOperator;

/** The proxies the master's settings believe, read by the settings' own rules into what the codec takes. */
final class ProxyTrustSettings {
    private static final List<String> KEYS = List.of(ServerSettings.FORWARDED_ALLOW_IPS,
            ServerSettings.SECURE_SCHEME_HEADERS, ServerSettings.PROXY_PROTOCOL, ServerSettings.PROXY_ALLOW_IPS);

    private ProxyTrustSettings() {
    }

    /** @param property a framework property by name; the master sets each setting as narwhal.KEY */
    static ProxyTrust read(UnaryOperator<String> property) {
        Map<String, String> values = new HashMap<>();
        KEYS.forEach(key -> values.put(key, property.apply("narwhal." + key)));
        ProxySettings proxy;
        try {
            proxy = ServerSettings.parse(values).proxy();
        } catch (InvalidSettingException e) {
            // The master checked them: a worker started by hand, or by another master version.
            throw new IllegalStateException("bad proxy settings from the master: " + e.getMessage(), e);
        }
        return new ProxyTrust(networks(proxy.forwardedAllowIps()), proxy.secureSchemeHeaders(),
                ProxyProtocol.valueOf(proxy.proxyProtocol().toUpperCase(Locale.ROOT)), networks(proxy.proxyAllowIps()));
    }

    private static List<IpNetwork> networks(IpAllowList list) {
        return list.networks().stream().map(network -> new IpNetwork(network.address(), network.prefixLength()))
                .toList();
    }
}
