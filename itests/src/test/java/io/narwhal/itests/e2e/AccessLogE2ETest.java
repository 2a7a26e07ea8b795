package io.narwhal.itests.e2e;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.narwhal.itests.RawHttp;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.regex.Pattern;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Gunicorn's accesslog and access_log_format: a line per request in the worker's log file (or stdout), every request
 * of a concurrent load written, rotation (the file moved, USR1 to the master) losing no line, a bad format refused
 * at start.
 */
@OnEveryWorkerClass
class AccessLogE2ETest {
    private static final int CLIENTS = 16;
    private static final int REQUESTS_EACH = 25;

    @BeforeEach
    void distIsBuilt() {
        NarwhalProcess.requireDist();
    }

    @Test
    void theDefaultFormatIsApachesCombinedLogWithTheUserTheRefererAndTheAgent(@TempDir Path dir) throws Exception {
        Path log = dir.resolve("logs/access.log");
        try (NarwhalProcess narwhal = NarwhalProcess.start("-w", "1", "--access-logfile", log.toString())
                .awaitWorkers(1)) {
            String basic = Base64.getEncoder().encodeToString("alice:secret".getBytes(StandardCharsets.UTF_8));
            try (RawHttp http = new RawHttp(narwhal.port)) {
                http.send("GET /?x=1 HTTP/1.1\r\nHost: a\r\nReferer: http://ref.example/\r\nUser-Agent: test-agent\r\n"
                        + "Authorization: Basic " + basic + "\r\nConnection: close\r\n\r\n").read(false);
            }
            List<String> lines = awaitLines(log, 1);
            Pattern combined = Pattern.compile("127\\.0\\.0\\.1 - alice \\[\\d{2}/[A-Z][a-z]{2}/\\d{4}:\\d{2}:\\d{2}:\\d{2} "
                    + "[+-]\\d{4}] \"GET /\\?x=1 HTTP/1\\.1\" 200 13 \"http://ref\\.example/\" \"test-agent\"");
            assertTrue(combined.matcher(lines.getFirst()).matches(), lines.getFirst());
        }
    }

    @Test
    void everyRequestOfAConcurrentLoadHasItsLineInTheChosenFormat(@TempDir Path dir) throws Exception {
        Path log = dir.resolve("access.log");
        try (NarwhalProcess narwhal = NarwhalProcess.start("-w", "2", "--access-logfile", log.toString(),
                "--access-logformat", "%(m)s %(U)s q=%(q)s %(s)s %(B)s %(D)s %({X-Client}i)s %({Content-Type}o)s %(p)s")
                .awaitWorkers(2)) {
            int sent = load(narwhal.port, "/any/path");
            List<String> lines = awaitLines(log, sent);
            assertEquals(sent, lines.size());
            // hello answers every path under its mount: 200, its 13 bytes.
            Pattern line = Pattern.compile(
                    "GET /any/path q=n=(\\d+) 200 13 (\\d+) client-(\\d+) text/plain; charset=utf-8 <(\\d+)>");
            List<Long> workers = narwhal.liveWorkers();
            for (String text : lines) {
                var matcher = line.matcher(text);
                assertTrue(matcher.matches(), text);
                assertTrue(Long.parseLong(matcher.group(2)) > 0, "a request takes some microseconds: " + text);
                assertTrue(workers.contains(Long.parseLong(matcher.group(4))), "the pid is a worker's: " + text);
            }
        }
    }

    @Test
    void aRotationWithUsr1LosesNoLine(@TempDir Path dir) throws Exception {
        Path log = dir.resolve("access.log");
        Path rotated = dir.resolve("access.log.1");
        try (NarwhalProcess narwhal = NarwhalProcess.start("-w", "2", "--access-logfile", log.toString(),
                "--access-logformat", "%(U)s %(s)s").awaitWorkers(2)) {
            ExecutorService load = Executors.newSingleThreadExecutor();
            try {
                Future<Integer> during = load.submit(() -> load(narwhal.port, "/"));
                awaitLines(log, 10);
                Files.move(log, rotated);
                Runtime.getRuntime().exec(new String[] {"kill", "-USR1", Long.toString(narwhal.pid())}).waitFor();
                int sent = during.get(60, TimeUnit.SECONDS);
                NarwhalProcess.await(Duration.ofSeconds(20), () -> count(log) + count(rotated) >= sent,
                        () -> count(log) + " + " + count(rotated) + " of " + sent + " lines\n" + narwhal.output());
                assertEquals(sent, count(log) + count(rotated), "every request written once, before or after");
                assertTrue(count(log) > 0, "lines after the rotation go to the new file");
                assertTrue(narwhal.outputContains("Reopening the log files of the master and 2 worker(s)"), narwhal.output());
            } finally {
                load.shutdownNow();
            }
        }
    }

    @Test
    void toStdoutWithADash() throws Exception {
        try (NarwhalProcess narwhal = NarwhalProcess.start("-w", "1", "--access-logfile", "-", "--access-logformat",
                "access %(r)s %(s)s").awaitWorkers(1)) {
            assertEquals(200, RawHttp.get(narwhal.port, "/from-stdout-test").status());
            NarwhalProcess.await(Duration.ofSeconds(10),
                    () -> narwhal.outputContains("access GET /from-stdout-test HTTP/1.1 200"), narwhal::output);
        }
    }

    @Test
    void anUnknownAtomIsRefusedAtStart() throws Exception {
        try (NarwhalProcess narwhal = NarwhalProcess.startRaw("--access-logformat", "%(h)s %(x)s")) {
            assertEquals(2, narwhal.waitForExit(Duration.ofSeconds(20)));
            assertTrue(narwhal.output().strip().startsWith("narwhal: error: argument --access-logformat: invalid "
                    + "access_log_format: unknown atom %(x)s (known: "), narwhal.output());
        }
    }

    /** CLIENTS keep-alive connections at once, REQUESTS_EACH requests each; the requests answered. */
    private static int load(int port, String path) throws Exception {
        ExecutorService clients = Executors.newFixedThreadPool(CLIENTS);
        try {
            List<Future<Integer>> answered = new ArrayList<>();
            for (int c = 0; c < CLIENTS; c++) {
                int client = c;
                answered.add(clients.submit(() -> {
                    int ok = 0;
                    for (int i = 0; i < REQUESTS_EACH; i++) {
                        // A connection per request: sync closes each anyway, and the count must not depend on it.
                        try (RawHttp http = new RawHttp(port)) {
                            http.send("GET " + path + "?n=" + i + " HTTP/1.1\r\nHost: a\r\nX-Client: client-" + client
                                    + "\r\nConnection: close\r\n\r\n").read(false);
                            ok++;
                        }
                    }
                    return ok;
                }));
            }
            int total = 0;
            for (Future<Integer> client : answered) {
                total += client.get(60, TimeUnit.SECONDS);
            }
            assertEquals(CLIENTS * REQUESTS_EACH, total, "every request answered");
            return total;
        } finally {
            clients.shutdownNow();
        }
    }

    private static List<String> awaitLines(Path log, int count) {
        NarwhalProcess.await(Duration.ofSeconds(20), () -> count(log) >= count,
                () -> count(log) + " of " + count + " lines in " + log);
        try {
            return Files.readAllLines(log);
        } catch (IOException e) {
            throw new AssertionError(e);
        }
    }

    private static int count(Path log) {
        try {
            return Files.exists(log) ? Files.readAllLines(log).size() : 0;
        } catch (IOException e) {
            return 0;
        }
    }
}
