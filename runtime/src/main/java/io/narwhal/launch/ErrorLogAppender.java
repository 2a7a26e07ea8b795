package io.narwhal.launch;

import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.OutputStreamAppender;
import ch.qos.logback.core.joran.spi.ConsoleTarget;
import java.io.IOException;
import java.nio.file.Path;

/**
 * The appender of config/logback.xml: this process's log lines, on stderr or in the {@link LogFile} that errorlog
 * names, which master and workers all append to ({@link ErrorLog}). It starts on stderr, where the lines logged
 * before the settings are read belong. One event is one write, so no process's line tears another's.
 */
public final class ErrorLogAppender extends OutputStreamAppender<ILoggingEvent> {
    @Override
    public void start() {
        if (getOutputStream() == null) {
            setOutputStream(ConsoleTarget.SystemErr.getStream());
        }
        super.start();
    }

    /** Writes to the file at this path from now on, or to stderr for null, closing the file written before. */
    void writeTo(Path file) throws IOException {
        LogFile current = file();
        if (current == null ? file == null : current.path().equals(file)) {
            return; // another setting changed: the file stays open
        }
        setOutputStream(file == null ? ConsoleTarget.SystemErr.getStream() : LogFile.append(file));
    }

    /** Reopens the file now, if it writes to one: the lines after a rotation go to the new file. */
    void reopen() throws IOException {
        LogFile file = file();
        if (file != null) {
            file.reopen();
            file.reopenIfDue();
        }
    }

    /** The file is looked at before a line, so noticing a moved or deleted one needs no thread of its own. */
    @Override
    protected void writeOut(ILoggingEvent event) throws IOException {
        LogFile file = file();
        if (file != null) {
            try {
                file.reopenIfDue();
            } catch (IOException e) {
                // Not logged: that line would come back here. The lines go on to the file held open.
                System.err.println("narwhal: cannot reopen the error log " + file.path() + ": " + e);
            }
        }
        super.writeOut(event);
    }

    private LogFile file() {
        return getOutputStream() instanceof LogFile file ? file : null;
    }
}
