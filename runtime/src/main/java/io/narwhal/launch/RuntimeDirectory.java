package io.narwhal.launch;

import java.io.IOException;
import java.nio.file.DirectoryStream;
import java.nio.file.FileVisitResult;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.SimpleFileVisitor;
import java.nio.file.attribute.BasicFileAttributes;
import java.nio.file.attribute.PosixFilePermissions;

/**
 * The master's private working directory, only its owner may enter: the control socket, the frameworks'
 * caches. Removed on exit; a directory left by a master that was killed is swept by the next one.
 */
public final class RuntimeDirectory {
    private static final String PREFIX = "narwhal-";
    private static final String PID_FILE = "master.pid";

    private RuntimeDirectory() {
    }

    public static Path create() throws IOException {
        Path base = Path.of(System.getProperty("java.io.tmpdir"));
        sweepStale(base);
        Path dir = Files.createTempDirectory(base, PREFIX,
                PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rwx------")));
        Files.writeString(dir.resolve(PID_FILE), Long.toString(ProcessHandle.current().pid()));
        return dir;
    }

    private static void sweepStale(Path base) {
        try (DirectoryStream<Path> dirs = Files.newDirectoryStream(base, PREFIX + "*")) {
            for (Path dir : dirs) {
                Path pidFile = dir.resolve(PID_FILE);
                if (Files.isReadable(pidFile) && Files.isWritable(dir) && !isAlive(Files.readString(pidFile).strip())) {
                    delete(dir);
                }
            }
        } catch (IOException e) {
            // Sweeping is housekeeping: a directory we cannot read is someone else's.
        }
    }

    private static boolean isAlive(String pid) {
        try {
            return ProcessHandle.of(Long.parseLong(pid)).map(ProcessHandle::isAlive).orElse(false);
        } catch (NumberFormatException e) {
            return true;
        }
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
