package io.narwhal.settings;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.AccessDeniedException;
import java.nio.file.FileSystemException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;

/**
 * What errorlog's text cannot say: whether its file can be appended to. Checked before the master starts and before
 * it takes a changed config file, so a path no process could write to is refused, not found out by every worker.
 */
public final class ErrorLogFile {
    private ErrorLogFile() {
    }

    /**
     * Opens the file for appending and closes it again, as Gunicorn checks it (so it is created, empty, if it was
     * not there; its folder is not made).
     */
    public static void requireWritable(String errorLog) throws InvalidSettingException {
        if (errorLog.equals(ServerSettings.STDERR)) {
            return;
        }
        try (OutputStream probe = Files.newOutputStream(Path.of(errorLog), StandardOpenOption.CREATE,
                StandardOpenOption.APPEND)) {
            // opened is all it takes
        } catch (IOException | java.nio.file.InvalidPathException e) {
            throw new InvalidSettingException("invalid " + ServerSettings.ERRORLOG + " '" + errorLog
                    + "' (cannot append to it: " + reason(e) + ")");
        }
    }

    private static String reason(Exception e) {
        return switch (e) {
            case NoSuchFileException missing -> "its folder does not exist";
            case AccessDeniedException denied -> "permission denied";
            case FileSystemException other when other.getReason() != null -> other.getReason();
            default -> e.getMessage();
        };
    }
}
