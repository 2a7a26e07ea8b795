package io.narwhal.testapps.swap;

/** Loaded only when a slow request ends, so an update that pulled the wiring from under it shows as a failure. */
final class SlowAnswer {
    private SlowAnswer() {
    }

    static String text(String version) {
        return "swap " + version + " slow";
    }
}
