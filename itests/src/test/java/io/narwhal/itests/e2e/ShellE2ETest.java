package io.narwhal.itests.e2e;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.narwhal.itests.RawHttp;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.api.parallel.Isolated;

/**
 * narwhal-shell against a running master, as an operator uses it: what it shows matches the processes that run, what
 * it asks is done (under load, losing no request), and every mistake gets a clear message and a failing status.
 */
// narwhal-shell without --pid finds the dist's one master: no other server may run meanwhile.
@Isolated
class ShellE2ETest {
    private static final Path DIST = NarwhalProcess.DIST;
    private static final Pattern JSON_PID = Pattern.compile("\"pid\":(\\d+)");

    @BeforeEach
    void distIsBuilt() {
        NarwhalProcess.requireDist();
    }

    private static String pidOf(NarwhalProcess narwhal) {
        return Long.toString(narwhal.pid());
    }

    private static NarwhalShell shell(NarwhalProcess narwhal, String... command) throws Exception {
        String[] args = new String[command.length + 2];
        args[0] = "--pid";
        args[1] = pidOf(narwhal);
        System.arraycopy(command, 0, args, 2, command.length);
        return NarwhalShell.run(DIST, args);
    }

    private static Set<Long> pids(String json) {
        Set<Long> pids = new TreeSet<>();
        Matcher pid = JSON_PID.matcher(json);
        while (pid.find()) {
            pids.add(Long.parseLong(pid.group(1)));
        }
        return pids;
    }

    @Test
    void workersStatsListenersAndAppsShowTheServerThatRuns() throws Exception {
        try (NarwhalProcess narwhal = NarwhalProcess.start("-w", "2").awaitWorkers(2)) {
            for (int i = 0; i < 5; i++) {
                assertEquals(200, RawHttp.get(narwhal.port, "/").status());
            }
            String table = shell(narwhal, "workers").ok().out();
            List<String> lines = table.lines().toList();
            assertTrue(lines.getFirst().matches("ID +PID +STATE +UPTIME +REQUESTS +RSS +PSS +HEARTBEAT +APPS"), table);
            for (long worker : narwhal.liveWorkers()) {
                assertTrue(lines.stream().anyMatch(line -> line.matches("\\d+ +" + worker + " +serving +\\d+s +\\d+ +"
                        + "[0-9.]+ MB +[0-9.]+ MB +[0-9.]+s ago +narwhal-app-echo.jar \\S+, narwhal-app-hello.jar \\S+")),
                        "a serving row for worker " + worker + "\n" + table);
            }
            assertEquals("2 of 2 worker(s) serving", lines.getLast());

            String json = shell(narwhal, "workers", "--json").ok().out();
            assertEquals(Set.copyOf(narwhal.liveWorkers()), pids(json), json);
            assertTrue(json.startsWith("[{\"id\":"), json);
            assertEquals(Set.copyOf(narwhal.liveWorkers()),
                    pids(NarwhalShell.run(DIST, "--json", "--pid", pidOf(narwhal), "workers").ok().out()),
                    "narwhal-shell's --json, before the command, answers as the command's");

            NarwhalProcess.await(Duration.ofSeconds(10), () -> statsLine(narwhal, "requests").equals("5"),
                    () -> "the 5 requests counted (heartbeats carry them)\n" + narwhal.output());
            assertEquals(pidOf(narwhal), statsLine(narwhal, "master_pid"));
            assertEquals("2", statsLine(narwhal, "workers_serving"));
            assertEquals("2", statsLine(narwhal, "workers_booted"));
            assertEquals("0", statsLine(narwhal, "workers_died"));

            assertEquals("http://127.0.0.1:" + narwhal.port + "\n", shell(narwhal, "listeners").ok().out());
            assertEquals("log files reopened\n", shell(narwhal, "reopen").ok().out());
            assertTrue(narwhal.outputContains("Reopening the log files of the master and 2 worker(s)"), narwhal.output());
            // Each worker reports its mounts with a heartbeat once its apps registered: within a second of its boot.
            Pattern appRow = Pattern.compile("\\d+ +\\d+ +narwhal-app-(echo|hello)\\.jar +narwhal-app-\\1 +\\S+ +[0-9a-f]{12}"
                    + " +active +(/|/echo)");
            NarwhalProcess.await(Duration.ofSeconds(10), () -> {
                String apps = shellOut(narwhal, "apps");
                return apps.lines().count() == 1 + 2 * 2 && apps.lines().skip(1).allMatch(line -> {
                    Matcher row = appRow.matcher(line);
                    return row.matches() && row.group(2).equals(row.group(1).equals("echo") ? "/echo" : "/");
                });
            }, () -> "every app active and mounted on both workers\n" + shellOut(narwhal, "apps"));
        }
    }

