package io.narwhal.launch;

import java.io.IOException;
import java.nio.file.DirectoryStream;
import java.nio.file.FileVisitResult;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.SimpleFileVisitor;
import java.nio.file.attribute.BasicFileAttributes;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;

/**
 * The master's private working directory, only its owner may enter: the control socket, the shell's socket, the
 * frameworks' caches. It names the master's pid and its distribution, so {@code narwhal-shell} can find the master
 * of a distribution. Removed on exit; a directory left by a master that was killed is swept by the next one.
 */
public final class RuntimeDirectory {
    private static final String PREFIX = "narwhal-";
    private static final String PID_FILE = "master.pid";
    private static final String HOME_FILE = "home";

    /**
     * A master running now, as its directory says.
     *
     * @param pid the master's process id
     * @param directory its runtime directory
     * @param home the distribution it runs from
     */
    public record RunningMaster(long pid, Path directory, Path home) {
    }

    private RuntimeDirectory() {
    }

    /** @param home the distribution this master runs from */
    public static Path create(Path home) throws IOException {
        Path base = base();
        sweepStale(base);
        Path dir = Files.createTempDirectory(base, PREFIX,
                PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rwx------")));
        Files.writeString(dir.resolve(HOME_FILE), home.toString());
        Files.writeString(dir.resolve(PID_FILE), Long.toString(ProcessHandle.current().pid()));
        return dir;
    }

    /** The masters running now whose directories this user can read, by pid. */
    public static List<RunningMaster> running() {
        List<RunningMaster> masters = new ArrayList<>();
        try (DirectoryStream<Path> dirs = Files.newDirectoryStream(base(), PREFIX + "*")) {
            for (Path dir : dirs) {
                try {
                    long pid = Long.parseLong(Files.readString(dir.resolve(PID_FILE)).strip());
                    Path home = Path.of(Files.readString(dir.resolve(HOME_FILE)).strip());
                    if (isAlive(pid)) {
                        masters.add(new RunningMaster(pid, dir, home));
                    }
                } catch (IOException | NumberFormatException e) {
                    // another user's, one being made or swept, or one of an older version: not a master to talk to
                }
            }
        } catch (IOException e) {
            return List.of();
        }
        masters.sort(Comparator.comparingLong(RunningMaster::pid));
        return masters;
    }

    private static Path base() {
        return Path.of(System.getProperty("java.io.tmpdir"));
    }

    private static void sweepStale(Path base) {
        try (DirectoryStream<Path> dirs = Files.newDirectoryStream(base, PREFIX + "*")) {
            for (Path dir : dirs) {
                Path pidFile = dir.resolve(PID_FILE);
                if (Files.isReadable(pidFile) && Files.isWritable(dir) && !isAlive(pidOf(Files.readString(pidFile)))) {
                    delete(dir);
                }
            }
        } catch (IOException e) {
            // Sweeping is housekeeping: a directory we cannot read is someone else's.
        }
    }

    /** A pid file that does not read as one is left alone, as if its master lived. */
    private static long pidOf(String text) {
        try {
            return Long.parseLong(text.strip());
        } catch (NumberFormatException e) {
            return ProcessHandle.current().pid();
        }
    }

    private static boolean isAlive(long pid) {
        return ProcessHandle.of(pid).map(ProcessHandle::isAlive).orElse(false);
    }

    /** Removes a directory and all below it (a worker's framework cache, this whole directory), as far as it can. */
    public static void delete(Path dir) {
        try {
            Files.walkFileTree(dir, new SimpleFileVisitor<>() {
                @Override
                public FileVisitResult visitFile(Path file, BasicFileAttributes attrs) throws IOException {
                    Files.deleteIfExists(file);
                    return FileVisitResult.CONTINUE;
                }

                @Override
                public FileVisitResult postVisitDirectory(Path d, IOException e) throws IOException {
                    Files.deleteIfExists(d);
                    return FileVisitResult.CONTINUE;
                }
            });
        } catch (IOException e) {
            // best effort: the next master sweeps what is left
        }
    }
}
