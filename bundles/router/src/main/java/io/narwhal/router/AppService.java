package io.narwhal.router;

import io.narwhal.api.app.HttpApp;
import java.util.Comparator;
import java.util.HashMap;
import java.util.Map;
import org.osgi.framework.Constants;
import org.osgi.framework.ServiceReference;

/**
 * One registered HttpApp service with the properties the router reads, copied once at registration so the
 * routing table never touches a ServiceReference while serving.
 *
 * @param contextPath the raw narwhal.app.context value, checked by {@link ContextPaths#problemWith}
 * @param virtualHost the raw narwhal.app.host value, checked by {@link VirtualHosts#problemWith}
 */
record AppService(long serviceId, long bundleId, int ranking, String name, Object contextPath, Object virtualHost,
        HttpApp app) {

    /** Who holds a contested mount: the higher service.ranking, then the older service (lower id), as OSGi ranks services. */
    static final Comparator<AppService> PRECEDENCE = Comparator.comparingInt(AppService::ranking).reversed()
            .thenComparingLong(AppService::serviceId);

    static AppService of(ServiceReference<?> reference, HttpApp app) {
        long bundleId = reference.getBundle() == null ? -1 : reference.getBundle().getBundleId();
        return of(propertiesOf(reference), bundleId, bundleName(reference), app);
    }

    /** @param bundleName the name to use when the service has no narwhal.app.name */
    static AppService of(Map<String, Object> properties, long bundleId, String bundleName, HttpApp app) {
        long serviceId = properties.get(Constants.SERVICE_ID) instanceof Long id ? id : -1;
        // The OSGi rule: a service.ranking that is not an Integer counts as 0.
        int ranking = properties.get(Constants.SERVICE_RANKING) instanceof Integer rank ? rank : 0;
        String name = properties.get(HttpApp.NAME) instanceof String given && !given.isBlank() ? given
                : bundleName != null ? bundleName : "service " + serviceId;
        return new AppService(serviceId, bundleId, ranking, name, properties.get(HttpApp.CONTEXT_PATH),
                properties.get(HttpApp.VIRTUAL_HOST), app);
    }

    /** The service for log lines: "'echo' (service 42)". */
    String describe() {
        return "'" + name + "' (service " + serviceId + ")";
    }

    private static Map<String, Object> propertiesOf(ServiceReference<?> reference) {
        Map<String, Object> properties = new HashMap<>();
        for (String key : reference.getPropertyKeys()) {
            properties.put(key, reference.getProperty(key));
        }
        return properties;
    }

    private static String bundleName(ServiceReference<?> reference) {
        // The bundle is null once the service is unregistered; the name is then only for the log.
        return reference.getBundle() == null ? null : reference.getBundle().getSymbolicName();
    }
}
