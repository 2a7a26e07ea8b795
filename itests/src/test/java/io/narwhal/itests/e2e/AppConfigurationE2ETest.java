package io.narwhal.itests.e2e;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.narwhal.itests.RawHttp;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * An app's own configuration in config/ reaches it through Config Admin in every worker, live: a .cfg for its
 * PID changes it (hello's greeting), factory configurations mount instances of it at the paths they name, and
 * another app is untouched.
 */
class AppConfigurationE2ETest {
    private static final Duration LIVE = Duration.ofSeconds(15);
    private static final int WORKERS = 2;
    @TempDir
    Path copy;

    @Test
    void anAppsConfigurationIsAppliedLiveInEveryWorker() throws Exception {
        NarwhalProcess.requireDist();
        Path dist = NarwhalProcess.copyOfDist(copy);
        Path config = dist.resolve("config");
        int port = NarwhalProcess.freePort();
        try (NarwhalProcess narwhal = NarwhalProcess.startIn(dist, port, "-b", "127.0.0.1:" + port, "-w",
                Integer.toString(WORKERS)).awaitWorkers(WORKERS)) {
            ConfigurationE2ETest.writeConfig(config.resolve("io.narwhal.apps.hello.cfg"), "greeting = Ahoy!\n");
            awaitEveryAnswer(port, "/", "Ahoy!");

            Files.delete(config.resolve("io.narwhal.apps.hello.cfg"));
            awaitEveryAnswer(port, "/", "Hello, World!");

            ConfigurationE2ETest.writeConfig(config.resolve("io.narwhal.apps.hello-fr.cfg"),
                    "greeting = Bonjour\nnarwhal.app.context = /fr\n");
            ConfigurationE2ETest.writeConfig(config.resolve("io.narwhal.apps.hello-de.cfg"),
                    "greeting = Hallo\nnarwhal.app.context = /de\n");
            awaitEveryAnswer(port, "/fr", "Bonjour");
            awaitEveryAnswer(port, "/de", "Hallo");
            // Factory configurations replace the unconfigured instance: nothing at / any more.
            awaitEveryAnswer(port, "/", "404 Not Found\n");
            assertEquals(200, RawHttp.get(port, "/echo").status(), "echo is untouched");
            assertEquals(WORKERS, narwhal.everyWorker().size(), "applied without a restart");
        }
    }

    /** Until enough answers in a row are this one that every worker must have given it. */
    private static void awaitEveryAnswer(int port, String path, String body) {
        int[] inARow = {0};
        NarwhalProcess.await(LIVE, () -> {
            try {
                inARow[0] = RawHttp.get(port, path).text().equals(body) ? inARow[0] + 1 : 0;
            } catch (IOException e) {
                inARow[0] = 0;
            }
            return inARow[0] >= 10 * WORKERS;
        }, () -> path + " does not answer '" + body + "' from every worker");
    }
}
