package io.narwhal.itests.e2e;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.narwhal.itests.RawHttp;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.api.parallel.Execution;
import org.junit.jupiter.api.parallel.ExecutionMode;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** Hot deploy into running workers, end to end: the master watches the folder, every worker swaps in place. */
// Waits on deploys, on a deploy folder and a server of its own: beside the other classes (itests/pom.xml).
@Execution(ExecutionMode.CONCURRENT)
class DeployE2ETest {
    private static final Duration ROLLOUT = Duration.ofSeconds(15);
    @TempDir
    Path folder;

    @Test
    @OnEveryWorkerClass
    void aNewRevisionReplacesTheOldInEveryWorkerInPlace() throws Exception {
        try (DeployedServer server = DeployedServer.start(folder, SwapAppJar.version("1.0.1"), 2)) {
            Files.copy(NarwhalProcess.DIST.resolve("deploy/narwhal-app-hello.jar"), server.deploy.resolve("hello.jar"));
            server.awaitOutput("mounted app 'hello' at /", 2, ROLLOUT);
            server.awaitServedEverywhere("swap 1.0.1", ROLLOUT);
            List<Long> before = server.narwhal.liveWorkers();

            long written = System.nanoTime();
            SwapAppJar.version("1.0.2").writeTo(server.deploy, DeployedServer.JAR);
            server.awaitOutput("deploy/swap.jar: new revision narwhal-testapp-swap 1\\.0\\.2", 1, ROLLOUT);
            long settled = System.nanoTime();
            server.awaitServedEverywhere("swap 1.0.2", ROLLOUT);
            long everywhere = System.nanoTime();
            System.out.printf("REDEPLOY-LATENCY workers=2 write-to-settled=%d ms settled-to-every-worker=%d ms%n",
                    (settled - written) / 1_000_000, (everywhere - settled) / 1_000_000);

            assertTrue(everywhere - settled < Duration.ofSeconds(3).toNanos(), "slower than 3 s from settled");
            assertEquals(before, server.narwhal.liveWorkers(), "the same worker processes serve the new revision");
            assertEquals(2, server.narwhal.everyWorker().size(), "no worker was started for the deploy");
            // Apps export nothing: updating swap restarted no other bundle (hello was mounted once per worker).
            assertEquals(2, server.count("mounted app 'hello' at /"), server.narwhal.output());
            assertEquals("Hello, World!", server.get("/").text());
        }
    }

    @ParameterizedTest
    @CsvSource({
        "fail-start, it does not start: its activator threw java\\.lang\\.IllegalStateException: swap 1\\.0\\.2 was told to fail its start",
        "no-app, it registered no mountable HttpApp within 10 s",
        "fail-requests, its health request GET /swap threw java\\.lang\\.IllegalStateException: swap 1\\.0\\.2 was told to fail every request"})
    void aBrokenRevisionIsRolledBackOnTheFirstWorkerAndGoesNoFurther(String mode, String reason) throws Exception {
        try (DeployedServer server = DeployedServer.start(folder, SwapAppJar.version("1.0.1"), 2)) {
            SwapAppJar.version("1.0.2").mode(mode).writeTo(server.deploy, DeployedServer.JAR);

            server.awaitOutput("deploy/swap\\.jar: narwhal-testapp-swap 1\\.0\\.2 \\(sha \\w+\\) failed on worker \\d+: "
                    + reason + "; rolled back there, no other worker touched; the pool keeps narwhal-testapp-swap 1\\.0\\.1",
                    1, Duration.ofSeconds(30));
            assertEquals(1, server.count("trying narwhal-testapp-swap 1\\.0\\.2 .* on worker"), server.narwhal.output());
            server.awaitServedEverywhere("swap 1.0.1", ROLLOUT);
            assertEquals(1, server.count("app swap\\.jar revision \\w+ refused"), "one worker tried it");
        }
    }

