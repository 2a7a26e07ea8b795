package io.narwhal.itests.e2e;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.narwhal.itests.RawHttp;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Bad flags, values and addresses: a one-line error, a non-zero exit, nothing started. */
class CommandLineE2ETest {
    @BeforeEach
    void distIsBuilt() {
        NarwhalProcess.requireDist();
    }

    @Test
    void unknownFlagIsRefusedInOneLine() throws Exception {
        try (NarwhalProcess narwhal = NarwhalProcess.startRaw("--wrokers", "2")) {
            assertEquals(2, narwhal.waitForExit(Duration.ofSeconds(20)));
            assertEquals("narwhal: error: unrecognized argument: --wrokers", narwhal.output().strip());
        }
    }

    @Test
    void badValueIsRefusedNamingTheFlag() throws Exception {
        try (NarwhalProcess narwhal = NarwhalProcess.startRaw("-w", "many")) {
            assertEquals(2, narwhal.waitForExit(Duration.ofSeconds(20)));
            assertEquals("narwhal: error: argument -w/--workers: invalid workers 'many' (expected a whole number from 1 to 1024)",
                    narwhal.output().strip());
        }
        try (NarwhalProcess narwhal = NarwhalProcess.startRaw("-b", "127.0.0.1:http")) {
            assertEquals(2, narwhal.waitForExit(Duration.ofSeconds(20)));
            assertTrue(narwhal.output().strip().startsWith("narwhal: error: argument -b/--bind: invalid bind"),
                    narwhal.output());
        }
    }

    /** As Gunicorn's: every setting printed as a .cfg file would set it, nothing started; the print reads back as one. */
    /** The last line --print-config writes: the last setting, in the order of --help. */
    private static final String LAST_SETTING = "dogstatsd_tags =";

    @Test
    void printConfigPrintsEveryEffectiveSettingAndStartsNothing(@TempDir Path dir) throws Exception {
        String printed;
        try (NarwhalProcess narwhal = NarwhalProcess.startRaw("--print-config", "-w", "3", "-k", "gthread")) {
            assertEquals(0, narwhal.waitForExit(Duration.ofSeconds(20)), narwhal.output());
            NarwhalProcess.await(Duration.ofSeconds(5), () -> narwhal.outputContains(LAST_SETTING), narwhal::output);
            printed = narwhal.output().strip();
        }
        List<String> lines = printed.lines().toList();
        assertTrue(lines.contains("workers = 3") && lines.contains("worker_class = gthread")
                && lines.contains("timeout = 30"), printed);
        assertTrue(lines.stream().allMatch(line -> line.matches("[a-z_]+ =( .*)?")), printed);
        assertEquals(lines.size(), lines.stream().map(line -> line.substring(0, line.indexOf(' '))).distinct().count());
        Path cfg = Files.writeString(dir.resolve("printed.cfg"), printed + "\n");
        try (NarwhalProcess again = NarwhalProcess.startRaw("--print-config", "-c", cfg.toString())) {
            assertEquals(0, again.waitForExit(Duration.ofSeconds(20)), again.output());
            NarwhalProcess.await(Duration.ofSeconds(5), () -> again.outputContains(LAST_SETTING), again::output);
            assertEquals(printed, again.output().strip(), "the print, read back as a -c file, prints the same");
        }
    }

    @Test
    void checkConfigExitsZeroWhenTheSettingsHold_twoNamingTheOneThatDoesNot() throws Exception {
        try (NarwhalProcess narwhal = NarwhalProcess.startRaw("--check-config", "-w", "3")) {
            assertEquals(0, narwhal.waitForExit(Duration.ofSeconds(20)), narwhal.output());
            assertFalse(narwhal.outputContains("Listening"), narwhal.output());
        }
        try (NarwhalProcess narwhal = NarwhalProcess.startRaw("--check-config", "-k", "tornado")) {
            assertEquals(2, narwhal.waitForExit(Duration.ofSeconds(20)), narwhal.output());
            NarwhalProcess.await(Duration.ofSeconds(5), () -> narwhal.outputContains("narwhal: error: "), narwhal::output);
            assertTrue(narwhal.outputContains("tornado"), narwhal.output());
        }
    }

