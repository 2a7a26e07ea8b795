package io.narwhal.itests.e2e;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.narwhal.itests.RawHttp;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Gunicorn's errorlog (--error-logfile, --log-file): master and workers append their log lines to one file instead of
 * stderr, each line saying its process; a logrotate-like rotation (move, then USR1) loses no line and sends the new
 * ones to the new file; an unwritable path is refused at start; a config edit moves the log live.
 */
class ErrorLogE2ETest {
    private static final Duration BOOT = Duration.ofSeconds(60);
    private static final Pattern BOOTING = Pattern.compile("Booting worker with pid: (\\d+)");
    /** The start of every line of config/logback.xml's pattern: Gunicorn's, the PID of the process that wrote it. */
    private static final Pattern LINE = Pattern.compile(
            "\\[\\d{4}-\\d{2}-\\d{2} \\d{2}:\\d{2}:\\d{2}\\.\\d{3} [+-]\\d{4}] \\[(\\d+)] \\[(DEBUG|INFO|WARN|ERROR)] .*");

    @BeforeEach
    void distIsBuilt() {
        NarwhalProcess.requireDist();
    }

    @Test
    void theMastersAndTheWorkersLinesGoToTheFileNotToStderr(@TempDir Path dir) throws Exception {
        Path log = dir.resolve("error.log");
        try (NarwhalProcess narwhal = NarwhalProcess.start("-w", "1", "--error-logfile", log.toString(),
                "--log-level", "debug")) {
            long worker = awaitWorkerReady(log, narwhal);
            try (RawHttp http = new RawHttp(narwhal.port)) {
                assertEquals(400, http.send("GET / HTTP/1.1\r\n\r\n").read(false).status(), "no Host");
            }
            awaitIn(log, "] [" + worker + "] [DEBUG] Rejected a request from", narwhal);

            String text = read(log);
            assertTrue(text.contains("] [" + narwhal.pid() + "] [INFO] Starting narwhal"), text);
            assertTrue(text.contains("] [" + worker + "] [INFO] mounted app 'hello' at /"), text);
            for (String line : text.lines().toList()) {
                Matcher matcher = LINE.matcher(line);
                assertTrue(matcher.matches(), line);
                long pid = Long.parseLong(matcher.group(1));
                assertTrue(pid == narwhal.pid() || pid == worker, "the master's or the worker's: " + line);
            }
            for (String logged : List.of("Starting narwhal", "Booting worker", "mounted app", "Rejected a request")) {
                assertFalse(narwhal.outputContains(logged), "not on stdout or stderr: " + logged + "\n" + narwhal.output());
            }
        }
    }

    @Test
    void aRotationThenUsr1SendsNewLinesToTheNewFileAndTheOldKeepsEverythingBefore(@TempDir Path dir) throws Exception {
        Path log = dir.resolve("error.log");
        Path rotated = dir.resolve("error.log.1");
        try (NarwhalProcess narwhal = NarwhalProcess.start("-w", "1", "--log-file", log.toString(),
                "--log-level", "debug")) {
            long first = awaitWorkerReady(log, narwhal);
            Files.move(log, rotated);
            signal(narwhal, "USR1");
            awaitIn(log, "Reopening the log files of the master and 1 worker(s)", narwhal);
            try (RawHttp http = new RawHttp(narwhal.port)) {
                assertEquals(400, http.send("GET / HTTP/1.1\r\n\r\n").read(false).status(), "no Host");
            }
            awaitIn(log, "] [" + first + "] [DEBUG] Rejected a request from", narwhal);
            signal(narwhal, "TTIN");
            long second = awaitWorkerReady(log, narwhal);

            String before = read(rotated);
            for (String line : List.of("] [" + narwhal.pid() + "] [INFO] Starting narwhal",
                    "Booting worker with pid: " + first, "] [" + first + "] [INFO] mounted app 'hello' at /",
                    "Worker " + first + " ready in ")) {
                assertTrue(before.contains(line), "kept in the moved file: " + line + "\n" + before);
            }
            for (String line : List.of("Reopening the log files", "Rejected a request", "Booting worker with pid: " + second,
                    "] [" + second + "] ")) {
                assertFalse(before.contains(line), "not in the moved file: " + line + "\n" + before);
            }
            assertTrue(read(log).contains("] [" + second + "] [INFO] mounted app 'hello' at /"), read(log));
        }
    }

