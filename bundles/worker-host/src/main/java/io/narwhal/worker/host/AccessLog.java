package io.narwhal.worker.host;

import io.narwhal.api.app.HttpRequest;
import io.narwhal.api.app.HttpResponse;
import io.narwhal.launch.LogFile;
import io.narwhal.settings.AccessLogFormat;
import java.io.FileDescriptor;
import java.io.FileOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.atomic.AtomicLong;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A worker's access log (Gunicorn's accesslog): a line per request, off the request's path. The request's thread
 * only takes the fields the format uses into a queue; this log's own thread takes them every 50 ms, formats the
 * lines and writes them in one batch, to stdout or appended to a file. A full queue drops lines (counted, and said in the error log) rather
 * than slow requests. The file is a {@link LogFile}: reopened when asked (USR1 to the master) and when it is moved or
 * deleted (logrotate without copytruncate), so rotation loses no line.
 */
final class AccessLog implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(AccessLog.class);
    private static final int QUEUE = 16_384;
    /**
     * How often the writer takes what is queued. It sleeps rather than waits on the queue: a writer woken by every
     * line would cost each request a wake-up and a context switch (in one run, 40% of gthread's c16 req/s).
     */
    private static final long BATCH_MILLIS = 50;

    private final AccessLine.Format format;
    /** The file, or null for stdout. */
    private final LogFile file;
    private final OutputStream out;
    private final BlockingQueue<AccessLine> queue = new ArrayBlockingQueue<>(QUEUE);
    private final AtomicLong dropped = new AtomicLong();
    private final Thread writer;
    private volatile boolean closing;

    /**
     * @param target a file path (its folder made), or {@code -} for stdout
     */
    private AccessLog(String target, AccessLogFormat format) throws IOException {
        this.format = new AccessLine.Format(format);
        if (target.equals("-")) {
            file = null;
            out = new FileOutputStream(FileDescriptor.out);
        } else {
            Path path = Path.of(target).toAbsolutePath();
            Files.createDirectories(path.getParent());
            file = LogFile.append(path);
            out = file;
        }
        this.writer = Thread.ofPlatform().daemon().name("narwhal-access-log").start(this::writeLines);
    }

    /** The access log the settings ask for, or null when accesslog is empty (off). */
    static AccessLog open(String target, AccessLogFormat format) throws IOException {
        return target == null || target.isEmpty() ? null : new AccessLog(target, format);
    }

    /**
     * Queues the line of a request just handled, which started at these times; a full queue drops it (counted).
     * Called by {@link RequestMetrics}'s handler, so the log adds no call of its own around each request: a frame
     * more between the codec and the app was enough to cost the JIT's inlining of the response's path.
     */
    void log(HttpRequest request, HttpResponse response, long startMillis, long startNanos) {
        if (!queue.offer(format.take(request, response, startMillis, startNanos))) {
            dropped.incrementAndGet();
        }
    }

    /** Reopens the file before the next line (logrotate moved it). */
    void reopen() {
        if (file != null) {
            file.reopen();
            writer.interrupt();
        }
    }

    private void writeLines() {
        List<AccessLine> batch = new ArrayList<>();
        StringBuilder text = new StringBuilder();
        while (!closing || !queue.isEmpty()) {
            try {
                Thread.sleep(BATCH_MILLIS);
            } catch (InterruptedException e) {
                // reopen or close asked: go on to them with what is queued
            }
            queue.drainTo(batch);
            reopenIfDue();
            write(batch, text);
            reportDropped();
        }
        closeQuietly();
    }

    private void write(List<AccessLine> batch, StringBuilder text) {
        if (batch.isEmpty()) {
            return;
        }
        text.setLength(0);
        for (AccessLine line : batch) {
            format.render(line, text);
            text.append('\n');
        }
        batch.clear();
        try {
            out.write(text.toString().getBytes(StandardCharsets.UTF_8));
            out.flush();
        } catch (IOException e) {
            LOG.error("access log: cannot write to {}: {}", file == null ? "stdout" : file.path(), e.toString());
        }
    }

    private void reopenIfDue() {
        if (file == null) {
            return;
        }
        try {
            if (file.reopenIfDue()) {
                LOG.info("access log reopened: {}", file.path());
            }
        } catch (IOException e) {
            LOG.error("access log: cannot reopen {}: {}", file.path(), e.toString());
        }
    }

    private void reportDropped() {
        long lost = dropped.getAndSet(0);
        if (lost > 0) {
            LOG.warn("access log: {} line(s) dropped, the log's writer fell behind the requests", lost);
        }
    }

    private void closeQuietly() {
        try {
            if (file != null) {
                out.close();
            } else {
                out.flush();
            }
        } catch (IOException e) {
            LOG.debug("closing the access log: {}", e.toString());
        }
    }

    /** Writes what is queued, then closes the file. */
    @Override
    public void close() throws InterruptedException {
        closing = true;
        writer.interrupt();
        writer.join(5_000);
    }
}
