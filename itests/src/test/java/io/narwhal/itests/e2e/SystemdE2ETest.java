package io.narwhal.itests.e2e;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.narwhal.itests.RawHttp;
import io.narwhal.itests.e2e.FakeNotifySocket.Notification;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The master under systemd, with systemd stood in for (no systemd needed): a notify socket that records who sent what
 * (Type=notify, NotifyAccess=main), and a launcher that passes a listening socket as fd 3 (socket activation).
 */
class SystemdE2ETest {
    private static final String SERVING = "READY=1\nSTATUS=2 of 2 workers serving";

    @BeforeEach
    void distIsBuilt() {
        NarwhalProcess.requireDist();
    }

    @Test
    void theMasterAloneTellsSystemdItIsReady_reloading_readyAgain_andStopping(@TempDir Path dir) throws Exception {
        try (FakeNotifySocket systemd = FakeNotifySocket.bind(dir.resolve("notify"));
                NarwhalProcess narwhal = NarwhalProcess.start(Map.of("NOTIFY_SOCKET", systemd.path().toString()),
                        "-w", "2")) {
            assertEquals(SERVING, systemd.await(0, message -> message.startsWith("READY=1")).message());
            assertEquals(200, RawHttp.get(narwhal.port, "/").status(), "serving once ready");
            narwhal.awaitWorkers(2);
            for (long worker : narwhal.liveWorkers()) {
                assertFalse(environment(worker).contains("NOTIFY_SOCKET="), "worker " + worker + " may not notify");
            }

            int beforeHup = systemd.count();
            long hupMicros = System.nanoTime() / 1_000; // HotSpot's nanoTime is CLOCK_MONOTONIC on Linux
            narwhal.signal("HUP");
            Notification reloading = systemd.await(beforeHup, message -> message.startsWith("RELOADING=1"));
            long stamp = monotonicStamp(reloading.message());
            assertTrue(hupMicros <= stamp && stamp <= System.nanoTime() / 1_000, "MONOTONIC_USEC " + stamp
                    + " not between the HUP (" + hupMicros + ") and now");
            assertEquals(SERVING, systemd.await(beforeHup + 1, message -> message.startsWith("READY=1")).message());
            assertEquals(200, RawHttp.get(narwhal.port, "/").status());

            narwhal.signal("TERM");
            assertEquals(0, narwhal.waitForExit(Duration.ofSeconds(40)), narwhal.output());
            systemd.await(beforeHup, message -> message.equals("STATUS=stopping, every worker exited"));

            List<Notification> received = systemd.received();
            assertTrue(received.stream().allMatch(notification -> notification.pid() == narwhal.pid()),
                    () -> "not all from the master (" + narwhal.pid() + "), the service's main process: " + received);
            String sequence = String.join("\n\n", received.stream().map(Notification::message).toList());
            assertTrue(Pattern.matches(String.join("\n\n",
                    "STATUS=booting, 0 of 2 workers serving(\n\nSTATUS=booting, 1 of 2 workers serving)?",
                    SERVING,
                    "RELOADING=1\nMONOTONIC_USEC=\\d+\nSTATUS=reloading, 2 of 2 workers serving, 2 to replace"
                            + "(\n\nSTATUS=reloading, \\d of 2 workers serving, \\d to replace)*",
                    SERVING,
                    "STOPPING=1\nSTATUS=stopping, \\d workers? draining(\n\nSTATUS=stopping, \\d workers? draining)*",
                    "STATUS=stopping, every worker exited"), sequence), sequence);
        }
    }

