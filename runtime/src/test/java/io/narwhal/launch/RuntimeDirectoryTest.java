package io.narwhal.launch;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.narwhal.launch.RuntimeDirectory.RunningMaster;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.Comparator;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The runtime directories under java.io.tmpdir, here a fresh folder for each test. */
class RuntimeDirectoryTest {
    private static final long THIS_PID = ProcessHandle.current().pid();

    @TempDir
    Path base;
    private final Path home = Path.of("/opt/narwhal-1.0");
    private String tmpdir;

    @BeforeEach
    void pointTmpdirAtTheTestsFolder() {
        tmpdir = System.getProperty("java.io.tmpdir");
        System.setProperty("java.io.tmpdir", base.toString());
    }

    @AfterEach
    void restoreTmpdir() {
        System.setProperty("java.io.tmpdir", tmpdir);
    }

    @Test
    void createMakesAPrivateDirectoryNamingThisPidAndTheHome() throws IOException {
        Path dir = RuntimeDirectory.create(home);

        assertEquals(base, dir.getParent());
        assertTrue(dir.getFileName().toString().startsWith("narwhal-"), dir.toString());
        assertEquals(Long.toString(THIS_PID), Files.readString(dir.resolve("master.pid")));
        assertEquals(home.toString(), Files.readString(dir.resolve("home")));
        assertEquals("rwx------", PosixFilePermissions.toString(Files.getPosixFilePermissions(dir)));
    }

    @Test
    void runningFindsTheMasterWithThisPidAndHome() throws IOException {
        Path dir = RuntimeDirectory.create(home);

        assertEquals(List.of(new RunningMaster(THIS_PID, dir, home)), RuntimeDirectory.running());
    }

    @Test
    void runningIgnoresADirectoryWhosePidIsDead() throws Exception {
        directory("narwhal-dead", Long.toString(deadPid()), home.toString());

        assertEquals(List.of(), RuntimeDirectory.running());
    }

    @Test
    void runningIgnoresADirectoryWithoutItsHomeFile() throws IOException {
        directory("narwhal-half-made", Long.toString(THIS_PID), null);

        assertEquals(List.of(), RuntimeDirectory.running());
    }

    @Test
    void runningIgnoresADirectoryWhosePidFileIsNotAPid() throws IOException {
        directory("narwhal-garbled", "not a pid", home.toString());

        assertEquals(List.of(), RuntimeDirectory.running());
    }

    @Test
    void runningIgnoresDirectoriesNotNamedAsOurs() throws IOException {
        directory("other-" + THIS_PID, Long.toString(THIS_PID), home.toString());

        assertEquals(List.of(), RuntimeDirectory.running());
    }

    @Test
    void runningReadsFilesEndingInANewline() throws IOException {
        Path dir = directory("narwhal-edited", THIS_PID + "\n", home + "\n");

        assertEquals(List.of(new RunningMaster(THIS_PID, dir, home)), RuntimeDirectory.running());
    }

    @Test
    void runningListsLiveMastersByPidAndLeavesOutTheDeadOnes() throws Exception {
        long parentPid = ProcessHandle.current().parent().orElseThrow().pid();
        Path mine = directory("narwhal-a", Long.toString(THIS_PID), "/opt/a");
        Path parents = directory("narwhal-b", Long.toString(parentPid), "/opt/b");
        directory("narwhal-c", Long.toString(deadPid()), "/opt/c");

        List<RunningMaster> expected = Stream.of(new RunningMaster(THIS_PID, mine, Path.of("/opt/a")),
                new RunningMaster(parentPid, parents, Path.of("/opt/b")))
                .sorted(Comparator.comparingLong(RunningMaster::pid)).toList();
        assertEquals(expected, RuntimeDirectory.running());
    }

    @Test
    void runningWithoutABaseDirectoryIsEmpty() {
        System.setProperty("java.io.tmpdir", base.resolve("absent").toString());

        assertEquals(List.of(), RuntimeDirectory.running());
    }

    @Test
    void createSweepsTheDirectoryOfADeadMasterAndLeavesTheLivingAndOnesWhosePidDoesNotRead() throws Exception {
        Path dead = directory("narwhal-dead", Long.toString(deadPid()), home.toString());
        Files.writeString(Files.createDirectories(dead.resolve("worker-1/cache")).resolve("bundle.jar"), "x");
        Path living = directory("narwhal-living", Long.toString(THIS_PID), home.toString());
        Path garbled = directory("narwhal-garbled", "not a pid", home.toString());
        Path other = directory("other-dead", Long.toString(deadPid()), home.toString());

        Path created = RuntimeDirectory.create(home);

        assertFalse(Files.exists(dead));
        assertTrue(Files.isDirectory(living));
        assertTrue(Files.isDirectory(garbled));
        assertTrue(Files.isDirectory(other));
        assertTrue(Files.isDirectory(created));
    }

    @Test
    void deleteRemovesADirectoryAndAllBelowIt() throws IOException {
        Path dir = Files.createDirectories(base.resolve("narwhal-x/worker-2/felix-cache"));
        Files.writeString(dir.resolve("bundle0"), "x");

        RuntimeDirectory.delete(base.resolve("narwhal-x"));

        assertFalse(Files.exists(base.resolve("narwhal-x")));
    }

    private Path directory(String name, String pid, String homeText) throws IOException {
        Path dir = Files.createDirectory(base.resolve(name));
        Files.writeString(dir.resolve("master.pid"), pid);
        if (homeText != null) {
            Files.writeString(dir.resolve("home"), homeText);
        }
        return dir;
    }

    /** The pid of a child that has exited and been reaped. */
    private static long deadPid() throws Exception {
        Process process = new ProcessBuilder("true").start();
        process.waitFor();
        long pid = process.pid();
        assertFalse(ProcessHandle.of(pid).map(ProcessHandle::isAlive).orElse(false), "pid " + pid + " is dead");
        return pid;
    }
}
