package io.narwhal.launch;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import java.util.Locale;
import org.slf4j.LoggerFactory;

/** Gunicorn's loglevel applied to this process's log backend: the master's at start and on a change, a worker's at boot. */
public final class LogLevel {
    private LogLevel() {
    }

    /** @param gunicornLevel debug, info, warning, error or critical (as the settings check it) */
    public static void apply(String gunicornLevel) {
        if (!(LoggerFactory.getLogger(org.slf4j.Logger.ROOT_LOGGER_NAME) instanceof Logger root)) {
            return; // another slf4j backend: its own configuration decides
        }
        root.setLevel(switch (gunicornLevel.toLowerCase(Locale.ROOT)) {
            case "debug" -> Level.DEBUG;
            case "warning" -> Level.WARN;
            case "error", "critical" -> Level.ERROR;
            default -> Level.INFO;
        });
    }
}
