package io.narwhal.settings;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Set;
import java.util.jar.Attributes;
import java.util.jar.JarOutputStream;
import java.util.jar.Manifest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class WorkerClassesTest {
    @Test
    void theCapabilityNamesTheClassInEveryFormBndWrites() {
        assertEquals(Set.of("sync"), WorkerClasses.declaredIn("narwhal.worker.class;narwhal.worker.class=sync"));
        assertEquals(Set.of("virtual", "gthread"), WorkerClasses.declaredIn(
                "osgi.service;objectClass:List<String>=\"a.B,c.D\",narwhal.worker.class;narwhal.worker.class:String="
                        + "\"virtual\",narwhal.worker.class;narwhal.worker.class=gthread;version:Version=1"));
        assertEquals(Set.of(), WorkerClasses.declaredIn("other.ns;narwhal.worker.class=sync"));
    }

    @Test
    void theInstalledClassesAreWhatTheBundlesInTheFolderProvide(@TempDir Path bundles) throws Exception {
        jar(bundles.resolve("worker-sync.jar"), "narwhal.worker.class;narwhal.worker.class=sync");
        jar(bundles.resolve("worker-gevent.jar"), "narwhal.worker.class;narwhal.worker.class=\"gevent\"");
        jar(bundles.resolve("router.jar"), null);
        Files.writeString(bundles.resolve("notes.txt"), "not a bundle");
        Set<String> installed = WorkerClasses.installed(bundles);
        assertEquals(Set.of("gevent", "sync"), installed);

        WorkerClasses.require("gevent", installed);
        InvalidSettingException unknown = assertThrows(InvalidSettingException.class,
                () -> WorkerClasses.require("gthread", installed));
        assertEquals("invalid worker_class 'gthread' (available: gevent, sync)", unknown.getMessage());
    }

    private static void jar(Path path, String provideCapability) throws IOException {
        Manifest manifest = new Manifest();
        manifest.getMainAttributes().put(Attributes.Name.MANIFEST_VERSION, "1.0");
        if (provideCapability != null) {
            manifest.getMainAttributes().putValue("Provide-Capability", provideCapability);
        }
        try (OutputStream out = Files.newOutputStream(path); JarOutputStream jar = new JarOutputStream(out, manifest)) {
            jar.flush();
        }
    }
}
