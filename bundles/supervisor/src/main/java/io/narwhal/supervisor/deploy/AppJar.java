package io.narwhal.supervisor.deploy;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Path;
import java.util.Enumeration;
import java.util.jar.Attributes;
import java.util.jar.JarEntry;
import java.util.jar.JarFile;
import java.util.jar.Manifest;

/**
 * Checks a staged jar is an app bundle, by reading it as a zip: the master never loads app code. Every entry is
 * read through, so a damaged one is found here and not in a worker.
 */
final class AppJar {
    private AppJar() {
    }

    record Identity(String symbolicName, String version) {
    }

    static Identity inspect(Path jar) throws RefusedJarException {
        Manifest manifest;
        try (JarFile file = new JarFile(jar.toFile(), true)) {
            readEveryEntry(file);
            manifest = file.getManifest();
        } catch (IOException | SecurityException e) {
            throw new RefusedJarException("not a readable jar (" + e.getMessage() + ")");
        }
        if (manifest == null) {
            throw new RefusedJarException("no META-INF/MANIFEST.MF: not an OSGi bundle");
        }
        Attributes main = manifest.getMainAttributes();
        String symbolicName = main.getValue("Bundle-SymbolicName");
        if (symbolicName == null || symbolicName.isBlank()) {
            throw new RefusedJarException("no Bundle-SymbolicName in its manifest: not an OSGi bundle");
        }
        if (!"2".equals(main.getValue("Bundle-ManifestVersion"))) {
            throw new RefusedJarException("Bundle-ManifestVersion is not 2: not an OSGi R4+ bundle");
        }
        if (main.getValue("Fragment-Host") != null) {
            throw new RefusedJarException("it is a fragment (Fragment-Host), not an app bundle");
        }
        String exports = main.getValue("Export-Package");
        if (exports != null && !exports.isBlank()) {
            throw new RefusedJarException("it exports packages (" + shorten(exports) + "); an app bundle exports nothing,"
                    + " so that replacing it touches no other bundle");
        }
        String version = main.getValue("Bundle-Version");
        return new Identity(symbolicName.split(";")[0].strip(), version == null ? "0.0.0" : version.strip());
    }

    private static void readEveryEntry(JarFile file) throws IOException {
        byte[] buffer = new byte[8192];
        Enumeration<JarEntry> entries = file.entries();
        while (entries.hasMoreElements()) {
            try (InputStream in = file.getInputStream(entries.nextElement())) {
                while (in.read(buffer) >= 0) {
                    // a CRC or signature mismatch throws here
                }
            }
        }
    }

    private static String shorten(String text) {
        return text.length() <= 80 ? text : text.substring(0, 80) + "...";
    }
}
