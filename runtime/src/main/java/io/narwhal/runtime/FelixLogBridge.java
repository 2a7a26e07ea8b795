package io.narwhal.runtime;

import org.osgi.framework.Bundle;
import org.osgi.framework.ServiceReference;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** Felix's own messages go through slf4j like everything else, not straight to stdout. */
final class FelixLogBridge extends org.apache.felix.framework.Logger {
    private static final Logger LOG = LoggerFactory.getLogger("org.apache.felix.framework");

    @Override
    @SuppressWarnings("rawtypes") // Felix declares the raw type
    protected void doLog(Bundle bundle, ServiceReference service, int level, String message, Throwable failure) {
        String text = bundle == null ? message : bundle.getSymbolicName() + ": " + message;
        switch (level) {
            case LOG_ERROR -> LOG.error(text, failure);
            case LOG_WARNING -> LOG.warn(text, failure);
            case LOG_INFO -> LOG.info(text, failure);
            default -> LOG.debug(text, failure);
        }
    }
}
