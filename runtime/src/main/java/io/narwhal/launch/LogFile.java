package io.narwhal.launch;

import java.io.FileOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.BasicFileAttributes;
import java.util.Objects;

/**
 * A log file that this process and others (master and workers) append to, and that survives logrotate. Opened in
 * append mode, so the processes' lines interleave; each write is one write call, so what is written at once (a line,
 * a batch of lines) is never torn by another process's. Reopened when asked (USR1) and when the path no longer names
 * the file held open (logrotate moved or deleted it without copytruncate), which is looked at once a second.
 * The access log and the error log are both one.
 */
public final class LogFile extends OutputStream {
    private static final long CHECK_NANOS = 1_000_000_000L;

    private final Path path;
    private FileOutputStream out;
    private Object fileKey;
    private long checkedNanos = System.nanoTime();
    private volatile boolean reopenAsked;
    private boolean closed;

    private LogFile(Path path) throws IOException {
        this.path = path;
        open();
    }

    /** Opens the file at this path for appending, creating the file (not its folder) if it is not there. */
    public static LogFile append(Path path) throws IOException {
        return new LogFile(path.toAbsolutePath());
    }

    public Path path() {
        return path;
    }

    /** Asks for a reopen: the next {@link #reopenIfDue} does it, whatever the path names. */
    public void reopen() {
        reopenAsked = true;
    }

    /**
     * Reopens the file if asked to, or if a look (once a second at most) finds the path naming another file or none.
     * Lines written until then went to the file held open, moved or not, so none is lost.
     *
     * @return whether it reopened
     * @throws IOException when it cannot: the file held open stays in use
     */
    public synchronized boolean reopenIfDue() throws IOException {
        boolean asked = reopenAsked;
        if (closed || !asked && System.nanoTime() - checkedNanos < CHECK_NANOS) {
            return false;
        }
        checkedNanos = System.nanoTime();
        reopenAsked = false;
        if (!asked && fileKey != null && Objects.equals(fileKey, currentFileKey())) {
            return false;
        }
        FileOutputStream old = out;
        open();
        old.close();
        return true;
    }

    @Override
    public synchronized void write(byte[] bytes, int offset, int length) throws IOException {
        out.write(bytes, offset, length);
    }

    @Override
    public synchronized void write(int b) throws IOException {
        out.write(b);
    }

    @Override
    public synchronized void close() throws IOException {
        closed = true;
        out.close();
    }

    private void open() throws IOException {
        out = new FileOutputStream(path.toFile(), true);
        fileKey = currentFileKey();
    }

    /** The identity of the file the path names now; null when none (deleted, moved) or when it cannot be read. */
    private Object currentFileKey() {
        try {
            return Files.readAttributes(path, BasicFileAttributes.class).fileKey();
        } catch (IOException e) {
            return null;
        }
    }
}
