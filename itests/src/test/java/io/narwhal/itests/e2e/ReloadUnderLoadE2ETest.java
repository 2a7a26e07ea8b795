package io.narwhal.itests.e2e;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Reloads and scaling under load lose nothing: 64 clients keep asking while the master replaces its workers after a
 * burst of HUPs, or grows the pool from 1 to 6 and back (by signals, and through narwhal-shell with a reload). Each client keeps its connection while the server does; a
 * request that found its kept connection closed before any byte of an answer is sent again, as an HTTP client does
 * (RFC 9112 9.3.1), and counted. Any other failure fails the test.
 */
@OnEveryWorkerClass
class ReloadUnderLoadE2ETest {
    private static final int CONNECTIONS = 64;
    private static final String HELLO = "Hello, World!";

    @BeforeEach
    void distIsBuilt() {
        NarwhalProcess.requireDist();
    }

    @Test
    void aBurstOfHupsUnderLoadFailsNoRequest() throws Exception {
        int hups = 5;
        try (NarwhalProcess narwhal = NarwhalProcess.start("-w", "2", "--keep-alive", "60").awaitWorkers(2)) {
            Set<Long> before = Set.copyOf(narwhal.liveWorkers());
            SteadyLoad load;
            try (SteadyLoad running = SteadyLoad.start(narwhal.port, "/", HELLO::equals, CONNECTIONS, 3_000)) {
                load = running;
                load.markChangeStart();
                for (int hup = 1; hup <= hups; hup++) {
                    narwhal.signal("HUP");
                    int handled = hup;
                    NarwhalProcess.await(Duration.ofSeconds(10), () -> narwhal.countLines("Handling signal: hup") >= handled,
                            narwhal::output);
                }
                NarwhalProcess.await(Duration.ofSeconds(90), () -> before.stream().noneMatch(NarwhalProcess::isAlive)
                        && narwhal.liveWorkers().size() == 2, () -> "the workers were not all replaced\n" + narwhal.output());
                long replaced = load.sent();
                NarwhalProcess.await(Duration.ofSeconds(30), () -> load.sent() > replaced + 1_000, narwhal::output);
            }
            report("HUP-BURST", narwhal, load, hups + " HUPs, 2 workers");
            assertEquals(2, fewestServing(narwhal.output()), "workers serving at the fewest, by the master's log\n"
                    + narwhal.output());
        }
    }

    /**
     * The fewest workers serving at any point once the first were ready, replaying the master's log: a worker serves
     * from its "ready" line (or its promotion) until its "Retiring" line.
     */
    private static int fewestServing(String log) {
        Set<String> serving = new HashSet<>();
        int fewest = Integer.MAX_VALUE;
        Matcher event = Pattern.compile("Worker (\\d+) ready in|Worker (\\d+) promoted|Retiring worker (\\d+)").matcher(log);
        while (event.find()) {
            if (event.group(3) != null) {
                serving.remove(event.group(3));
                fewest = Math.min(fewest, serving.size());
            } else {
                serving.add(event.group(1) != null ? event.group(1) : event.group(2));
            }
        }
        return fewest;
    }

    @Test
    void scalingFromOneToSixAndBackUnderLoadFailsNoRequest() throws Exception {
        try (NarwhalProcess narwhal = NarwhalProcess.start("-w", "1", "--keep-alive", "60").awaitWorkers(1)) {
            SteadyLoad load;
            try (SteadyLoad running = SteadyLoad.start(narwhal.port, "/", HELLO::equals, CONNECTIONS, 3_000)) {
                load = running;
                load.markChangeStart();
                signalTimes(narwhal, "TTIN", 5);
                NarwhalProcess.await(Duration.ofSeconds(90), () -> narwhal.liveWorkers().size() == 6,
                        () -> "not 6 workers\n" + narwhal.output());
                long grown = load.sent();
                NarwhalProcess.await(Duration.ofSeconds(30), () -> load.sent() > grown + 1_000, narwhal::output);
                signalTimes(narwhal, "TTOU", 5);
                NarwhalProcess.await(Duration.ofSeconds(60), () -> narwhal.liveWorkers().size() == 1,
                        () -> "not back to 1 worker\n" + narwhal.output());
                long shrunk = load.sent();
                NarwhalProcess.await(Duration.ofSeconds(30), () -> load.sent() > shrunk + 1_000, narwhal::output);
            }
            report("SCALE-1-6-1", narwhal, load, "TTIN x5 then TTOU x5");
        }
    }

