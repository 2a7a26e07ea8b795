package io.narwhal.supervisor.posix;

import static java.lang.foreign.ValueLayout.ADDRESS;
import static java.lang.foreign.ValueLayout.JAVA_INT;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.FileInputStream;
import java.io.IOException;
import java.lang.foreign.Arena;
import java.lang.foreign.FunctionDescriptor;
import java.lang.foreign.Linker;
import java.lang.foreign.MemorySegment;
import java.lang.invoke.MethodHandle;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

@Timeout(30)
class PosixTest {

    private static final List<String> ENV = List.of("PATH=/usr/bin:/bin", "LC_ALL=C");
    private static final InetSocketAddress LOOPBACK_ANY_PORT = new InetSocketAddress("127.0.0.1", 0);

    @TempDir
    Path tmp;

    private final List<Integer> fds = new ArrayList<>();
    private final List<Integer> pids = new ArrayList<>();

    /** Kills, by pid, every child still unreaped (waitNoHang answers ECHILD for reaped ones). */
    @AfterEach
    void cleanUp() throws IOException {
        for (int pid : pids) {
            try {
                if (Posix.waitNoHang(pid) == null) {
                    Posix.kill(pid, Posix.SIGKILL);
                    Posix.waitFor(pid);
                }
            } catch (PosixException alreadyReaped) {
                // reaped by the test itself
            }
        }
        for (int fd : fds) {
            Posix.close(fd);
        }
    }

    @Test
    void listensOnAnEphemeralPortThatAcceptsConnections() throws IOException {
        int fd = listener(LOOPBACK_ANY_PORT);
        int port = Posix.localPort(fd);
        assertTrue(port > 0 && port < 65536, "port " + port);
        try (Socket client = new Socket("127.0.0.1", port)) {
            assertTrue(client.isConnected()); // completed by the kernel from the backlog
        }
        assertTrue(Files.readSymbolicLink(fdPath(fd)).toString().startsWith("socket:["));
    }

    @Test
    void listensOnIpv6Loopback() throws IOException {
        assumeTrue(hasIpv6Loopback(), "no ::1 on this host");
        int fd = listener(new InetSocketAddress("::1", 0));
        int port = Posix.localPort(fd);
        assertTrue(port > 0);
        try (Socket client = new Socket(InetAddress.getByName("::1"), port)) {
            assertTrue(client.isConnected());
        }
    }

    @Test
    void secondBindToTheSamePortSaysAddressInUse() throws IOException {
        int port = Posix.localPort(listener(LOOPBACK_ANY_PORT));
        PosixException e = assertThrows(PosixException.class,
                () -> listener(new InetSocketAddress("127.0.0.1", port)));
        assertEquals("cannot bind 127.0.0.1:" + port + ": Address already in use", e.getMessage());
        assertEquals(Posix.EADDRINUSE, e.errno());
    }

    @Test
    void addressNotOnThisHostFailsClearly() throws IOException {
        assumeTrue(Files.readString(Path.of("/proc/sys/net/ipv4/ip_nonlocal_bind")).trim().equals("0"));
        IOException e = assertThrows(IOException.class,
                () -> listener(new InetSocketAddress("203.0.113.1", 8000)));
        assertEquals("cannot bind 203.0.113.1:8000: Cannot assign requested address", e.getMessage());

        assumeTrue(hasIpv6Loopback());
        IOException e6 = assertThrows(IOException.class,
                () -> listener(new InetSocketAddress("2001:db8::1", 8000)));
        assertEquals("cannot bind [2001:db8:0:0:0:0:0:1]:8000: Cannot assign requested address", e6.getMessage());
    }

    @Test
    void unresolvedHostFailsClearly() {
        IOException e = assertThrows(IOException.class,
                () -> listener(InetSocketAddress.createUnresolved("no-such-host.invalid", 80)));
        assertEquals("cannot bind no-such-host.invalid:80: host name not resolved", e.getMessage());
    }

    @Test
    void reportsTheExitCodeOnceThenForgetsTheChild() throws Exception {
        int pid = spawnShell("exit 3");
        ExitStatus status = pollUntilExited(pid);
        assertEquals(ExitStatus.exited(3), status);
        assertFalse(status.isKilled());
        assertEquals("exited with code 3", status.toString());

        PosixException e = assertThrows(PosixException.class, () -> Posix.waitNoHang(pid));
        assertEquals("cannot wait for process " + pid + ": No child processes", e.getMessage());
        assertFalse(Posix.kill(pid, 0), "a reaped child is gone (ESRCH)");
    }