    @Test
    void underSocketActivationTheMasterServesTheSocketOnFd3_andBindsNothing() throws Exception {
        int activated = NarwhalProcess.freePort();
        int bind = NarwhalProcess.freePort();
        try (NarwhalProcess narwhal = NarwhalProcess.startThrough(activation(activated, "own-pid"), activated,
                "-b", "127.0.0.1:" + bind, "-w", "2").awaitWorkers(2)) {
            assertEquals(200, RawHttp.get(activated, "/").status());
            assertTrue(narwhal.outputContains("Socket activation: serving the socket systemd passed as fd 3 (127.0.0.1:"
                    + activated + "); the bind setting (127.0.0.1:" + bind + ") is not used"), narwhal.output());
            assertTrue(narwhal.outputContains("Listening at: http://127.0.0.1:" + activated + " (" + narwhal.pid() + ")"),
                    narwhal.output());
            assertFalse(accepts(bind), "the bind port is not bound");
            assertEquals("http://127.0.0.1:" + activated + "\n", NarwhalShell.run(NarwhalProcess.DIST, "--pid",
                    Long.toString(narwhal.pid()), "listeners").ok().out());

            String passed = openFds(narwhal.pid()).get(3);
            for (long worker : narwhal.liveWorkers()) {
                Map<Integer, String> fds = openFds(worker);
                assertEquals(passed, fds.get(0), "worker " + worker + " accepts on the socket passed to the master");
                // A leaked fd keeps its number across exec. (The worker's JDK holds a dup of fd 0 of its own, for
                // System.inheritedChannel(), at some higher number.)
                assertNotEquals(passed, fds.get(3), "fd 3 leaked into worker " + worker);
                assertFalse(environment(worker).contains("LISTEN_"), "worker " + worker + " is given no LISTEN_*");
            }
        }
    }

    @Test
    void aListenPidOfAnotherProcessLeavesTheMasterBindingItsSocket() throws Exception {
        int activated = NarwhalProcess.freePort();
        int bind = NarwhalProcess.freePort();
        try (NarwhalProcess narwhal = NarwhalProcess.startThrough(activation(activated, "other-pid"), bind,
                "-b", "127.0.0.1:" + bind, "-w", "1").awaitWorkers(1)) {
            assertEquals(200, RawHttp.get(bind, "/").status());
            assertTrue(narwhal.outputContains("Listening at: http://127.0.0.1:" + bind + " (" + narwhal.pid() + ")"),
                    narwhal.output());
            assertTrue(narwhal.outputContains("LISTEN_FDS=1 is for process "), narwhal.output());
            assertFalse(narwhal.outputContains("Socket activation:"), narwhal.output());
        }
    }

    @Test
    void aPassedSocketThatDoesNotListenStopsTheMasterAsAFailedBindDoes() throws Exception {
        int activated = NarwhalProcess.freePort();
        try (NarwhalProcess narwhal = NarwhalProcess.startThrough(activation(activated, "not-listening"), activated,
                "-w", "1")) {
            assertEquals(1, narwhal.waitForExit(Duration.ofSeconds(30)), narwhal.output());
            assertTrue(narwhal.outputContains("[ERROR] socket activation: fd 3 is a stream socket that does not listen"),
                    narwhal.output());
            assertTrue(narwhal.everyWorker().isEmpty(), "no worker was started");
        }
    }

    /** The socket-activating launcher: listens on the port, then execs what follows it with LISTEN_* set. */
    private static List<String> activation(int port, String mode) {
        return List.of("python3", FakeNotifySocket.script("socket-activate.py").toString(), Integer.toString(port), mode);
    }

    private static long monotonicStamp(String message) {
        Matcher stamp = Pattern.compile("MONOTONIC_USEC=(\\d+)").matcher(message);
        assertTrue(stamp.find(), message);
        return Long.parseLong(stamp.group(1));
    }

    private static String environment(long pid) throws IOException {
        return new String(Files.readAllBytes(Path.of("/proc/" + pid + "/environ"))).replace('\0', '\n');
    }

    /** A process's open fds and what each is ("socket:[inode]", a path). */
    private static Map<Integer, String> openFds(long pid) throws IOException {
        Map<Integer, String> fds = new TreeMap<>();
        try (Stream<Path> entries = Files.list(Path.of("/proc/" + pid + "/fd"))) {
            for (Path entry : (Iterable<Path>) entries::iterator) {
                try {
                    fds.put(Integer.parseInt(entry.getFileName().toString()), Files.readSymbolicLink(entry).toString());
                } catch (NoSuchFileException closedMeanwhile) {
                    // an fd closed between the listing and the look
                }
            }
        }
        return fds;
    }

    private static boolean accepts(int port) {
        try (Socket socket = new Socket()) {
            socket.connect(new InetSocketAddress("127.0.0.1", port), 500);
            return true;
        } catch (IOException e) {
            return false;
        }
    }
}