    private static String statsLine(NarwhalProcess narwhal, String key) {
        try {
            return shell(narwhal, "stats").ok().out().lines().filter(line -> line.startsWith(key + " "))
                    .map(line -> line.substring(key.length()).strip()).findFirst().orElse("(no " + key + ")");
        } catch (Exception e) {
            throw new AssertionError(e);
        }
    }

    @Test
    void killReplacesTheWorker_andStopEndsTheServer() throws Exception {
        try (NarwhalProcess narwhal = NarwhalProcess.start("-w", "2").awaitWorkers(2)) {
            String json = shell(narwhal, "--json", "workers").ok().out();
            Matcher first = Pattern.compile("\\{\"id\":(\\d+),\"pid\":(\\d+)").matcher(json);
            assertTrue(first.find(), json);
            long pid = Long.parseLong(first.group(2));
            assertEquals("worker " + first.group(1) + " retiring; the pool replaces it\n",
                    shell(narwhal, "kill", first.group(1)).ok().out());
            NarwhalProcess.await(Duration.ofSeconds(60), () -> !NarwhalProcess.isAlive(pid)
                    && narwhal.liveWorkers().size() == 2, () -> "worker " + pid + " not replaced\n" + narwhal.output());
            assertEquals("0", statsLine(narwhal, "workers_died"), "a worker stopped as asked did not die");

            assertEquals("graceful stop under way\n", shell(narwhal, "stop").ok().out());
            assertEquals(0, narwhal.waitForExit(Duration.ofSeconds(60)), narwhal.output());
        }
    }

    @Test
    void undeployAndDeployGoThroughTheDeployFolder(@TempDir Path folder) throws Exception {
        Path deploy = Files.createDirectories(folder.resolve("deploy"));
        for (String app : List.of("narwhal-app-hello.jar", "narwhal-app-echo.jar")) {
            Files.copy(DIST.resolve("deploy").resolve(app), deploy.resolve(app));
        }
        Path elsewhere = Files.createDirectories(folder.resolve("a folder with spaces"));
        Files.copy(DIST.resolve("deploy/narwhal-app-echo.jar"), elsewhere.resolve("narwhal-app-echo.jar"));
        try (NarwhalProcess narwhal = NarwhalProcess.start(Map.of("NARWHAL_DEPLOY", deploy.toString()), "-w", "2")
                .awaitWorkers(2)) {
            assertEquals(200, RawHttp.get(narwhal.port, "/echo").status());
            assertEquals("narwhal-app-echo.jar removed from " + deploy + ": every worker uninstalls it\n",
                    shell(narwhal, "undeploy", "narwhal-app-echo").ok().out());
            NarwhalProcess.await(Duration.ofSeconds(30), () -> shellOut(narwhal, "apps").lines().skip(1)
                    .allMatch(line -> line.contains("narwhal-app-hello.jar")), () -> "echo still on a worker\n"
                    + shellOut(narwhal, "apps") + narwhal.output());
            assertTrue(Files.notExists(deploy.resolve("narwhal-app-echo.jar")));

            assertEquals("narwhal-app-echo.jar copied into " + deploy
                            + ": every worker takes it within seconds (narwhal:apps shows it)\n",
                    NarwhalShell.run(DIST, "--pid", pidOf(narwhal), "deploy",
                            elsewhere.resolve("narwhal-app-echo.jar").toString()).ok().out());
            NarwhalProcess.await(Duration.ofSeconds(30), () -> shellOut(narwhal, "apps").lines()
                    .filter(line -> line.matches(".*narwhal-app-echo\\.jar .* active +/echo")).count() == 2,
                    () -> "echo not back on both workers\n" + shellOut(narwhal, "apps") + narwhal.output());
            assertEquals(200, RawHttp.get(narwhal.port, "/echo").status());
            try (var left = Files.list(deploy)) {
                assertEquals(List.of("narwhal-app-echo.jar", "narwhal-app-hello.jar"),
                        left.map(path -> path.getFileName().toString()).sorted().toList(), "no partial copy left");
            }
        }
    }