    @Test
    void killsARunningChild() throws Exception {
        int pid = spawn("/bin/sleep", List.of("sleep", "30"), -1);
        Thread.sleep(50);
        assertNull(Posix.waitNoHang(pid), "sleep 30 is still running");
        assertTrue(Posix.kill(pid, Posix.SIGKILL));
        ExitStatus status = Posix.waitFor(pid);
        assertEquals(ExitStatus.killedBy(Posix.SIGKILL), status);
        assertEquals("killed by SIGKILL", status.toString());
    }

    @Test
    void childStartsWithDefaultSignalHandling() throws Throwable {
        // A JVM master blocks signals in some threads and may ignore some (SIG_IGN survives exec):
        // set both up in this thread, then check the child sees neither.
        Linker linker = Linker.nativeLinker();
        MethodHandle sigmask = linker.downcallHandle(linker.defaultLookup().findOrThrow("pthread_sigmask"),
                FunctionDescriptor.of(JAVA_INT, JAVA_INT, ADDRESS, ADDRESS));
        MethodHandle signal = linker.downcallHandle(linker.defaultLookup().findOrThrow("signal"),
                FunctionDescriptor.of(ADDRESS, JAVA_INT, ADDRESS));
        int sigBlock = 0, sigSetmask = 2;
        Path out = tmp.resolve("signals");
        try (Arena arena = Arena.ofConfined()) {
            MemorySegment usr2 = arena.allocate(128, 8);
            usr2.set(JAVA_INT, 0, 1 << (Posix.SIGUSR2 - 1)); // sigset_t bit n-1 of the first word
            MemorySegment oldMask = arena.allocate(128, 8);
            int pid;
            assertEquals(0, (int) sigmask.invokeExact(sigBlock, usr2, oldMask));
            MemorySegment oldTtou = (MemorySegment) signal.invokeExact(Posix.SIGTTOU, MemorySegment.ofAddress(1));
            try {
                Map<String, Long> master = signalMasks(Files.readString(Path.of("/proc/thread-self/status")));
                assertTrue((master.get("SigBlk") & bit(Posix.SIGUSR2)) != 0, "set up in the master");
                assertTrue((master.get("SigIgn") & bit(Posix.SIGTTOU)) != 0, "set up in the master");
                pid = spawnShell("exec grep '^Sig' /proc/self/status > \"$1\"", out.toString());
            } finally {
                MemorySegment ignored = (MemorySegment) signal.invokeExact(Posix.SIGTTOU, oldTtou);
                assertEquals(0, (int) sigmask.invokeExact(sigSetmask, oldMask, MemorySegment.NULL));
            }
            assertEquals(ExitStatus.exited(0), pollUntilExited(pid));
        }
        Map<String, Long> child = signalMasks(Files.readString(out));
        assertEquals(0L, child.get("SigBlk"), "empty signal mask");
        assertEquals(0L, child.get("SigIgn") & bit(Posix.SIGTTOU), "SIGTTOU back to default");
    }

    @Test
    void childGetsTheListenerAsFd0() throws Exception {
        int fd = listener(LOOPBACK_ANY_PORT);
        String socket = Files.readSymbolicLink(fdPath(fd)).toString(); // socket:[inode]
        int pid = spawnShell("[ \"$(readlink /proc/self/fd/0)\" = \"$1\" ]", fd, socket);
        assertEquals(ExitStatus.exited(0), pollUntilExited(pid), "child's fd 0 is " + socket);
    }

    @Test
    void noOtherFdOfTheMasterLeaksIntoTheChild() throws Exception {
        int fd = listener(LOOPBACK_ANY_PORT);
        String socket = Files.readSymbolicLink(fdPath(fd)).toString();
        Path secret = Files.writeString(tmp.resolve("secret"), "master only");
        Path out = tmp.resolve("fds");
        try (FileInputStream open = new FileInputStream(secret.toFile())) {
            assertTrue(open.getFD().valid());
            Map<Integer, String> master = openFds(ProcessHandle.current().pid());
            assertTrue(master.containsValue(secret.toString()), "the master holds the file open: " + master);
            assertTrue(master.size() > 5, "the master has fds to leak: " + master);

            int pid = spawnShell("exec ls -l /proc/self/fd > \"$1\"", fd, out.toString());
            assertEquals(ExitStatus.exited(0), pollUntilExited(pid));

            Map<Integer, String> child = parseLsLinks(Files.readString(out));
            assertEquals(socket, child.get(0));
            assertEquals(out.toString(), child.get(1)); // the shell's redirect
            assertTrue(child.containsKey(2));
            for (Map.Entry<Integer, String> e : child.entrySet()) {
                // Besides 0-2, only the directory ls opened to list itself.
                assertTrue(e.getKey() <= 2 || e.getValue().equals("/proc/" + pid + "/fd"),
                        "leaked into the child: " + child);
            }
        }
    }

