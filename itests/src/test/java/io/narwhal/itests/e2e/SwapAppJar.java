package io.narwhal.itests.e2e;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.jar.Attributes;
import java.util.jar.JarEntry;
import java.util.jar.JarFile;
import java.util.jar.JarInputStream;
import java.util.jar.JarOutputStream;
import java.util.jar.Manifest;

/**
 * Revisions of the swap test app (testapps/swap): the built jar with its Bundle-Version and swap.properties
 * rewritten, so each revision has its own content, version and behaviour.
 */
final class SwapAppJar {
    static final Path BUILT = Path.of(System.getProperty("narwhal.testapp.swap", "../testapps/swap/target/narwhal-testapp-swap.jar"));

    private static final long FIXED_TIME = 1_767_225_600_000L;

    private final String version;
    private String mode = "ok";
    private String context = "/swap";
    private String symbolicName = "narwhal-testapp-swap";

    private SwapAppJar(String version) {
        this.version = version;
    }

    /** @param version an OSGi version, also what the app answers: "swap VERSION" */
    static SwapAppJar version(String version) {
        return new SwapAppJar(version);
    }

    /** ok, fail-start, no-app, fail-requests, thread-local or thread (see SwapApp). */
    SwapAppJar mode(String newMode) {
        mode = newMode;
        return this;
    }

    SwapAppJar context(String newContext) {
        context = newContext;
        return this;
    }

    SwapAppJar symbolicName(String name) {
        symbolicName = name;
        return this;
    }

    byte[] bytes() throws IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try (JarInputStream in = new JarInputStream(Files.newInputStream(BUILT))) {
            Manifest manifest = new Manifest(in.getManifest());
            Attributes main = manifest.getMainAttributes();
            main.putValue("Bundle-Version", version);
            main.putValue("Bundle-SymbolicName", symbolicName);
            try (JarOutputStream jar = new JarOutputStream(out)) {
                jar.putNextEntry(entry(JarFile.MANIFEST_NAME));
                manifest.write(jar);
                jar.closeEntry();
                for (JarEntry entry = in.getNextJarEntry(); entry != null; entry = in.getNextJarEntry()) {
                    if (entry.getName().equals("swap.properties")) {
                        continue;
                    }
                    jar.putNextEntry(entry(entry.getName()));
                    in.transferTo(jar);
                    jar.closeEntry();
                }
                jar.putNextEntry(entry("swap.properties"));
                jar.write(("version=" + version + "\nmode=" + mode + "\ncontext=" + context + "\n")
                        .getBytes(StandardCharsets.ISO_8859_1));
                jar.closeEntry();
            }
        }
        return out.toByteArray();
    }

    /** The same revision always has the same bytes, so a test knows its checksum. */
    private static JarEntry entry(String name) {
        JarEntry entry = new JarEntry(name);
        entry.setTime(FIXED_TIME);
        return entry;
    }

    String shortChecksum() throws IOException {
        return DeployedServer.shortChecksum(bytes());
    }

    /** Writes the jar into the folder as a user's copy would land: all at once, replacing what was there. */
    Path writeTo(Path folder, String fileName) throws IOException {
        Path temporary = Files.createTempFile(folder.getParent(), "swap-", ".tmp");
        Files.write(temporary, bytes());
        return Files.move(temporary, folder.resolve(fileName), StandardCopyOption.REPLACE_EXISTING,
                StandardCopyOption.ATOMIC_MOVE);
    }

    /** A jar with a manifest but no bundle headers. */
    static byte[] plainJar() throws IOException {
        Manifest manifest = new Manifest();
        manifest.getMainAttributes().put(Attributes.Name.MANIFEST_VERSION, "1.0");
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try (JarOutputStream jar = new JarOutputStream(out, manifest)) {
            jar.putNextEntry(new JarEntry("readme.txt"));
            jar.write("not a bundle".getBytes(StandardCharsets.US_ASCII));
            jar.closeEntry();
        }
        return out.toByteArray();
    }

    static void requireBuilt() {
        if (!Files.isRegularFile(BUILT)) {
            throw new AssertionError("the swap test app is not built at " + BUILT + ": run mvn -DskipTests package first");
        }
    }

}
