package io.narwhal.runtime.master;

import io.narwhal.settings.InvalidSettingException;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;

/**
 * Gunicorn's {@code --pid FILE}: the master's PID, for scripts that signal it. Refused when the file names a
 * live process (another master); a stale one is replaced. Removed when the master exits.
 */
final class PidFile {
    private final Path file;
    private final long pid;

    private PidFile(Path file, long pid) {
        this.file = file;
        this.pid = pid;
    }

    static PidFile write(Path file) throws InvalidSettingException {
        long pid = ProcessHandle.current().pid();
        try {
            if (Files.exists(file)) {
                String existing = Files.readString(file).strip();
                if (isAnotherLiveProcess(existing, pid)) {
                    throw new InvalidSettingException("pid file " + file + " names a running process (" + existing
                            + "): is another narwhal running? Remove the file if not");
                }
            }
            Path temp = Files.createTempFile(file.toAbsolutePath().getParent(), ".narwhal-pid", ".tmp");
            Files.writeString(temp, pid + "\n");
            Files.move(temp, file, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
        } catch (IOException e) {
            throw new InvalidSettingException("cannot write pid file " + file + ": " + e.getMessage());
        }
        return new PidFile(file, pid);
    }

    /** Removes the file if it still names this process. */
    void remove() {
        try {
            if (Files.readString(file).strip().equals(Long.toString(pid))) {
                Files.delete(file);
            }
        } catch (IOException e) {
            // gone already, or not ours to remove
        }
    }

    private static boolean isAnotherLiveProcess(String text, long self) {
        try {
            long other = Long.parseLong(text);
            return other != self && ProcessHandle.of(other).map(ProcessHandle::isAlive).orElse(false);
        } catch (NumberFormatException e) {
            return false;
        }
    }
}
