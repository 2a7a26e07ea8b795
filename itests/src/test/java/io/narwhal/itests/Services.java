package io.narwhal.itests;

import java.util.concurrent.TimeUnit;
import java.util.function.BooleanSupplier;
import org.osgi.framework.BundleContext;
import org.osgi.framework.Filter;
import org.osgi.framework.FrameworkUtil;
import org.osgi.framework.InvalidSyntaxException;
import org.osgi.util.tracker.ServiceTracker;

/** Waiting for things that happen asynchronously in a framework: DS activates components on its own thread. */
final class Services {
    static final long TIMEOUT_MS = 10_000;

    private Services() {
    }

    /** The service of this type matching the filter (null for any), waiting for it to be registered. */
    static <T> T await(BundleContext context, Class<T> type, String filter) throws Exception {
        Filter match = filterFor(context, type, filter);
        ServiceTracker<T, T> tracker = new ServiceTracker<>(context, match, null);
        tracker.open();
        T service = tracker.waitForService(TIMEOUT_MS);
        if (service == null) {
            throw new AssertionError("no service " + match + " within " + TIMEOUT_MS + " ms");
        }
        // Left open on purpose: closing it would unget the service the test is about to use.
        return service;
    }

    /** Polls until the condition holds; fails with the message after the timeout. */
    static void awaitCondition(String message, BooleanSupplier condition) throws InterruptedException {
        long deadline = System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(TIMEOUT_MS);
        while (!condition.getAsBoolean()) {
            if (System.nanoTime() > deadline) {
                throw new AssertionError(message + " (waited " + TIMEOUT_MS + " ms)");
            }
            Thread.sleep(20);
        }
    }

    private static Filter filterFor(BundleContext context, Class<?> type, String filter)
            throws InvalidSyntaxException {
        String byType = "(objectClass=" + type.getName() + ")";
        return FrameworkUtil.createFilter(filter == null ? byType : "(&" + byType + filter + ")");
    }
}
