package io.narwhal.itests.e2e;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.api.parallel.Execution;
import org.junit.jupiter.api.parallel.ExecutionMode;

/**
 * Redeploys leave nothing behind in the worker: each retired revision's class loader is collected (the worker
 * follows each with a phantom reference and logs its collection), the live class loaders and classes stay level
 * (read with jcmd after a full GC), also for an app that leaves a ThreadLocal on the request thread or a thread
 * running.
 */
// Waits on redeploys, on a deploy folder and a server of its own: beside the other classes (itests/pom.xml).
@Execution(ExecutionMode.CONCURRENT)
class DeployLeakE2ETest {
    private static final Duration ROLLOUT = Duration.ofSeconds(20);
    private static final Path JCMD = Path.of(System.getProperty("java.home"), "bin", "jcmd");
    @TempDir
    Path folder;

    /** What jcmd says of the worker's class space after a full GC. */
    record ClassSpace(int bundleLoaders, int classes, long metaspaceUsed) {
    }

    @Test
    void aHundredRedeploysLeaveTheClassSpaceLevel() throws Exception {
        try (DeployedServer server = DeployedServer.start(folder, SwapAppJar.version("1.0.0"), 1)) {
            long worker = server.narwhal.liveWorkers().getFirst();
            ClassSpace atTen = null;
            for (int patch = 1; patch <= 100; patch++) {
                redeploy(server, SwapAppJar.version("1.0." + patch));
                if (patch == 10) {
                    atTen = classSpace(worker);
                }
            }
            ClassSpace atHundred = classSpace(worker);
            System.out.printf("DEPLOY-LEAK redeploys 10 -> 100: bundle class loaders %d -> %d, classes %d -> %d, "
                            + "metaspace used %d -> %d KB%n", atTen.bundleLoaders(), atHundred.bundleLoaders(),
                    atTen.classes(), atHundred.classes(), atTen.metaspaceUsed() / 1024, atHundred.metaspaceUsed() / 1024);
            assertEquals(atTen.bundleLoaders(), atHundred.bundleLoaders(), "a bundle class loader per live bundle");
            // Classes of the JDK's own (lambda forms, reflection) come and go by a few; 90 app revisions are 270.
            assertTrue(Math.abs(atHundred.classes() - atTen.classes()) < 50, atTen + " -> " + atHundred);
            server.awaitOutput("app swap\\.jar [\\d.]+ \\(retired revision \\d+\\): class loader collected", 100, ROLLOUT);
            assertEquals(worker, server.narwhal.liveWorkers().getFirst(), "the same worker throughout");
            assertEquals(0, server.count("removal-pending"), server.narwhal.output());
        }
    }

    @Test
    @OnEveryWorkerClass
    void aThreadLocalLeftOnTheRequestThreadPinsNothing() throws Exception {
        try (DeployedServer server = DeployedServer.start(folder, SwapAppJar.version("1.0.1").mode("thread-local"), 1)) {
            long worker = server.narwhal.liveWorkers().getFirst();
            for (int i = 0; i < 5; i++) {
                assertEquals("swap 1.0.1", server.get("/swap").text());
            }
            redeploy(server, SwapAppJar.version("1.0.2"));
            // The next connection renews the request thread; the one holding the ThreadLocal ends.
            assertEquals("swap 1.0.2", server.get("/swap").text());
            assertEquals("swap 1.0.2", server.get("/swap").text());
            classSpace(worker);
            server.awaitOutput("app swap\\.jar 1\\.0\\.1 \\(retired revision \\d+\\): class loader collected", 1, ROLLOUT);
        }
    }

    @Test
    void aThreadLeftRunningIsReportedByNameAndInterrupted() throws Exception {
        try (DeployedServer server = DeployedServer.start(folder, SwapAppJar.version("1.0.1").mode("thread"), 1)) {
            long worker = server.narwhal.liveWorkers().getFirst();
            redeploy(server, SwapAppJar.version("1.0.2"));
            server.awaitOutput("app swap\\.jar: its stopped revision left thread 'swap-leaker-1\\.0\\.1' running: a leak;"
                    + " interrupting it", 1, ROLLOUT);
            server.awaitOutput("swap leaker thread interrupted; ending", 1, ROLLOUT);
            classSpace(worker);
            server.awaitOutput("app swap\\.jar 1\\.0\\.1 \\(retired revision \\d+\\): class loader collected", 1, ROLLOUT);
        }
    }

    private static void redeploy(DeployedServer server, SwapAppJar revision) throws IOException {
        revision.writeTo(server.deploy, DeployedServer.JAR);
        server.awaitOutput("app swap\\.jar revision " + revision.shortChecksum() + " serving in", 1, ROLLOUT);
        // Load the revision's classes as a real request would, the lazily loaded one too.
        assertEquals(200, server.get("/swap/slow?ms=0").status());
    }

    /** A full GC first: what is left is what something still holds. */
    private static ClassSpace classSpace(long pid) throws Exception {
        jcmd(pid, "GC.run");
        String loaders = jcmd(pid, "VM.classloader_stats");
        int bundleLoaders = count(loaders, "BundleWiringImpl\\$BundleClassLoader");
        Matcher total = Pattern.compile("Total = \\d+\\s+(\\d+)").matcher(loaders);
        assertTrue(total.find(), loaders);
        Matcher metaspace = Pattern.compile("sun\\.gc\\.metaspace\\.used=(\\d+)").matcher(jcmd(pid, "PerfCounter.print"));
        assertTrue(metaspace.find());
        return new ClassSpace(bundleLoaders, Integer.parseInt(total.group(1)), Long.parseLong(metaspace.group(1)));
    }

    static String jcmd(long pid, String command) throws Exception {
        Process process = new ProcessBuilder(JCMD.toString(), Long.toString(pid), command).redirectErrorStream(true).start();
        String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertEquals(0, process.waitFor(), output);
        return output;
    }

    private static int count(String text, String regex) {
        Matcher matcher = Pattern.compile(regex).matcher(text);
        int count = 0;
        while (matcher.find()) {
            count++;
        }
        return count;
    }
}
