package io.narwhal.runtime;

import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.jar.Manifest;
import org.junit.jupiter.api.Test;

class FelixBootTest {
    /** The system bundle must export our packages at the versions bnd stamped from their package-infos. */
    @Test
    void theSystemBundleExportsOurPackagesAtTheirOwnVersions() throws IOException {
        Path manifestFile = Path.of("target/classes/META-INF/MANIFEST.MF");
        try (InputStream in = Files.newInputStream(manifestFile)) {
            String exports = new Manifest(in).getMainAttributes().getValue("Export-Package");
            assertTrue(exports.contains("io.narwhal.settings;version=\"" + FelixBoot.SETTINGS_VERSION + "\""), exports);
            assertTrue(exports.contains("io.narwhal.launch;version=\"" + FelixBoot.LAUNCH_VERSION + "\""), exports);
            assertTrue(exports.contains("io.narwhal.control;version=\"" + FelixBoot.CONTROL_VERSION + "\""), exports);
            assertTrue(exports.contains("io.narwhal.remote;version=\"" + FelixBoot.REMOTE_VERSION + "\""), exports);
        }
    }
}
