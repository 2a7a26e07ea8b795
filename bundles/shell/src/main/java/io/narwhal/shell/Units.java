package io.narwhal.shell;

import java.time.Duration;
import java.util.Locale;

/** Durations and sizes as an operator reads them at a glance. */
final class Units {
    private Units() {
    }

    /** "45s", "12m05s", "3h07m", "2d04h". */
    static String duration(Duration duration) {
        long seconds = Math.max(0, duration.toSeconds());
        if (seconds < 60) {
            return seconds + "s";
        }
        if (seconds < 3600) {
            return String.format(Locale.ROOT, "%dm%02ds", seconds / 60, seconds % 60);
        }
        if (seconds < 86_400) {
            return String.format(Locale.ROOT, "%dh%02dm", seconds / 3600, seconds % 3600 / 60);
        }
        return String.format(Locale.ROOT, "%dd%02dh", seconds / 86_400, seconds % 86_400 / 3600);
    }

    /** "0.4s", "12.0s": how long ago, to a tenth of a second. */
    static String ago(Duration duration) {
        return String.format(Locale.ROOT, "%.1fs", Math.max(0, duration.toMillis()) / 1000.0);
    }

    /** "48.2 MB" (MiB, as ps and top count); "-" where unknown. */
    static String megabytes(long bytes) {
        return bytes < 0 ? "-" : String.format(Locale.ROOT, "%.1f MB", bytes / (1024.0 * 1024.0));
    }
}
