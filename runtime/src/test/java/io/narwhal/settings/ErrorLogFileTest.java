package io.narwhal.settings;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ErrorLogFileTest {
    @Test
    void stderrNeedsNoFile() throws InvalidSettingException {
        ErrorLogFile.requireWritable("-");
    }

    @Test
    void aFileInAnExistingFolderIsCreatedAndKept(@TempDir Path dir) throws Exception {
        Path log = dir.resolve("error.log");
        ErrorLogFile.requireWritable(log.toString());
        assertTrue(Files.isRegularFile(log));
        Files.writeString(log, "earlier lines\n");
        ErrorLogFile.requireWritable(log.toString());
        assertEquals("earlier lines\n", Files.readString(log), "appended to, never truncated");
    }

    @Test
    void aMissingFolderOrAFolderIsRefusedNamingTheSettingAndThePath(@TempDir Path dir) {
        Path missing = dir.resolve("no-such-folder/error.log");
        assertEquals("invalid errorlog '" + missing + "' (cannot append to it: its folder does not exist)",
                assertThrows(InvalidSettingException.class, () -> ErrorLogFile.requireWritable(missing.toString()))
                        .getMessage());
        assertEquals("invalid errorlog '" + dir + "' (cannot append to it: Is a directory)",
                assertThrows(InvalidSettingException.class, () -> ErrorLogFile.requireWritable(dir.toString()))
                        .getMessage());
    }
}
