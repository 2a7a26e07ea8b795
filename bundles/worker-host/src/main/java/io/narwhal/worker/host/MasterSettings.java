package io.narwhal.worker.host;

import io.narwhal.api.codec.HttpCompliance;
import io.narwhal.api.codec.IpNetwork;
import io.narwhal.api.codec.ProxyProtocol;
import io.narwhal.api.codec.ProxyTrust;
import io.narwhal.api.codec.RequestLimits;
import io.narwhal.api.worker.WorkerSettings;
import io.narwhal.settings.InvalidSettingException;
import io.narwhal.settings.IpAllowList;
import io.narwhal.settings.ProxySettings;
import io.narwhal.settings.ServerSettings;
import java.util.List;
import java.util.Locale;
import java.util.function.UnaryOperator;

/**
 * The settings the master hands this worker, one framework property {@code narwhal.KEY} each as
 * {@link ServerSettings#toMap} writes them, read back by the same definitions and rules ({@link ServerSettings#parse}),
 * and turned into what the worker type and the codec take.
 */
final class MasterSettings {
    private MasterSettings() {
    }

    /** @param property a framework property by name */
    static ServerSettings read(UnaryOperator<String> property) {
        try {
            return ServerSettings.parse(ServerSettings.fromProperties("narwhal.", property));
        } catch (InvalidSettingException e) {
            // The master checked them: a worker started by hand, or by another master version.
            throw new IllegalStateException("bad settings from the master: " + e.getMessage(), e);
        }
    }

    static WorkerSettings workerSettings(ServerSettings settings) {
        HttpCompliance compliance = HttpCompliance.named(settings.httpCompliance());
        if (compliance == null) {
            throw new IllegalStateException("no HTTP compliance mode '" + settings.httpCompliance() + "' in the codec API");
        }
        return new WorkerSettings(settings.threads(), settings.workerConnections(), settings.keepAlive(),
                settings.timeout(), new RequestLimits(settings.limitRequestLine(), settings.limitRequestFields(),
                        settings.limitRequestFieldSize()), settings.headerTimeout(), compliance, settings.bodyMinRate(),
                proxyTrust(settings.proxy()));
    }

    private static ProxyTrust proxyTrust(ProxySettings proxy) {
        return new ProxyTrust(networks(proxy.forwardedAllowIps()), proxy.secureSchemeHeaders(),
                ProxyProtocol.valueOf(proxy.proxyProtocol().toUpperCase(Locale.ROOT)), networks(proxy.proxyAllowIps()));
    }

    private static List<IpNetwork> networks(IpAllowList list) {
        return list.networks().stream().map(network -> new IpNetwork(network.address(), network.prefixLength()))
                .toList();
    }
}