    @Test
    void jarsThatAreNotAppsAreRefusedAndTakenWhenTheyChange() throws Exception {
        try (DeployedServer server = DeployedServer.start(folder, SwapAppJar.version("1.0.1"), 1)) {
            Files.write(server.deploy.resolve(DeployedServer.JAR), "this is not a jar".getBytes());
            server.awaitOutput("deploy/swap\\.jar refused: not a readable jar \\(.*\\); the running version, if any, keeps serving",
                    1, ROLLOUT);
            assertEquals("swap 1.0.1", server.get("/swap").text());

            byte[] valid = SwapAppJar.version("1.0.2").bytes();
            Files.write(server.deploy.resolve(DeployedServer.JAR), Arrays.copyOf(valid, valid.length / 2));
            server.awaitOutput("deploy/swap\\.jar refused: not a readable jar", 2, ROLLOUT);
            assertEquals("swap 1.0.1", server.get("/swap").text());

            Files.write(server.deploy.resolve("plain.jar"), SwapAppJar.plainJar());
            server.awaitOutput("deploy/plain\\.jar refused: no Bundle-SymbolicName in its manifest: not an OSGi bundle", 1, ROLLOUT);

            SwapAppJar.version("1.0.3").writeTo(server.deploy, DeployedServer.JAR);
            server.awaitServedEverywhere("swap 1.0.3", ROLLOUT);
        }
    }

    @Test
    void aJarCopiedSlowlyOrOverwrittenInABurstIsTakenOnceSettled() throws Exception {
        try (DeployedServer server = DeployedServer.start(folder, SwapAppJar.version("1.0.1"), 1)) {
            byte[] slow = SwapAppJar.version("1.0.2").bytes();
            try (OutputStream out = Files.newOutputStream(server.deploy.resolve(DeployedServer.JAR))) {
                int chunk = slow.length / 8 + 1;
                for (int offset = 0; offset < slow.length; offset += chunk) {
                    out.write(slow, offset, Math.min(chunk, slow.length - offset));
                    out.flush();
                    Thread.sleep(120);
                }
            }
            server.awaitServedEverywhere("swap 1.0.2", ROLLOUT);
            assertEquals(0, server.count("refused"), server.narwhal.output());
            assertEquals(1, server.count("deploy/swap\\.jar: new revision"), server.narwhal.output());

            for (int patch = 3; patch <= 7; patch++) {
                Files.write(server.deploy.resolve(DeployedServer.JAR), SwapAppJar.version("1.0." + patch).bytes());
                Thread.sleep(40);
            }
            server.awaitServedEverywhere("swap 1.0.7", ROLLOUT);
            assertEquals(2, server.count("deploy/swap\\.jar: new revision"), "one update for the burst\n"
                    + server.narwhal.output());
        }
    }

    @Test
    void deletingTheJarUndeploysItFromEveryWorker() throws Exception {
        try (DeployedServer server = DeployedServer.start(folder, SwapAppJar.version("1.0.1"), 2)) {
            server.awaitServedEverywhere("swap 1.0.1", ROLLOUT);
            Files.delete(server.deploy.resolve(DeployedServer.JAR));
            server.awaitOutput("app swap\\.jar removed", 2, ROLLOUT);
            for (int i = 0; i < 10; i++) {
                assertEquals(404, server.get("/swap").status());
            }
        }
    }

    @Test
    void workersStartedAfterADeployBootWithTheServedRevision() throws Exception {
        try (DeployedServer server = DeployedServer.start(folder, SwapAppJar.version("1.0.1"), 1)) {
            SwapAppJar.version("1.0.2").writeTo(server.deploy, DeployedServer.JAR);
            server.awaitServedEverywhere("swap 1.0.2", ROLLOUT);

            signal("TTIN", server.narwhal.pid());
            server.narwhal.awaitWorkers(2);
            server.awaitServedEverywhere("swap 1.0.2", ROLLOUT);

            long victim = server.narwhal.liveWorkers().getFirst();
            signal("KILL", victim);
            NarwhalProcess.await(ROLLOUT, () -> !NarwhalProcess.isAlive(victim) && server.narwhal.liveWorkers().size() == 2,
                    () -> "no replacement\n" + server.narwhal.output());
            server.awaitServedEverywhere("swap 1.0.2", ROLLOUT);
            // Only the first worker was updated; the two started later booted with 1.0.2.
            assertEquals(1, server.count("app swap\\.jar revision " + SwapAppJar.version("1.0.2").shortChecksum()
                    + " serving in"), server.narwhal.output());
        }
    }

