package io.narwhal.itests.e2e;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.narwhal.itests.RawHttp;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** config/narwhal.server.cfg is watched through FileInstall and Config Admin: edits reach the running master. */
class ConfigurationE2ETest {
    @TempDir
    Path copy;

    @Test
    void editingTheConfigFileScalesTheRunningServer_andABadEditOrADeletionChangesNothing() throws Exception {
        NarwhalProcess.requireDist();
        Path dist = NarwhalProcess.copyOfDist(copy);
        int port = NarwhalProcess.freePort();
        Path cfg = dist.resolve("config/narwhal.server.cfg");
        writeConfig(cfg, "bind = 127.0.0.1:" + port + "\nworkers = 1\n");
        try (NarwhalProcess narwhal = NarwhalProcess.startIn(dist, port).awaitWorkers(1)) {
            writeConfig(cfg, "bind = 127.0.0.1:" + port + "\nworkers = 3\n");
            narwhal.awaitWorkers(3);

            writeConfig(cfg, "bind = 127.0.0.1:" + port + "\nworkers = three\n");
            NarwhalProcess.await(Duration.ofSeconds(15), () -> narwhal.outputContains("keeping the running configuration"),
                    narwhal::output);
            assertEquals(3, narwhal.liveWorkers().size());
            assertEquals(200, RawHttp.get(port, "/").status());

            // Written as in a Gunicorn config file: Java properties would keep the quotes in the value.
            writeConfig(cfg, "bind = 127.0.0.1:" + port + "\nworkers = 2\naccesslog = \"/tmp/access.log\"\n");
            NarwhalProcess.await(Duration.ofSeconds(15), () -> narwhal.outputContains("invalid accesslog "
                    + "'\"/tmp/access.log\"' (a .cfg file is Java properties, which keep quotes as part of the value"),
                    narwhal::output);
            assertEquals(3, narwhal.liveWorkers().size());

            writeConfig(cfg, "bind = 127.0.0.1:" + port + "\nworkers = 1\n");
            narwhal.awaitWorkers(1);
            assertEquals(200, RawHttp.get(port, "/").status());

            Files.delete(cfg);
            NarwhalProcess.await(Duration.ofSeconds(15), () -> narwhal.outputContains("narwhal.server.cfg was removed"),
                    narwhal::output);
            assertEquals(1, narwhal.liveWorkers().size());
            assertEquals(200, RawHttp.get(port, "/").status());
        }
    }

    /** HUP reads every source again, as Gunicorn's does: the -c file too, the flags still over it. */
    @Test
    void hupReadsTheDashCFileAgain_theFlagsStayOnTop_andABadOneKeepsTheRunningSettings() throws Exception {
        NarwhalProcess.requireDist();
        Path extra = copy.resolve("extra.cfg");
        writeConfig(extra, "workers = 1\ntimeout = 40\n");
        try (NarwhalProcess narwhal = NarwhalProcess.start("-c", extra.toString(), "-t", "50").awaitWorkers(1)) {
            writeConfig(extra, "workers = 2\ntimeout = 40\n");
            narwhal.signal("HUP");
            narwhal.awaitWorkers(2);
            NarwhalProcess.await(Duration.ofSeconds(10), () -> narwhal.output().lines().anyMatch(line ->
                    line.contains("Configuration applied") && line.contains("workers=2") && line.contains("timeout=50")),
                    narwhal::output);

            writeConfig(extra, "workers = many\n");
            narwhal.signal("HUP");
            NarwhalProcess.await(Duration.ofSeconds(10), () -> narwhal.outputContains("HUP: " + extra
                    + ": invalid workers 'many'"), narwhal::output);
            assertTrue(narwhal.outputContains("keeping the running configuration"), narwhal.output());
            narwhal.awaitWorkers(2);
            assertEquals(200, RawHttp.get(narwhal.port, "/").status());
        }
    }

    static void writeConfig(Path cfg, String text) throws IOException {
        Path temp = cfg.resolveSibling(cfg.getFileName() + ".tmp");
        Files.writeString(temp, text);
        Files.move(temp, cfg, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
    }
}
