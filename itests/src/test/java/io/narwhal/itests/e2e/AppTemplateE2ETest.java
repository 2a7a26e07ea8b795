package io.narwhal.itests.e2e;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.narwhal.itests.RawHttp;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.jar.Attributes;
import java.util.jar.JarFile;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * An app developer's path, as docs/apps.md tells it: generate a project from the narwhal-app archetype, build
 * it, and copy its jar into the deploy folder of a running server, which then serves it.
 *
 * <p>The nested Maven runs against a local repository of its own: the Narwhal artifacts that {@code mvn install}
 * would give a user (seeded by this module's pom into app.template.repo), everything else fetched from the
 * outer build's local repository as if it were Central, so the test needs no network and installs nothing
 * into the user's repository.
 */
class AppTemplateE2ETest {
    private static final String CONTEXT_PATH = "/greeting";
    private static final Duration MAVEN_TIMEOUT = Duration.ofMinutes(2);

    @TempDir
    Path work;

    @Test
    void aGeneratedAppCopiedIntoTheDeployFolderOfARunningServerAnswersAtItsContextPath() throws Exception {
        NarwhalProcess.requireDist();
        Path settings = isolatedMavenSettings();

        maven(work, settings, "org.apache.maven.plugins:maven-archetype-plugin:"
                + property("narwhal.itest.archetype.plugin.version") + ":generate",
                "-DarchetypeGroupId=io.narwhal", "-DarchetypeArtifactId=narwhal-app-archetype",
                "-DarchetypeVersion=" + property("narwhal.itest.version"),
                "-DgroupId=com.example", "-DartifactId=greeting", "-Dversion=1.0.0",
                "-Dpackage=com.example.greeting", "-DcontextPath=" + CONTEXT_PATH);
        Path project = work.resolve("greeting");
        maven(project, settings, "package");
        Path jar = project.resolve("target/greeting-1.0.0.jar");
        assertTrue(Files.isRegularFile(jar), "the generated project built no " + jar);
        try (JarFile bundle = new JarFile(jar.toFile())) {
            Attributes manifest = bundle.getManifest().getMainAttributes();
            assertNull(manifest.getValue("Export-Package"), "an app exports nothing");
            assertNotNull(manifest.getValue("Service-Component"), "the app is a DS component");
        }

        Path deploy = Files.createDirectory(work.resolve("deploy"));
        try (NarwhalProcess narwhal = NarwhalProcess.start(Map.of("NARWHAL_DEPLOY", deploy.toString()), "-w", "1")
                .awaitWorkers(1)) {
            assertEquals(404, RawHttp.get(narwhal.port, CONTEXT_PATH).status(), "nothing is deployed in NARWHAL_DEPLOY yet");

            Files.copy(jar, deploy.resolve(jar.getFileName()));

            NarwhalProcess.await(Duration.ofSeconds(10), () -> answers(narwhal.port),
                    () -> "the app did not answer at " + CONTEXT_PATH + " within 10 s\n" + narwhal.output());
            RawHttp.Response response = RawHttp.get(narwhal.port, CONTEXT_PATH);
            assertEquals("Hello from greeting!\n", response.text());
            assertEquals("text/plain; charset=utf-8", response.header("Content-Type"));
        }
    }

    private static boolean answers(int port) {
        try {
            return RawHttp.get(port, CONTEXT_PATH).status() == 200;
        } catch (IOException e) {
            return false;
        }
    }

    /**
     * Settings for the nested Maven, given as user and global settings both (a global mirror would otherwise
     * win for Central): a copy of the seeded repository as its local one, so whatever it fetches goes away with
     * the test, and every remote repository served from the outer build's local one.
     */
    private Path isolatedMavenSettings() throws IOException {
        Path repository = work.resolve("repository");
        copyTree(Path.of(property("narwhal.itest.app.template.repo")), repository);
        String outerRepository = Path.of(property("narwhal.itest.maven.repo")).toUri().toString();
        Path settings = work.resolve("settings.xml");
        Files.writeString(settings, """
                <settings>
                  <localRepository>%s</localRepository>
                  <mirrors>
                    <mirror>
                      <id>outer-build</id>
                      <mirrorOf>*</mirrorOf>
                      <url>%s</url>
                    </mirror>
                  </mirrors>
                </settings>
                """.formatted(repository, outerRepository));
        return settings;
    }

    private static void copyTree(Path source, Path target) throws IOException {
        assertTrue(Files.isDirectory(source), "not seeded: " + source + " (this module's pom installs into it)");
        try (Stream<Path> paths = Files.walk(source)) {
            for (Path path : (Iterable<Path>) paths::iterator) {
                Path copy = target.resolve(source.relativize(path).toString());
                if (Files.isDirectory(path)) {
                    Files.createDirectories(copy);
                } else {
                    Files.copy(path, copy);
                }
            }
        }
    }

    private void maven(Path directory, Path settings, String... arguments) throws Exception {
        List<String> command = new ArrayList<>(List.of(
                Path.of(property("narwhal.itest.maven.home"), "bin", "mvn").toString(),
                "-B", "-q", "-s", settings.toString(), "-gs", settings.toString()));
        command.addAll(List.of(arguments));
        Path log = Files.createTempFile(work, "maven-", ".log");
        ProcessBuilder builder = new ProcessBuilder(command).directory(directory.toFile())
                .redirectErrorStream(true).redirectOutput(log.toFile());
        builder.environment().put("JAVA_HOME", System.getProperty("java.home"));
        builder.environment().put("MAVEN_OPTS", "--sun-misc-unsafe-memory-access=allow");
        Process maven = builder.start();
        try {
            if (!maven.waitFor(MAVEN_TIMEOUT.toMillis(), TimeUnit.MILLISECONDS)) {
                throw new AssertionError("mvn " + String.join(" ", arguments) + " ran past " + MAVEN_TIMEOUT
                        + "\n" + readQuietly(log));
            }
            assertEquals(0, maven.exitValue(), () -> "mvn " + String.join(" ", arguments) + " failed\n" + readQuietly(log));
        } finally {
            maven.descendants().forEach(ProcessHandle::destroyForcibly);
            maven.destroyForcibly();
        }
    }

    private static String readQuietly(Path log) {
        try {
            return Files.readString(log);
        } catch (IOException e) {
            return "(no log: " + e + ")";
        }
    }

    private static String property(String name) {
        String value = System.getProperty(name);
        assertNotNull(value, "run through mvn: surefire sets " + name);
        return value;
    }
}
