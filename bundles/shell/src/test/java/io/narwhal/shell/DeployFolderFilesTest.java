package io.narwhal.shell;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class DeployFolderFilesTest {
    @TempDir
    Path temp;
    private Path folder;
    private Path elsewhere;
    private DeployFolderFiles files;

    @BeforeEach
    void folders() throws IOException {
        folder = Files.createDirectory(temp.resolve("deploy"));
        elsewhere = Files.createDirectory(temp.resolve("my apps"));
        files = new DeployFolderFiles(folder);
    }

    @Test
    void deployCopiesTheJarWholeUnderItsNameAndLeavesNoPartFile() throws IOException {
        byte[] content = bytes(100_000);
        Path jar = Files.write(elsewhere.resolve("hello.jar"), content);

        Path deployed = files.deploy(jar);

        assertEquals(folder.resolve("hello.jar"), deployed);
        assertArrayEquals(content, Files.readAllBytes(deployed));
        assertEquals(List.of("hello.jar"), names(folder));
        assertTrue(Files.exists(jar), "the original stays where it was");
    }

    @Test
    void deployReplacesAnEarlierRevision() throws IOException {
        Files.writeString(folder.resolve("hello.jar"), "old");
        Path jar = Files.writeString(elsewhere.resolve("hello.jar"), "new");

        files.deploy(jar);

        assertEquals("new", Files.readString(folder.resolve("hello.jar")));
        assertEquals(List.of("hello.jar"), names(folder));
    }

    @Test
    void deployReplacesALeftoverPartFileAndRemovesIt() throws IOException {
        Files.writeString(folder.resolve(".hello.jar.part"), "half a copy");
        Path jar = Files.writeString(elsewhere.resolve("hello.jar"), "whole");

        files.deploy(jar);

        assertEquals(List.of("hello.jar"), names(folder));
    }

    @Test
    void deployOfAMissingFileIsRefusedNamingIt() {
        Path missing = elsewhere.resolve("nothing.jar");
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> files.deploy(missing));
        assertEquals("no such file: " + missing, e.getMessage());
    }

    @Test
    void deployOfADirectoryIsRefusedAsNoSuchFile() throws IOException {
        Path directory = Files.createDirectory(elsewhere.resolve("dir.jar"));
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> files.deploy(directory));
        assertEquals("no such file: " + directory, e.getMessage());
    }

    @Test
    void deployOfAFileNotNamedJarIsRefusedNamingIt() throws IOException {
        Path notes = Files.writeString(elsewhere.resolve("notes.txt"), "x");
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> files.deploy(notes));
        assertEquals("notes.txt is not a .jar: an app is deployed as its bundle's jar", e.getMessage());
        assertEquals(List.of(), names(folder));
    }

    @Test
    void undeployByJarNameRemovesIt() throws IOException {
        Files.writeString(folder.resolve("hello.jar"), "x");
        Files.writeString(folder.resolve("echo.jar"), "y");

        assertEquals(folder.resolve("hello.jar"), files.undeploy("hello.jar"));
        assertEquals(List.of("echo.jar"), names(folder));
    }

    @Test
    void undeployByNameWithoutJarRemovesTheJar() throws IOException {
        Files.writeString(folder.resolve("hello.jar"), "x");

        assertEquals(folder.resolve("hello.jar"), files.undeploy("hello"));
        assertEquals(List.of(), names(folder));
    }

    @Test
    void undeployOfAnAbsentAppIsRefusedNamingTheJarAndTheFolder() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> files.undeploy("hello"));
        assertEquals("no app hello.jar in " + folder, e.getMessage());
    }

    @Test
    void undeployOutsideTheFolderIsRefusedAndDeletesNothing() throws IOException {
        Path outside = Files.writeString(temp.resolve("x.jar"), "not an app");

        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> files.undeploy("../x"));

        assertEquals("no app ../x.jar in " + folder, e.getMessage());
        assertTrue(Files.exists(outside));
    }

    @Test
    void undeployIntoASubfolderIsRefused() throws IOException {
        Path nested = Files.writeString(Files.createDirectory(folder.resolve("sub")).resolve("x.jar"), "x");

        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> files.undeploy("sub/x.jar"));

        assertEquals("no app sub/x.jar in " + folder, e.getMessage());
        assertTrue(Files.exists(nested));
    }

    @Test
    void undeployOfAnAbsolutePathIsRefused() throws IOException {
        Path outside = Files.writeString(elsewhere.resolve("hello.jar"), "x");

        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> files.undeploy(outside.toString()));

        assertEquals("no app " + outside + " in " + folder, e.getMessage());
        assertTrue(Files.exists(outside));
    }

    private static byte[] bytes(int size) {
        byte[] bytes = new byte[size];
        for (int i = 0; i < size; i++) {
            bytes[i] = (byte) (i * 31 + i / 256);
        }
        return bytes;
    }

    private static List<String> names(Path dir) throws IOException {
        try (Stream<Path> entries = Files.list(dir)) {
            return entries.map(path -> path.getFileName().toString()).sorted().toList();
        }
    }
}
