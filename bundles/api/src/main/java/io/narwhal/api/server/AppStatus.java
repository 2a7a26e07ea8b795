package io.narwhal.api.server;

import java.util.Objects;

/**
 * One app on one worker.
 *
 * @param app the app's name: its jar's file name in the deploy folder
 * @param symbolicName the bundle's symbolic name; empty where the master no longer holds the revision
 * @param version the bundle's version; empty where the master no longer holds the revision
 * @param checksum the SHA-256 of the jar, in hex: the revision's identity (empty for {@link AppState#UNDEPLOYING})
 * @param state what the worker does with it
 * @param mount where the worker has it mounted ({@code /path} or {@code host/path}, several joined by commas); empty
 *     where it is not mounted (yet), and for a revision other than the active one
 */
public record AppStatus(String app, String symbolicName, String version, String checksum, AppState state,
        String mount) {
    public AppStatus {
        Objects.requireNonNull(app, "app");
        Objects.requireNonNull(symbolicName, "symbolicName");
        Objects.requireNonNull(version, "version");
        Objects.requireNonNull(checksum, "checksum");
        Objects.requireNonNull(state, "state");
        Objects.requireNonNull(mount, "mount");
    }

    /** The checksum's first 12 digits, as the master's log lines show it. */
    public String shortChecksum() {
        return checksum.substring(0, Math.min(12, checksum.length()));
    }
}