    @Test
    void portInUseIsAClearErrorAndNoWorkerStarts() throws Exception {
        try (ServerSocket taken = new ServerSocket()) {
            taken.bind(new InetSocketAddress("127.0.0.1", 0));
            try (NarwhalProcess narwhal = NarwhalProcess.startRaw("-b", "127.0.0.1:" + taken.getLocalPort())) {
                assertNotEquals(0, narwhal.waitForExit(Duration.ofSeconds(20)));
                assertTrue(narwhal.outputContains("cannot bind 127.0.0.1:" + taken.getLocalPort()
                        + ": Address already in use"), narwhal.output());
                assertTrue(narwhal.everyWorker().isEmpty(), "no worker was started");
                assertFalse(narwhal.outputContains("Booting worker"));
            }
        }
    }

    @Test
    void unknownHostIsRefused() throws Exception {
        try (NarwhalProcess narwhal = NarwhalProcess.startRaw("-b", "no-such-host.invalid:8000")) {
            assertEquals(2, narwhal.waitForExit(Duration.ofSeconds(20)));
            assertEquals("narwhal: error: invalid bind 'no-such-host.invalid:8000': unknown host 'no-such-host.invalid'",
                    narwhal.output().strip());
        }
    }

    @Test
    void versionIsTheOneTheStartUpLogSays() throws Exception {
        String version;
        try (NarwhalProcess narwhal = NarwhalProcess.startRaw("-v")) {
            assertEquals(0, narwhal.waitForExit(Duration.ofSeconds(20)));
            version = narwhal.output().strip();
        }
        assertTrue(version.matches("narwhal \\S+"), version);
        try (NarwhalProcess narwhal = NarwhalProcess.start("-w", "1").awaitWorkers(1)) {
            assertTrue(narwhal.outputContains("Starting " + version + " (master pid " + narwhal.pid() + ")"),
                    narwhal.output());
        }
    }

    @Test
    void aSymlinkedScriptFindsItsDistribution(@TempDir Path dir) throws Exception {
        Path link = Files.createSymbolicLink(dir.resolve("narwhal"), NarwhalProcess.DIST.resolve("bin/narwhal"));
        try (NarwhalProcess narwhal = NarwhalProcess.startScript(link, -1, "-v")) {
            assertEquals(0, narwhal.waitForExit(Duration.ofSeconds(20)));
            assertTrue(narwhal.output().startsWith("narwhal "), narwhal.output());
        }
        int port = NarwhalProcess.freePort();
        try (NarwhalProcess narwhal = NarwhalProcess.startScript(link, port, "-b", "127.0.0.1:" + port, "-w", "1",
                "-k", WorkerClass.underTest().name()).awaitWorkers(1)) {
            RawHttp.Response response = RawHttp.get(port, "/");
            assertEquals(200, response.status());
            assertEquals("Hello, World!", response.text());
        }
    }

    @Test
    void logLevelReachesTheMasterAndTheWorkers() throws Exception {
        try (NarwhalProcess narwhal = NarwhalProcess.start("-w", "1", "--log-level", "debug").awaitWorkers(1)) {
            try (RawHttp http = new RawHttp(narwhal.port)) {
                assertEquals(400, http.send("GET / HTTP/1.1\r\n\r\n").read(false).status(), "no Host");
            }
            NarwhalProcess.await(Duration.ofSeconds(10), () -> narwhal.outputContains("[DEBUG] Rejected a request from"),
                    narwhal::output);
        }
        try (NarwhalProcess narwhal = NarwhalProcess.start("-w", "1", "--log-level", "error")) {
            NarwhalProcess.await(Duration.ofSeconds(30), () -> answersHello(narwhal.port), narwhal::output);
            assertFalse(narwhal.outputContains("[INFO]"), narwhal.output());
        }
    }

    private static boolean answersHello(int port) {
        try {
            return RawHttp.get(port, "/").status() == 200;
        } catch (java.io.IOException e) {
            return false;
        }
    }