    private static String shellOut(NarwhalProcess narwhal, String command) {
        try {
            return shell(narwhal, command).ok().out();
        } catch (Exception e) {
            throw new AssertionError(e);
        }
    }

    @Test
    void everyMistakeGetsAClearMessageAndAFailingStatus(@TempDir Path folder) throws Exception {
        Path copy = NarwhalProcess.copyOfDist(folder.resolve("dist"));
        int port = NarwhalProcess.freePort();
        try (NarwhalProcess narwhal = NarwhalProcess.startIn(copy, port, "-b", "127.0.0.1:" + port, "-w", "1")
                .awaitWorkers(1)) {
            assertTrue(NarwhalShell.run(copy, "workers").ok().out().endsWith("1 of 1 worker(s) serving\n"),
                    "found by its distribution, without --pid");
            expectFailure(NarwhalShell.run(copy, "scale", "0"), 1, "the pool takes 1 to 1024 workers, not 0\n");
            expectFailure(NarwhalShell.run(copy, "kill", "99"), 1, "no worker 99 runs (see narwhal:workers)\n");
            expectFailure(NarwhalShell.run(copy, "deploy", "missing.jar"), 1,
                    "no such file: " + Path.of("").toAbsolutePath().resolve("missing.jar") + "\n");
            expectFailure(NarwhalShell.run(copy, "undeploy", "nothing"), 1,
                    "no app nothing.jar in " + copy.resolve("deploy") + "\n");
            expectFailure(NarwhalShell.run(copy, "frobnicate"), 1, "Command not found: frobnicate\n");
            NarwhalShell session = NarwhalShell.runWithInput(copy, "incr\nbogus\nlisteners\n");
            assertEquals("target: 2 worker(s)\nhttp://127.0.0.1:" + port + "\n", session.out(),
                    "a session goes on after a failed command");
            assertEquals("Command not found: bogus\n", session.err());
            assertEquals(0, session.status(), "the status of the last command");

            NarwhalShell unknownOption = NarwhalShell.run(copy, "--jsn", "workers");
            assertEquals(2, unknownOption.status());
            assertTrue(unknownOption.err().startsWith("narwhal-shell: unknown option --jsn\nusage: narwhal-shell"),
                    unknownOption.err());
            expectFailure(NarwhalShell.run(copy, "--pid", "1", "workers"), 1,
                    "narwhal-shell: no narwhal master of yours runs with pid 1\n");

            NarwhalShell.run(copy, "stop", "--quick").ok();
            narwhal.waitForExit(Duration.ofSeconds(30));
        }
        expectFailure(NarwhalShell.run(copy, "workers"), 1, "narwhal-shell: no narwhal master of yours runs from "
                + copy + " (start one with " + copy.resolve("bin/narwhal") + ")\n");
    }

    private static void expectFailure(NarwhalShell shell, int status, String err) {
        assertEquals(err, shell.err(), "out: " + shell.out());
        assertEquals(status, shell.status());
    }

