package io.narwhal.remote;

import java.nio.file.Path;

/** Where a master's shell socket lies: in its runtime directory, which only the master's user may enter. */
public final class ShellSocket {
    private static final String NAME = "shell.sock";

    private ShellSocket() {
    }

    public static Path in(Path runtimeDirectory) {
        return runtimeDirectory.resolve(NAME);
    }
}
