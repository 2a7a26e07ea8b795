package io.narwhal.supervisor.deploy;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import ch.qos.logback.classic.Level;
import java.io.ByteArrayOutputStream;
import java.io.File;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.security.MessageDigest;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.BooleanSupplier;
import java.util.jar.Attributes;
import java.util.jar.JarEntry;
import java.util.jar.JarOutputStream;
import java.util.jar.Manifest;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The deploy folder without FileInstall: the test writes the jars and calls install, update and uninstall as
 * FileInstall would, and waits (on conditions, never a fixed time) for what the listener hears.
 */
class DeployFolderTest {
    private static final String KEEPS_SERVING = "; the running version, if any, keeps serving";

    @TempDir
    Path temp;
    private Path folder;
    private Path staging;
    private DeployFolder deployFolder;
    private final List<AppRevision> changed = new CopyOnWriteArrayList<>();
    private final List<String> removed = new CopyOnWriteArrayList<>();
    private LogCapture log;

    @BeforeEach
    void openFolder() throws IOException {
        log = new LogCapture();
        folder = Files.createDirectory(temp.resolve("deploy"));
        staging = temp.resolve("run").resolve("apps");
        deployFolder = new DeployFolder(folder, staging);
        deployFolder.listen(new DeployFolder.Listener() {
            @Override
            public void changed(AppRevision revision) {
                changed.add(revision);
            }

            @Override
            public void removed(String app) {
                removed.add(app);
            }
        });
    }

    @AfterEach
    void closeFolder() {
        deployFolder.close();
        log.close();
    }

    // ---- jars, built here ----

    private static Manifest bundleManifest(String symbolicName, String version) {
        Manifest manifest = new Manifest();
        Attributes main = manifest.getMainAttributes();
        main.put(Attributes.Name.MANIFEST_VERSION, "1.0");
        main.putValue("Bundle-ManifestVersion", "2");
        main.putValue("Bundle-SymbolicName", symbolicName);
        main.putValue("Bundle-Version", version);
        return manifest;
    }

    private static byte[] jar(Manifest manifest) throws IOException {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (JarOutputStream out = manifest == null ? new JarOutputStream(bytes) : new JarOutputStream(bytes, manifest)) {
            out.putNextEntry(new JarEntry("io/example/Hello.class"));
            byte[] body = new byte[4096];
            Arrays.fill(body, (byte) 7);
            out.write(body);
            out.closeEntry();
        }
        return bytes.toByteArray();
    }

    private static byte[] validJar(String version) throws IOException {
        return jar(bundleManifest("io.example.hello", version));
    }

