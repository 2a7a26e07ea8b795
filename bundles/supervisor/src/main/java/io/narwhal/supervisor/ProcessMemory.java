package io.narwhal.supervisor;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

/** A process's memory as Linux counts it, from /proc/PID/smaps_rollup. */
record ProcessMemory(long rssBytes, long pssBytes) {
    static final ProcessMemory UNKNOWN = new ProcessMemory(-1, -1);

    /** Read now; {@link #UNKNOWN} where the process is gone or the file cannot be read (not Linux, another user). */
    static ProcessMemory of(long pid) {
        try {
            return parse(Files.readString(Path.of("/proc", Long.toString(pid), "smaps_rollup")));
        } catch (IOException | RuntimeException e) {
            return UNKNOWN;
        }
    }

    /** Lines like {@code Rss:  1234 kB}. */
    static ProcessMemory parse(String smapsRollup) {
        long rss = -1;
        long pss = -1;
        for (String line : smapsRollup.split("\n")) {
            String[] words = line.trim().split("\\s+");
            if (words.length == 3 && words[2].equals("kB")) {
                switch (words[0]) {
                    case "Rss:" -> rss = Long.parseLong(words[1]) * 1024;
                    case "Pss:" -> pss = Long.parseLong(words[1]) * 1024;
                    default -> { }
                }
            }
        }
        return new ProcessMemory(rss, pss);
    }
}