    @Test
    void missingExecutableFailsClearly() {
        PosixException e = assertThrows(PosixException.class,
                () -> spawn("/nonexistent/narwhal-worker", List.of("narwhal-worker"), -1));
        assertEquals("cannot spawn /nonexistent/narwhal-worker: No such file or directory", e.getMessage());
    }

    @Test
    void refusesPidsThatMeanMoreThanOneProcess() {
        // Signal 0 only checks: harmless even if the guard were missing.
        assertThrows(IllegalArgumentException.class, () -> Posix.kill(-1, 0));
        assertThrows(IllegalArgumentException.class, () -> Posix.kill(0, 0));
        assertThrows(IllegalArgumentException.class, () -> Posix.waitNoHang(-1));
        assertThrows(IllegalArgumentException.class, () -> Posix.waitNoHang(0));
    }

    @Test
    void namesSignals() {
        assertEquals("SIGKILL", Posix.signalName(9));
        assertEquals("SIGTERM", Posix.signalName(Posix.SIGTERM));
        assertEquals("SIGTTOU", Posix.signalName(22));
        assertEquals("signal 42", Posix.signalName(42));
        assertEquals("killed by SIGSEGV", ExitStatus.killedBy(11).toString());
    }

    private int listener(InetSocketAddress address) throws IOException {
        int fd = Posix.openListener(address, 16);
        fds.add(fd);
        return fd;
    }

    private int spawn(String executable, List<String> argv, int stdinFd) throws IOException {
        if (stdinFd < 0) {
            stdinFd = listener(LOOPBACK_ANY_PORT); // any fd will do as the child's stdin
        }
        int pid = Posix.spawn(executable, argv, ENV, stdinFd);
        pids.add(pid);
        return pid;
    }

    private int spawnShell(String script, String... args) throws IOException {
        return spawnShell(script, -1, args);
    }

    private int spawnShell(String script, int stdinFd, String... args) throws IOException {
        List<String> argv = new ArrayList<>(List.of("sh", "-c", script, "sh"));
        argv.addAll(List.of(args));
        return spawn("/bin/sh", argv, stdinFd);
    }

    private static ExitStatus pollUntilExited(int pid) throws Exception {
        while (true) { // the class-level @Timeout bounds this
            ExitStatus status = Posix.waitNoHang(pid);
            if (status != null) {
                return status;
            }
            Thread.sleep(10);
        }
    }

    private static Path fdPath(int fd) {
        return Path.of("/proc/self/fd/" + fd);
    }

    private static Map<Integer, String> openFds(long pid) throws IOException {
        Map<Integer, String> fds = new TreeMap<>();
        try (var entries = Files.list(Path.of("/proc/" + pid + "/fd"))) {
            for (Path p : entries.toList()) {
                try {
                    fds.put(Integer.parseInt(p.getFileName().toString()), Files.readSymbolicLink(p).toString());
                } catch (IOException closedMeanwhile) {
                    // the directory's own fd, or one another thread closed
                }
            }
        }
        return fds;
    }

    /** Lines of {@code ls -l /proc/self/fd}: "... 0 -> socket:[123]". */
    private static Map<Integer, String> parseLsLinks(String ls) {
        Map<Integer, String> fds = new TreeMap<>();
        Matcher m = Pattern.compile("(?m) (\\d+) -> (.*)$").matcher(ls);
        while (m.find()) {
            fds.put(Integer.parseInt(m.group(1)), m.group(2));
        }
        assertFalse(fds.isEmpty(), "no fds in: " + ls);
        return fds;
    }

    /** "SigBlk:\t0000000000000800" lines of /proc/.../status, as numbers. */
    private static Map<String, Long> signalMasks(String status) {
        Map<String, Long> masks = new HashMap<>();
        Matcher m = Pattern.compile("(?m)^(Sig\\w+):\\s+([0-9a-f]{16})$").matcher(status);
        while (m.find()) {
            masks.put(m.group(1), Long.parseUnsignedLong(m.group(2), 16));
        }
        assertNotNull(masks.get("SigBlk"), status);
        assertNotNull(masks.get("SigIgn"), status);
        return masks;
    }

    private static long bit(int signal) {
        return 1L << (signal - 1);
    }

    private static boolean hasIpv6Loopback() throws IOException {
        Path inet6 = Path.of("/proc/net/if_inet6");
        return Files.exists(inet6) && Files.readString(inet6).contains("00000000000000000000000000000001");
    }
}