    private static String sha256(byte[] bytes) throws Exception {
        return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(bytes));
    }

    private File write(String name, byte[] bytes) throws IOException {
        return Files.write(folder.resolve(name), bytes).toFile();
    }

    // ---- waiting ----

    private static void await(BooleanSupplier condition, String what) throws InterruptedException {
        long deadline = System.nanoTime() + 5_000_000_000L;
        while (!condition.getAsBoolean()) {
            if (System.nanoTime() > deadline) {
                fail("not within 5 s: " + what);
            }
            Thread.sleep(10);
        }
    }

    private void awaitChanges(int count) throws InterruptedException {
        await(() -> changed.size() >= count, count + " change(s) heard; heard " + changed);
    }

    private void awaitErrors(int count) throws InterruptedException {
        await(() -> log.messages(Level.ERROR).size() >= count, count + " error line(s); got " + log.messages(Level.ERROR));
    }

    /**
     * Waits until the folder has looked at {@code file} once more and found it unchanged: every look before that
     * one is over, so what the listener heard is all it will hear of the content there now.
     */
    private void awaitQuiet(File file) throws InterruptedException {
        String unchanged = "deploy/" + file.getName() + ": content unchanged";
        long before = log.messages(Level.DEBUG).stream().filter(unchanged::equals).count();
        deployFolder.update(file);
        await(() -> log.messages(Level.DEBUG).stream().filter(unchanged::equals).count() > before,
                "the folder to look at " + file.getName() + " again");
    }

    private void assertRefused(String name, byte[] bytes, String reason) throws Exception {
        File file = write(name, bytes);
        deployFolder.install(file);
        awaitErrors(1);
        assertEquals(List.of("deploy/" + name + " refused: " + reason + KEEPS_SERVING), log.messages(Level.ERROR));
        awaitQuiet(file);
        assertEquals(List.of(), changed, "a refused jar is not handed on");
        assertEquals(1, log.messages(Level.ERROR).size(), "refused once, not again for the same content");
        try (var left = Files.list(staging)) {
            assertEquals(List.of(), left.toList(), "nothing of it is left staged");
        }
    }

    // ---- refusals ----

    @Test
    void aFileThatIsNotAZipIsRefused() throws Exception {
        assertRefused("notes.jar", "just some text, not a zip\n".repeat(50).getBytes(),
                "not a readable jar (zip END header not found)");
    }

    @Test
    void aTruncatedJarIsRefused() throws Exception {
        byte[] whole = validJar("1.0.0");
        assertRefused("half.jar", Arrays.copyOf(whole, whole.length / 2), "not a readable jar (zip END header not found)");
    }

    @Test
    void aZipWithoutAManifestIsRefused() throws Exception {
        assertRefused("plain.jar", jar(null), "no META-INF/MANIFEST.MF: not an OSGi bundle");
    }

    @Test
    void aJarWithoutASymbolicNameIsRefused() throws Exception {
        Manifest manifest = bundleManifest("x", "1.0.0");
        manifest.getMainAttributes().remove(new Attributes.Name("Bundle-SymbolicName"));
        assertRefused("nameless.jar", jar(manifest), "no Bundle-SymbolicName in its manifest: not an OSGi bundle");
    }

    @Test
    void aJarWithoutBundleManifestVersion2IsRefused() throws Exception {
        Manifest manifest = bundleManifest("io.example.old", "1.0.0");
        manifest.getMainAttributes().remove(new Attributes.Name("Bundle-ManifestVersion"));
        assertRefused("old.jar", jar(manifest), "Bundle-ManifestVersion is not 2: not an OSGi R4+ bundle");
    }

    @Test
    void aJarThatExportsPackagesIsRefused() throws Exception {
        Manifest manifest = bundleManifest("io.example.lib", "1.0.0");
        manifest.getMainAttributes().putValue("Export-Package", "io.example.api;version=\"1.0.0\"");
        assertRefused("lib.jar", jar(manifest), "it exports packages (io.example.api;version=\"1.0.0\"); an app bundle"
                + " exports nothing, so that replacing it touches no other bundle");
    }

    @Test
    void aFragmentIsRefused() throws Exception {
        Manifest manifest = bundleManifest("io.example.fragment", "1.0.0");
        manifest.getMainAttributes().putValue("Fragment-Host", "io.example.hello");
        assertRefused("fragment.jar", jar(manifest), "it is a fragment (Fragment-Host), not an app bundle");
    }

    // ---- taking a jar ----

    @Test
    void aValidJarIsHandedOnOnce_stagedUnderItsChecksum() throws Exception {
        byte[] bytes = validJar("1.2.0");
        File file = write("hello.jar", bytes);
        deployFolder.install(file);
        awaitChanges(1);

        AppRevision revision = changed.get(0);
        String checksum = sha256(bytes);
        assertEquals("hello.jar", revision.app());
        assertEquals("io.example.hello", revision.symbolicName());
        assertEquals("1.2.0", revision.version());
        assertEquals(checksum, revision.checksum());
        assertEquals(staging.resolve(checksum + ".jar"), revision.staged());
        assertArrayEquals(bytes, Files.readAllBytes(revision.staged()));
        try (var left = Files.list(staging)) {
            assertEquals(List.of(revision.staged()), left.toList(), "only the staged copy, no temporary file");
        }

        awaitQuiet(file);
        assertEquals(1, changed.size(), "the same content reported again is not handed on again");
        assertEquals(List.of(), log.messages(Level.ERROR));
    }

    @Test
    void theSymbolicNameLosesItsDirectives_andAMissingVersionIs000() throws Exception {
        Manifest manifest = bundleManifest(" io.example.single ; singleton:=true", "1.0.0");
        manifest.getMainAttributes().remove(new Attributes.Name("Bundle-Version"));
        deployFolder.install(write("single.jar", jar(manifest)));
        awaitChanges(1);
        assertEquals("io.example.single", changed.get(0).symbolicName());
        assertEquals("0.0.0", changed.get(0).version());
    }

    @Test
    void aSlowlyWrittenJarIsTakenOnceWhenComplete_neverRefusedHalfWritten() throws Exception {
        byte[] bytes = validJar("1.0.0");
        File file = folder.resolve("slow.jar").toFile();
        int chunks = 6;
        int chunk = bytes.length / chunks + 1;
        try (OutputStream out = Files.newOutputStream(file.toPath())) {
            for (int at = 0; at < bytes.length; at += chunk) {
                out.write(bytes, at, Math.min(chunk, bytes.length - at));
                out.flush();
                if (at == 0) {
                    deployFolder.install(file);
                } else {
                    deployFolder.update(file);
                }
                Thread.sleep(60); // a slow copy: shorter pauses than the settling takes
            }
        }
        deployFolder.update(file);
        awaitChanges(1);
        awaitQuiet(file);
        assertEquals(1, changed.size());
        assertEquals(sha256(bytes), changed.get(0).checksum());
        assertEquals(List.of(), log.messages(Level.ERROR), "never refused half-written");
    }

    @Test
    void aBurstOfOverwritesIsTakenOnce_forTheLastContent() throws Exception {
        File file = null;
        byte[] last = null;
        for (int i = 1; i <= 5; i++) {
            last = validJar("1.0." + i);
            file = write("burst.jar", last);
            if (i == 1) {
                deployFolder.install(file);
            } else {
                deployFolder.update(file);
            }
        }
        awaitChanges(1);
        awaitQuiet(file);
        assertEquals(1, changed.size(), "heard " + changed);
        assertEquals(sha256(last), changed.get(0).checksum());
        assertEquals("1.0.5", changed.get(0).version());
    }

    @Test
    void aRefusedJarFixedLaterIsTaken() throws Exception {
        File file = write("hello.jar", jar(null));
        deployFolder.install(file);
        awaitErrors(1);
        assertEquals(List.of(), changed);

        byte[] fixed = validJar("1.0.1");
        write("hello.jar", fixed);
        deployFolder.update(file);
        awaitChanges(1);
        assertEquals(sha256(fixed), changed.get(0).checksum());
        assertEquals(1, log.messages(Level.ERROR).size());
    }

    @Test
    void aNewContentAfterATakenOneIsHandedOn() throws Exception {
        File file = write("hello.jar", validJar("1.0.0"));
        deployFolder.install(file);
        awaitChanges(1);
        byte[] second = validJar("1.0.1");
        write("hello.jar", second);
        deployFolder.update(file);
        awaitChanges(2);
        assertEquals(sha256(second), changed.get(1).checksum());
        assertTrue(Files.exists(changed.get(0).staged()), "the first staged copy stays: a worker may still read it");
    }

    @Test
    void uninstallIsHeardOnce() throws Exception {
        File file = write("hello.jar", validJar("1.0.0"));
        deployFolder.install(file);
        awaitChanges(1);
        Files.delete(file.toPath());
        deployFolder.uninstall(file);
        deployFolder.uninstall(file);
        assertEquals(List.of("hello.jar"), removed);
    }

    @Test
    void uninstallOfAJarNeverTakenIsNotHeard() {
        deployFolder.uninstall(folder.resolve("never.jar").toFile());
        assertEquals(List.of(), removed);
    }

    // ---- the folder at start ----

    @Test
    void scanReturnsTheValidJarsSorted_andRefusesTheOthers() throws Exception {
        byte[] b = jar(bundleManifest("io.example.b", "2.0.0"));
        byte[] a = jar(bundleManifest("io.example.a", "1.0.0"));
        write("b.jar", b);
        write("a.jar", a);
        write("broken.jar", "not a zip".getBytes());
        write("readme.txt", "not even a jar name".getBytes());

        List<AppRevision> apps = deployFolder.scan();
        assertEquals(List.of("a.jar", "b.jar"), apps.stream().map(AppRevision::app).toList());
        assertEquals(List.of(sha256(a), sha256(b)), apps.stream().map(AppRevision::checksum).toList());
        assertEquals(List.of("io.example.a", "io.example.b"), apps.stream().map(AppRevision::symbolicName).toList());
        assertArrayEquals(a, Files.readAllBytes(apps.get(0).staged()));
        assertEquals(List.of("deploy/broken.jar refused: not a readable jar (zip END header not found)" + KEEPS_SERVING),
                log.messages(Level.ERROR));
        assertEquals(List.of(), changed, "scan tells nobody: its answer is the boot set");

        // FileInstall's first pass then installs every jar there: nothing new to hear, nothing refused twice.
        deployFolder.install(folder.resolve("a.jar").toFile());
        deployFolder.install(folder.resolve("broken.jar").toFile());
        awaitQuiet(folder.resolve("a.jar").toFile());
        awaitQuiet(folder.resolve("broken.jar").toFile());
        assertEquals(List.of(), changed);
        assertEquals(1, log.messages(Level.ERROR).size());
    }

    @Test
    void scanOfAMissingFolderFails() throws IOException {
        DeployFolder missing = new DeployFolder(temp.resolve("nowhere"), staging);
        try {
            assertThrows(IOException.class, missing::scan);
        } finally {
            missing.close();
        }
    }

    // ---- what FileInstall may hand over ----

    @Test
    void canHandleOnlyJarsDirectlyInTheFolder() throws IOException {
        assertTrue(deployFolder.canHandle(folder.resolve("hello.jar").toFile()));
        assertFalse(deployFolder.canHandle(folder.resolve("hello.txt").toFile()));
        assertFalse(deployFolder.canHandle(folder.resolve("hello.jar.part").toFile()));
        assertFalse(deployFolder.canHandle(folder.resolve("hello.JAR.tmp").toFile()));
        assertFalse(deployFolder.canHandle(folder.resolve("sub").resolve("hello.jar").toFile()));
        assertFalse(deployFolder.canHandle(temp.resolve("hello.jar").toFile()));
        assertFalse(deployFolder.canHandle(staging.resolve("hello.jar").toFile()));
    }

    @Test
    void canHandleJarsOfAFolderGivenThroughASymlink_asFileInstallNamesThemByTheirCanonicalPath() throws IOException {
        Path link = Files.createSymbolicLink(temp.resolve("deploy-link"), folder);
        DeployFolder linked = new DeployFolder(link, staging);
        try {
            assertTrue(linked.canHandle(folder.toRealPath().resolve("hello.jar").toFile()),
                    "FileInstall's scanner canonicalizes the folder: a jar it does not claim goes into the master");
            assertTrue(linked.canHandle(link.resolve("hello.jar").toFile()));
            assertFalse(linked.canHandle(temp.resolve("hello.jar").toFile()));
        } finally {
            linked.close();
        }
    }

    @Test
    void aRevisionDescribesItselfForLogLines() {
        AppRevision revision = new AppRevision("hello.jar", "3f2a9c01b2d4e5f60718293a4b5c6d7e", "io.example.hello",
                "1.2.0", staging.resolve("x.jar"));
        assertEquals("io.example.hello 1.2.0 (sha 3f2a9c01b2d4)", revision.describe());
    }

    @Test
    void pruningDeletesStagedJarsNothingUses_butNotOnesJustStaged() throws Exception {
        Path unused = Files.write(staging.resolve("aaaa.jar"), new byte[] {1});
        Path used = Files.write(staging.resolve("bbbb.jar"), new byte[] {2});
        Path fresh = Files.write(staging.resolve("cccc.jar"), new byte[] {3});
        FileTime old = FileTime.fromMillis(System.currentTimeMillis() - 2 * DeployFolder.PRUNE_AFTER_MILLIS);
        Files.setLastModifiedTime(unused, old);
        Files.setLastModifiedTime(used, old);

        deployFolder.prune(Set.of("bbbb"));

        await(() -> !Files.exists(unused), "the unused staged jar deleted");
        assertTrue(Files.exists(used));
        assertTrue(Files.exists(fresh), "staged within the last minute: its news may not have reached the pool");
    }
}
