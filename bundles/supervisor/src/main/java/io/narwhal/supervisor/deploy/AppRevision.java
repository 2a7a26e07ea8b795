package io.narwhal.supervisor.deploy;

import io.narwhal.control.ControlMessage;
import java.nio.file.Path;

/**
 * One version of an app as the master staged it: what the workers are told to run.
 *
 * @param app the app's name: its jar's file name in the deploy folder
 * @param checksum the SHA-256 of the jar, in hex: a revision's identity
 * @param symbolicName the bundle's Bundle-SymbolicName
 * @param version the bundle's Bundle-Version
 * @param staged the master's copy of the jar, which never changes while a worker may read it
 */
public record AppRevision(String app, String checksum, String symbolicName, String version, Path staged) {

    public ControlMessage.Deploy toDeploy() {
        return new ControlMessage.Deploy(app, checksum, staged);
    }

    /** For log lines, after the app's name: "io.example.hello 1.2.0 (sha 3f2a9c01b2d4)". */
    public String describe() {
        return symbolicName + " " + version + " (sha " + shortChecksum() + ")";
    }

    public String shortChecksum() {
        return checksum.substring(0, Math.min(12, checksum.length()));
    }
}
