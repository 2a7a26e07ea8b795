package io.narwhal.launch;

import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.Appender;
import io.narwhal.settings.ServerSettings;
import java.io.IOException;
import java.nio.file.InvalidPathException;
import java.nio.file.Path;
import java.util.Iterator;
import org.slf4j.LoggerFactory;

/**
 * Gunicorn's errorlog applied to this process, as {@link LogLevel} is: by the master at start and on a change, by a
 * worker at boot; and reopened on USR1. Its lines go through config/logback.xml's {@link ErrorLogAppender}; with
 * another logback.xml or another slf4j backend, that configuration decides where they go, and this does nothing.
 */
public final class ErrorLog {
    private static final org.slf4j.Logger LOG = LoggerFactory.getLogger(ErrorLog.class);

    private ErrorLog() {
    }

    /**
     * @param errorLog {@code -} for stderr, or a file (as the settings check it); one that cannot be opened is
     *     logged, and the lines go on where they went
     */
    public static void apply(String errorLog) {
        ErrorLogAppender appender = appender();
        if (appender == null) {
            return;
        }
        try {
            appender.writeTo(errorLog.equals(ServerSettings.STDERR) ? null : Path.of(errorLog).toAbsolutePath());
        } catch (IOException | InvalidPathException e) {
            LOG.error("errorlog: cannot append to {} ({}); logging on where it did", errorLog, e.toString());
        }
    }

    /** USR1: the file is reopened, so that after logrotate moved it the lines go to the new one. */
    public static void reopen() {
        ErrorLogAppender appender = appender();
        if (appender == null) {
            return;
        }
        try {
            appender.reopen();
        } catch (IOException e) {
            LOG.error("errorlog: cannot reopen it ({}); logging on to the file held open", e.toString());
        }
    }

    private static ErrorLogAppender appender() {
        if (!(LoggerFactory.getLogger(org.slf4j.Logger.ROOT_LOGGER_NAME) instanceof Logger root)) {
            return null;
        }
        for (Iterator<Appender<ILoggingEvent>> appenders = root.iteratorForAppenders(); appenders.hasNext();) {
            if (appenders.next() instanceof ErrorLogAppender appender) {
                return appender;
            }
        }
        return null;
    }
}