    @Test
    void helpPrintsUsage() throws Exception {
        try (NarwhalProcess narwhal = NarwhalProcess.startRaw("--help")) {
            assertEquals(0, narwhal.waitForExit(Duration.ofSeconds(20)));
            assertTrue(narwhal.output().startsWith("usage: narwhal"), narwhal.output());
        }
    }

    @Test
    @OnEveryWorkerClass
    void requestLimitFlagsReachTheWorkers() throws Exception {
        try (NarwhalProcess narwhal = NarwhalProcess.start("-w", "1", "--limit-request-line", "64",
                "--limit-request-fields", "3", "--limit-request-field_size", "20").awaitWorkers(1)) {
            InetSocketAddress server = new InetSocketAddress("127.0.0.1", narwhal.port);
            // "GET /aaa HTTP/1.1" of 63, 64 and 65 bytes, its CRLF not counted.
            for (int length = 63; length <= 65; length++) {
                String target = "/" + "a".repeat(length - "GET / HTTP/1.1".length());
                assertEquals(length <= 64 ? 200 : 414, RawHttp.get(narwhal.port, target).status(), "line of " + length);
            }
            assertEquals(431, RawHttp.exchange(server, "GET / HTTP/1.1\r\nHost: x\r\nA: 1\r\nB: 2\r\nC: 3\r\n\r\n").status());
            // "X: vvv" lines of 19, 20 and 21 bytes with their CRLF.
            for (int size = 19; size <= 21; size++) {
                String field = "X: " + "v".repeat(size - "X: \r\n".length());
                assertEquals(size <= 20 ? 200 : 431, RawHttp.exchange(server, "GET / HTTP/1.1\r\nHost: x\r\n" + field
                        + "\r\n\r\n").status(), "field of " + size);
            }
        }
    }

    @Test
    @OnEveryWorkerClass
    void httpComplianceFlagReachesTheWorkers() throws Exception {
        String withoutHost = "GET / HTTP/1.1\r\n\r\n";
        String bareLf = "GET / HTTP/1.1\nHost: x\n\n";
        try (NarwhalProcess narwhal = NarwhalProcess.start("-w", "1").awaitWorkers(1)) {
            InetSocketAddress server = new InetSocketAddress("127.0.0.1", narwhal.port);
            assertEquals("400 Bad Request: missing Host\n", RawHttp.exchange(server, withoutHost).text());
            assertEquals("400 Bad Request: bare LF\n", RawHttp.exchange(server, bareLf).text());
        }
        try (NarwhalProcess narwhal = NarwhalProcess.start("-w", "1", "--http-compliance", "lenient").awaitWorkers(1)) {
            InetSocketAddress server = new InetSocketAddress("127.0.0.1", narwhal.port);
            assertEquals("Hello, World!", RawHttp.exchange(server, withoutHost).text());
            assertEquals("Hello, World!", RawHttp.exchange(server, bareLf).text());
            for (String logged : List.of("Tolerated an HTTP/1.1 request without Host from /127.0.0.1:",
                    "(http_compliance=lenient, leniency BARE_LF, 1 so far)")) {
                NarwhalProcess.await(Duration.ofSeconds(10), () -> narwhal.outputContains(logged), narwhal::output);
            }
        }
        try (NarwhalProcess narwhal = NarwhalProcess.startRaw("--http-compliance", "loose")) {
            assertEquals(2, narwhal.waitForExit(Duration.ofSeconds(20)));
            assertEquals("narwhal: error: argument --http-compliance: invalid http_compliance 'loose' "
                    + "(expected one of: strict, lenient)", narwhal.output().strip());
        }
    }

    @Test
    void aPidFileOfARunningProcessIsRefused(@TempDir Path dir) throws Exception {
        Path pidFile = Files.writeString(dir.resolve("busy.pid"),
                ProcessHandle.current().pid() + "\n");
        try (NarwhalProcess narwhal = NarwhalProcess.startRaw("--pid", pidFile.toString())) {
            assertEquals(2, narwhal.waitForExit(Duration.ofSeconds(20)));
            assertTrue(narwhal.output().strip().startsWith("narwhal: error: pid file " + pidFile + " names a running process"),
                    narwhal.output());
        }
    }
}
