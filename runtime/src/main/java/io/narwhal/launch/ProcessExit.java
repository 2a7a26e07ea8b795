package io.narwhal.launch;

import org.osgi.framework.BundleContext;
import org.osgi.framework.BundleException;

/**
 * How a bundle ends its process: it records the exit status and stops the framework; the launcher, waiting
 * for the framework to stop, exits with that status.
 */
public final class ProcessExit {
    private static final String STATUS_PROPERTY = "narwhal.exit.status";

    private ProcessExit() {
    }

    /**
     * Stops the framework from a thread of its own (a bundle's own thread may be one the stop waits for), and
     * halts with the status should the framework refuse to stop. The first failure's status is kept: the stop it
     * starts ends cleanly (a later request for 0), which must not hide why the process ends.
     */
    public static void request(BundleContext context, int status) {
        synchronized (ProcessExit.class) {
            if (status() == 0) {
                System.setProperty(STATUS_PROPERTY, Integer.toString(status));
            }
        }
        Thread.ofPlatform().name("narwhal-exit").start(() -> {
            try {
                context.getBundle(0).stop();
            } catch (BundleException | IllegalStateException e) {
                Runtime.getRuntime().halt(status);
            }
        });
    }

    /** The status a bundle asked for; 0 when none did. */
    public static int status() {
        return Integer.getInteger(STATUS_PROPERTY, 0);
    }
}