    @Test
    void anUnwritablePathIsRefusedAtStartNamingTheSetting(@TempDir Path dir) throws Exception {
        Path unwritable = dir.resolve("no-such-folder/error.log");
        try (NarwhalProcess narwhal = NarwhalProcess.startRaw("-b", "127.0.0.1:0", "--error-logfile",
                unwritable.toString())) {
            assertEquals(2, narwhal.waitForExit(Duration.ofSeconds(20)));
            assertEquals("narwhal: error: invalid errorlog '" + unwritable
                    + "' (cannot append to it: its folder does not exist)", narwhal.output().strip());
        }
    }

    @Test
    void aConfigEditMovesTheMastersLogAndTheReplacedWorkersFollow(@TempDir Path dir) throws Exception {
        Path dist = NarwhalProcess.copyOfDist(dir.resolve("dist"));
        Path log = dir.resolve("error.log");
        int port = NarwhalProcess.freePort();
        Path cfg = dist.resolve("config/narwhal.server.cfg");
        ConfigurationE2ETest.writeConfig(cfg, "bind = 127.0.0.1:" + port + "\nworkers = 1\n");
        try (NarwhalProcess narwhal = NarwhalProcess.startIn(dist, port).awaitWorkers(1)) {
            ConfigurationE2ETest.writeConfig(cfg, "bind = 127.0.0.1:" + port + "\nworkers = 1\nerrorlog = " + log + "\n");
            awaitIn(log, "] [" + narwhal.pid() + "] [INFO] Configuration applied", narwhal);
            long replacement = awaitWorkerReady(log, narwhal);
            assertTrue(read(log).contains("] [" + replacement + "] [INFO] mounted app 'hello' at /"), read(log));

            Path unwritable = dir.resolve("no-such-folder/error.log");
            ConfigurationE2ETest.writeConfig(cfg, "bind = 127.0.0.1:" + port + "\nworkers = 1\nerrorlog = " + unwritable
                    + "\n");
            awaitIn(log, "narwhal.server.cfg: invalid errorlog '" + unwritable + "' (cannot append to it: its folder"
                    + " does not exist); keeping the running configuration", narwhal);
            assertEquals(200, RawHttp.get(port, "/").status());
        }
    }

    /** The first worker this file says is booting, once the file says it is ready. */
    private static long awaitWorkerReady(Path log, NarwhalProcess narwhal) {
        NarwhalProcess.await(BOOT, () -> !booted(log).isEmpty(), () -> "no worker booting in " + log + ":\n"
                + read(log) + "\nstdout and stderr:\n" + narwhal.output());
        long pid = booted(log).getFirst();
        NarwhalProcess.await(BOOT, () -> read(log).contains("Worker " + pid + " ready in "), () -> "worker " + pid
                + " not ready in " + log + ":\n" + read(log) + "\nstdout and stderr:\n" + narwhal.output());
        return pid;
    }

    private static List<Long> booted(Path log) {
        List<Long> pids = new ArrayList<>();
        Matcher matcher = BOOTING.matcher(read(log));
        while (matcher.find()) {
            pids.add(Long.parseLong(matcher.group(1)));
        }
        return pids;
    }

    private static void awaitIn(Path log, String text, NarwhalProcess narwhal) {
        NarwhalProcess.await(Duration.ofSeconds(30), () -> read(log).contains(text), () -> "no '" + text + "' in "
                + log + ":\n" + read(log) + "\nstdout and stderr:\n" + narwhal.output());
    }

    private static String read(Path log) {
        try {
            return Files.exists(log) ? Files.readString(log) : "";
        } catch (IOException e) {
            return "";
        }
    }

    private static void signal(NarwhalProcess narwhal, String name) throws Exception {
        assertEquals(0, Runtime.getRuntime().exec(new String[] {"kill", "-" + name, Long.toString(narwhal.pid())})
                .waitFor());
    }
}