    @Test
    @OnEveryWorkerClass
    void aLongRequestInFlightAcrossAnUpdateFinishesOnTheOldRevision() throws Exception {
        try (DeployedServer server = DeployedServer.start(folder, SwapAppJar.version("1.0.1"), 1)) {
            CompletableFuture<RawHttp.Response> slow = CompletableFuture.supplyAsync(() -> {
                try {
                    return server.get("/swap/slow?ms=10000");
                } catch (Exception e) {
                    throw new IllegalStateException(e);
                }
            });
            server.awaitOutput("swap 1\\.0\\.1: slow request started", 1, ROLLOUT);
            SwapAppJar.version("1.0.2").writeTo(server.deploy, DeployedServer.JAR);

            RawHttp.Response answer = slow.get(30, TimeUnit.SECONDS);
            assertEquals(200, answer.status());
            assertEquals("swap 1.0.1 slow", answer.text());
            server.awaitServedEverywhere("swap 1.0.2", ROLLOUT);
            assertFalse(server.narwhal.outputContains("NoClassDefFoundError"), server.narwhal.output());
        }
    }

    @Test
    void aSecondAppClaimingATakenMountIsRefusedAndTheFirstKeepsServing() throws Exception {
        try (DeployedServer server = DeployedServer.start(folder, SwapAppJar.version("1.0.1"), 2)) {
            SwapAppJar.version("2.0.0").symbolicName("narwhal-testapp-rival").writeTo(server.deploy, "rival.jar");
            server.awaitOutput("deploy/rival\\.jar: narwhal-testapp-rival 2\\.0\\.0 \\(sha \\w+\\) failed on worker \\d+: "
                    + "its app is registered but the router did not mount it: another app holds its mount", 1, ROLLOUT);
            server.awaitOutput("app service 'swap' \\(service \\d+\\) is not mounted: app service 'swap' \\(service \\d+\\)"
                    + " already holds /swap", 1, ROLLOUT);
            server.awaitServedEverywhere("swap 1.0.1", ROLLOUT);
            assertEquals(1, server.count("trying narwhal-testapp-rival"), "no second worker tried it");
        }
    }

    @Test
    void anAppThatThrowsHarmsNoOtherApp_andNoPathReachesAnAppThroughAnother() throws Exception {
        // Installed at boot, so no health request stopped it: every request of it throws.
        try (DeployedServer server = DeployedServer.start(folder, SwapAppJar.version("1.0.1").mode("fail-requests"), 2)) {
            Files.copy(NarwhalProcess.DIST.resolve("deploy/narwhal-app-hello.jar"), server.deploy.resolve("hello.jar"));
            server.awaitOutput("mounted app 'hello' at /", 2, ROLLOUT);
            for (int i = 0; i < 4; i++) {
                assertEquals(500, server.get("/swap").status());
                assertEquals("Hello, World!", server.get("/").text());
            }
            // The router matches the normalised path: a dot-segment leaves the mount it names.
            assertEquals("Hello, World!", server.get("/swap/../x").text());
            assertEquals(500, server.get("/x/%2e%2e/swap").status());
            RawHttp.Response encodedSlash = server.get("/swap/..%2F");
            assertEquals(400, encodedSlash.status());
            assertEquals("400 Bad Request: encoded slash (%2F) in path\n", encodedSlash.text());
        }
    }

    private static void signal(String name, long pid) throws Exception {
        assertEquals(0, new ProcessBuilder("kill", "-" + name, Long.toString(pid)).inheritIO().start().waitFor());
    }

}
