package io.narwhal.shell;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;

/**
 * Deploy and undeploy as an operator would by hand: a jar copied into the deploy folder, or deleted from it. The
 * master's watcher does the rest, so the shell and the folder are one path. A copy lands whole: it is written under
 * a name the watcher ignores, then renamed.
 */
final class DeployFolderFiles {
    private final Path folder;

    DeployFolderFiles(Path folder) {
        this.folder = folder;
    }

    /** The jar as it now lies in the deploy folder. */
    Path deploy(Path jar) throws IOException {
        if (!Files.isRegularFile(jar)) {
            throw new IllegalArgumentException("no such file: " + jar);
        }
        String name = jar.getFileName().toString();
        if (!name.endsWith(".jar")) {
            throw new IllegalArgumentException(name + " is not a .jar: an app is deployed as its bundle's jar");
        }
        Path target = folder.resolve(name);
        Path partial = folder.resolve("." + name + ".part");
        try {
            Files.copy(jar, partial, StandardCopyOption.REPLACE_EXISTING);
            Files.move(partial, target, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
        } finally {
            Files.deleteIfExists(partial);
        }
        return target;
    }

    /** The jar that was removed; the app is named as its jar, with or without ".jar". */
    Path undeploy(String app) throws IOException {
        String name = app.endsWith(".jar") ? app : app + ".jar";
        Path jar = folder.resolve(name).normalize();
        if (!jar.getParent().equals(folder.normalize()) || !Files.deleteIfExists(jar)) {
            throw new IllegalArgumentException("no app " + name + " in " + folder);
        }
        return jar;
    }
}
