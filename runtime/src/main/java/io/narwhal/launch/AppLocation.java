package io.narwhal.launch;

/** Where an app's bundle is installed in a worker: one location per app, whatever revision it runs. */
public final class AppLocation {
    private static final String PREFIX = "narwhal:app:";

    private AppLocation() {
    }

    /** @param app the app's name: its jar's file name in the deploy folder */
    public static String of(String app) {
        return PREFIX + app;
    }

    /** The app installed at this location; null for a bundle that is no app (a system bundle). */
    public static String appOf(String location) {
        return location != null && location.startsWith(PREFIX) ? location.substring(PREFIX.length()) : null;
    }
}