    @Test
    void configShowsEachOrigin_andConfigSetAppliesAValueThatSurvivesARestart(@TempDir Path folder) throws Exception {
        Path copy = NarwhalProcess.copyOfDist(folder.resolve("dist"));
        Path serverConfig = copy.resolve("config/narwhal.server.cfg");
        List<String> withoutJitter = Files.readAllLines(serverConfig).stream()
                .filter(line -> !line.startsWith("max_requests_jitter")).toList();
        Files.write(serverConfig, withoutJitter);
        Path configFile = Files.writeString(folder.resolve("site.cfg"), "keepalive = 7\n");
        int port = NarwhalProcess.freePort();
        try (NarwhalProcess narwhal = NarwhalProcess.startIn(copy, port, "-b", "127.0.0.1:" + port, "-w", "1",
                "-c", configFile.toString(), "--timeout", "40").awaitWorkers(1)) {
            String config = NarwhalShell.run(copy, "config").ok().out();
            assertTrue(config.startsWith("KEY "), config);
            assertEquals("127.0.0.1:" + port + "|the command line", row(config, "bind"));
            assertEquals("1|the command line", row(config, "workers"));
            assertEquals("7|" + configFile, row(config, "keepalive"));
            assertEquals("40|the command line", row(config, "timeout"));
            assertEquals("0|default", row(config, "max_requests_jitter"));
            assertEquals("strict|config/narwhal.server.cfg", row(config, "http_compliance"));
            assertTrue(NarwhalShell.run(copy, "config", "--json").ok().out().contains(
                    "{\"key\":\"keepalive\",\"value\":\"7\",\"origin\":\"" + configFile + "\",\"pending\":\"\"}"));

            expectFailure(NarwhalShell.run(copy, "config", "set", "workers", "2"), 1,
                    "workers comes from the command line, which wins over config/narwhal.server.cfg: change it there\n");
            expectFailure(NarwhalShell.run(copy, "config", "set", "max_requests", "-5"), 1,
                    "invalid max_requests '-5' (expected a whole number from 0 to 2147483647); nothing changed\n");
            expectFailure(NarwhalShell.run(copy, "config", "set", "wokers", "2"), 1,
                    "no setting wokers (narwhal:config lists them)\n");
            assertEquals(withoutJitter, Files.readAllLines(serverConfig), "a refused value changes nothing");

            assertEquals("limit_request_line = 2000: applied, and kept in config/narwhal.server.cfg (set from the shell)\n",
                    NarwhalShell.run(copy, "config", "set", "limit_request_line", "2000").ok().out());
            assertEquals("2000|config/narwhal.server.cfg (set from the shell)",
                    row(NarwhalShell.run(copy, "config").ok().out(), "limit_request_line"));
            NarwhalProcess.await(Duration.ofSeconds(60), () -> narwhal.outputContains("Retiring worker"),
                    () -> "a worker setting changed: the worker is replaced\n" + narwhal.output());
            List<String> edited = Files.readAllLines(serverConfig);
            assertEquals(withoutJitter.size(), edited.size(), "one line changed, every comment kept");
            assertTrue(edited.contains("limit_request_line = 2000"), String.join("\n", edited));
            assertEquals(1, narwhal.countLines("Configuration applied"),
                    "applied once, though the file's watcher hands the edit over too\n" + narwhal.output());
            NarwhalShell.run(copy, "stop").ok();
            assertEquals(0, narwhal.waitForExit(Duration.ofSeconds(60)));
        }
        try (NarwhalProcess again = NarwhalProcess.startIn(copy, port, "-b", "127.0.0.1:" + port).awaitWorkers(2)) {
            assertEquals("2000|config/narwhal.server.cfg", row(NarwhalShell.run(copy, "config").ok().out(),
                    "limit_request_line"), "kept after a restart");
        }
    }

    /** The value and origin columns of a setting's row in narwhal:config's table, as "VALUE|ORIGIN". */
    private static String row(String table, String key) {
        return table.lines().filter(line -> line.startsWith(key + " ")).findFirst()
                .map(line -> line.substring(key.length()).strip().replaceFirst(" {2,}", "|"))
                .orElseThrow(() -> new AssertionError("no row " + key + " in\n" + table));
    }

    @Test
    void theConsoleOnTheMastersTerminalTakesCommands(@TempDir Path folder) throws Exception {
        Path script = Path.of("/usr/bin/script");
        assertTrue(Files.isExecutable(script), "script (util-linux) gives the master a terminal");
        int port = NarwhalProcess.freePort();
        String command = DIST.resolve("bin/narwhal") + " --console -b 127.0.0.1:" + port + " -w 1";
        try (NarwhalProcess narwhal = NarwhalProcess.startScript(script, port, "-qfec", command,
                folder.resolve("typescript").toString()).awaitWorkers(1)) {
            var terminal = narwhal.process().getOutputStream();
            terminal.write("workers\n".getBytes(java.nio.charset.StandardCharsets.UTF_8));
            terminal.flush();
            NarwhalProcess.await(Duration.ofSeconds(20), () -> narwhal.outputContains("1 of 1 worker(s) serving"),
                    () -> "the console answers narwhal:workers\n" + narwhal.output());
            terminal.write("scale 2\nstop\n".getBytes(java.nio.charset.StandardCharsets.UTF_8));
            terminal.flush();
            assertEquals(0, narwhal.waitForExit(Duration.ofSeconds(60)), narwhal.output());
            assertTrue(narwhal.outputContains("target: 2 worker(s)"), narwhal.output());
            assertTrue(narwhal.outputContains("graceful stop under way"), narwhal.output());
        }
    }
}
