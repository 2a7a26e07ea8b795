package io.narwhal.launch;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class LogFileTest {
    @Test
    void appendsToWhatIsThere(@TempDir Path dir) throws IOException {
        Path path = Files.writeString(dir.resolve("a.log"), "before\n");
        try (LogFile log = LogFile.append(path)) {
            write(log, "after");
        }
        assertEquals(List.of("before", "after"), Files.readAllLines(path));
    }

    @Test
    void reopensWhenAskedSoLinesAfterARotationGoToTheNewFile(@TempDir Path dir) throws IOException {
        Path path = dir.resolve("a.log");
        Path rotated = dir.resolve("a.log.1");
        try (LogFile log = LogFile.append(path)) {
            write(log, "one");
            Files.move(path, rotated);
            write(log, "two");
            log.reopen();
            assertTrue(log.reopenIfDue());
            write(log, "three");
            assertFalse(log.reopenIfDue(), "asked once, reopened once");
        }
        assertEquals(List.of("one", "two"), Files.readAllLines(rotated));
        assertEquals(List.of("three"), Files.readAllLines(path));
    }

    @Test
    void reopensUnaskedOnceItFindsTheFileMovedOrDeleted(@TempDir Path dir) throws Exception {
        Path path = dir.resolve("a.log");
        try (LogFile log = LogFile.append(path)) {
            assertFalse(log.reopenIfDue(), "not looked at more than once a second");
            Files.move(path, dir.resolve("a.log.1"));
            awaitReopen(log);
            write(log, "after the move");
            Files.delete(path);
            awaitReopen(log);
            write(log, "after the delete");
        }
        assertEquals(List.of("after the delete"), Files.readAllLines(path));
        assertEquals(List.of(), Files.readAllLines(dir.resolve("a.log.1")));
    }

    @Test
    void twoWritersOnOneFileNeverTearALine(@TempDir Path dir) throws Exception {
        Path path = dir.resolve("shared.log");
        String padding = "x".repeat(300);
        ExecutorService threads = Executors.newFixedThreadPool(4);
        // Two opens of one path, as two processes have: appends of each land whole, one after another.
        try (LogFile first = LogFile.append(path); LogFile second = LogFile.append(path)) {
            List<Future<?>> writers = new ArrayList<>();
            for (int t = 0; t < 4; t++) {
                LogFile log = t % 2 == 0 ? first : second;
                int writer = t;
                writers.add(threads.submit(() -> {
                    for (int i = 0; i < 500; i++) {
                        write(log, "writer " + writer + " line " + i + " " + padding);
                    }
                    return null;
                }));
            }
            for (Future<?> writer : writers) {
                writer.get();
            }
        } finally {
            threads.shutdownNow();
        }
        List<String> lines = Files.readAllLines(path);
        assertEquals(2000, lines.size());
        for (String line : lines) {
            assertTrue(line.matches("writer \\d line \\d+ x{300}"), line);
        }
    }

    private static void awaitReopen(LogFile log) throws Exception {
        long deadline = System.nanoTime() + 5_000_000_000L;
        while (!log.reopenIfDue()) {
            assertTrue(System.nanoTime() < deadline, "not reopened within 5 s");
            Thread.sleep(20);
        }
    }

    private static void write(LogFile log, String line) {
        try {
            log.write((line + "\n").getBytes(StandardCharsets.UTF_8));
        } catch (IOException e) {
            throw new AssertionError(e);
        }
    }
}
