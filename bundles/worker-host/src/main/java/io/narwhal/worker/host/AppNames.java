package io.narwhal.worker.host;

import io.narwhal.launch.AppLocation;
import org.osgi.framework.BundleContext;
import org.osgi.framework.Constants;
import org.osgi.framework.InvalidSyntaxException;
import org.osgi.framework.ServiceReference;

/** Which app a mounted service belongs to: the deploy folder's name for the bundle that registered it. */
final class AppNames {
    private final BundleContext context;

    AppNames(BundleContext context) {
        this.context = context;
    }

    /** The app whose bundle registered this service; null for a service gone meanwhile or not of an app. */
    String appOf(long serviceId) {
        try {
            ServiceReference<?>[] references = context.getAllServiceReferences(null,
                    "(" + Constants.SERVICE_ID + "=" + serviceId + ")");
            if (references == null || references[0].getBundle() == null) {
                return null;
            }
            return AppLocation.appOf(references[0].getBundle().getLocation());
        } catch (InvalidSyntaxException e) {
            throw new IllegalStateException("a service id filter is always valid", e);
        }
    }
}