    /** The same through narwhal-shell: scale 1 -> 6 -> 1, then reload, with 64 connections asking. */
    @Test
    void scalingAndReloadingFromTheShellUnderLoadFailNoRequest() throws Exception {
        try (NarwhalProcess narwhal = NarwhalProcess.start("-w", "1", "--keep-alive", "60").awaitWorkers(1)) {
            String pid = Long.toString(narwhal.pid());
            SteadyLoad load;
            try (SteadyLoad running = SteadyLoad.start(narwhal.port, "/", HELLO::equals, CONNECTIONS, 3_000)) {
                load = running;
                load.markChangeStart();
                assertEquals("target: 6 worker(s)\n", NarwhalShell.run(NarwhalProcess.DIST, "--pid", pid, "scale", "6")
                        .ok().out());
                NarwhalProcess.await(Duration.ofSeconds(90), () -> narwhal.liveWorkers().size() == 6,
                        () -> "not 6 workers\n" + narwhal.output());
                assertEquals("target: 1 worker(s)\n", NarwhalShell.run(NarwhalProcess.DIST, "--pid", pid, "scale", "1")
                        .ok().out());
                NarwhalProcess.await(Duration.ofSeconds(60), () -> narwhal.liveWorkers().size() == 1,
                        () -> "not back to 1 worker\n" + narwhal.output());
                Set<Long> before = Set.copyOf(narwhal.liveWorkers());
                NarwhalShell.run(NarwhalProcess.DIST, "--pid", pid, "reload").ok();
                NarwhalProcess.await(Duration.ofSeconds(60), () -> before.stream().noneMatch(NarwhalProcess::isAlive)
                        && narwhal.liveWorkers().size() == 1, () -> "the worker was not replaced\n" + narwhal.output());
                long replaced = load.sent();
                NarwhalProcess.await(Duration.ofSeconds(30), () -> load.sent() > replaced + 1_000, narwhal::output);
            }
            report("SHELL-SCALE-1-6-1-RELOAD", narwhal, load, "narwhal-shell scale 6, scale 1, reload");
        }
    }

    /** Sends the signal that many times, each once the master has handled the one before. */
    private static void signalTimes(NarwhalProcess narwhal, String signal, int times) throws Exception {
        String handling = "Handling signal: " + signal.toLowerCase();
        int already = narwhal.countLines(handling);
        for (int i = 1; i <= times; i++) {
            narwhal.signal(signal);
            int handled = already + i;
            NarwhalProcess.await(Duration.ofSeconds(10), () -> narwhal.countLines(handling) >= handled, narwhal::output);
        }
    }

    private static void report(String name, NarwhalProcess narwhal, SteadyLoad load, String what) {
        long[] steady = load.latencies(false);
        long[] during = load.latencies(true);
        System.out.printf("%s %s, %d connections on %s: failed=%d; steady: %s; through it: %s; connections=%d, "
                        + "resent=%d%n", name, what, CONNECTIONS, WorkerClass.underTest().name(), load.failures.size(),
                SteadyLoad.summary(steady), SteadyLoad.summary(during), load.connections.get(), load.resent.get());
        assertEquals(List.of(), List.copyOf(load.failures), "every request answered 200 Hello, World!\n" + narwhal.output());
        assertTrue(during.length > 2_000, "the load ran through it: " + during.length);
    }
}
