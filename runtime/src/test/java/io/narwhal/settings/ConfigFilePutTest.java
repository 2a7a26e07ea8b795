package io.narwhal.settings;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ConfigFilePutTest {
    @TempDir
    Path dir;

    @Test
    void replacesTheKeysLine_keepingEveryOtherLineAndComment() throws Exception {
        Path file = dir.resolve("narwhal.server.cfg");
        Files.write(file, List.of("# the pool", "workers = 2", "", "timeout=30", "  # indented comment"));
        ConfigFile.put(file, "workers", "4");
        assertEquals(List.of("# the pool", "workers = 4", "", "timeout=30", "  # indented comment"),
                Files.readAllLines(file));
    }

    @Test
    void addsALineForAKeyNotThere_andMakesAFileThatIsNot() throws Exception {
        Path file = dir.resolve("narwhal.server.cfg");
        Files.write(file, List.of("workers: 2"));
        ConfigFile.put(file, "loglevel", "debug");
        assertEquals(List.of("workers: 2", "loglevel = debug"), Files.readAllLines(file));
        Path absent = dir.resolve("absent.cfg");
        ConfigFile.put(absent, "workers", "3");
        assertEquals(List.of("workers = 3"), Files.readAllLines(absent));
    }

    @Test
    void aSecondLineForTheKeyGoes_asItWouldWin_andAContinuedValueGoesWhole() throws Exception {
        Path file = dir.resolve("narwhal.server.cfg");
        Files.write(file, List.of("workers = 2", "access_log_format = %(h)s \\", "    %(r)s", "workers = 3",
                "timeout = 30"));
        ConfigFile.put(file, "access_log_format", "%(h)s %(s)s");
        ConfigFile.put(file, "workers", "5");
        assertEquals(List.of("workers = 5", "access_log_format = %(h)s %(s)s", "timeout = 30"), Files.readAllLines(file));
    }

    @Test
    void aValueReadsBackAsWritten_backslashesAndALeadingSpaceIncluded() throws Exception {
        Path file = dir.resolve("narwhal.server.cfg");
        ConfigFile.put(file, "errorlog", "C:\\logs\\narwhal.log");
        ConfigFile.put(file, "access_log_format", " %(h)s");
        assertEquals(Map.of("errorlog", "C:\\logs\\narwhal.log", "access_log_format", " %(h)s"), ConfigFile.read(file));
        try (var left = Files.list(dir)) {
            assertEquals(List.of("narwhal.server.cfg"), left.map(path -> path.getFileName().toString()).toList(),
                    "nothing left beside it");
        }
    }

    @Test
    void theFileKeepsItsMode_andANewOneIsReadableByAll() throws Exception {
        Path file = dir.resolve("narwhal.server.cfg");
        Files.write(file, List.of("workers = 2"));
        Files.setPosixFilePermissions(file, PosixFilePermissions.fromString("rw-rw----"));
        ConfigFile.put(file, "workers", "3");
        assertEquals("rw-rw----", PosixFilePermissions.toString(Files.getPosixFilePermissions(file)));
        Path absent = dir.resolve("absent.cfg");
        ConfigFile.put(absent, "workers", "3");
        assertEquals("rw-r--r--", PosixFilePermissions.toString(Files.getPosixFilePermissions(absent)));
    }

    @Test
    void aValueOfTwoLinesIsRefused() {
        IllegalArgumentException refused = assertThrows(IllegalArgumentException.class,
                () -> ConfigFile.put(dir.resolve("a.cfg"), "workers", "2\nbind = 0.0.0.0:80"));
        assertEquals("a value of workers is one line", refused.getMessage());
    }
}
