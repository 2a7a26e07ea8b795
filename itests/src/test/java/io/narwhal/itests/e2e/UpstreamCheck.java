package io.narwhal.itests.e2e;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * The shipped readiness checker, dist/bin/narwhal-upstream-check, run for a test against its hosts: it writes the
 * server lines of nginx's upstream into a file, a host whose /health/ready is not 200 marked down, and reloads nginx
 * when they change. Its log is kept beside the file; close kills it.
 */
final class UpstreamCheck implements AutoCloseable {
    private static final Path SCRIPT = NarwhalProcess.DIST.resolve("bin/narwhal-upstream-check");

    private final Process process;
    private final Path file;
    private final Path log;

    private UpstreamCheck(Process process, Path file) {
        this.process = process;
        this.file = file;
        log = logOf(file);
    }

    private static Path logOf(Path file) {
        return file.resolveSibling(file.getFileName() + ".check.log");
    }

    /** Writes the server lines once and reloads nothing, as before nginx first starts. */
    static void writeOnce(Path file, List<TestHost> hosts) throws IOException, InterruptedException {
        Process once = new ProcessBuilder(command(file, hosts, "", "--once")).redirectErrorStream(true)
                .redirectOutput(ProcessBuilder.Redirect.appendTo(logOf(file).toFile())).start();
        if (!once.waitFor(30, TimeUnit.SECONDS) || once.exitValue() != 0) {
            once.destroyForcibly();
            throw new AssertionError("narwhal-upstream-check --once did not write " + file + ":\n"
                    + Files.readString(logOf(file)));
        }
    }

    /** Starts checking every interval, reloading nginx with this shell command when the lines change. */
    static UpstreamCheck start(Path file, List<TestHost> hosts, String reload, Duration interval) throws IOException {
        Process process = new ProcessBuilder(command(file, hosts, reload, "--interval",
                Double.toString(interval.toMillis() / 1000.0))).redirectErrorStream(true)
                .redirectOutput(ProcessBuilder.Redirect.appendTo(logOf(file).toFile())).start();
        return new UpstreamCheck(process, file);
    }

    private static List<String> command(Path file, List<TestHost> hosts, String reload, String... options) {
        List<String> command = new ArrayList<>(List.of(SCRIPT.toString(), "--reload", reload));
        command.addAll(List.of(options));
        command.add(file.toString());
        hosts.forEach(host -> command.add(host.upstream() + "=" + host.readinessUrl()));
        return command;
    }

    /** Whether the upstream file marks this host down. */
    boolean isDown(TestHost host) {
        return serverLine(host).endsWith(" down;");
    }

    private String serverLine(TestHost host) {
        try {
            return Files.readAllLines(file).stream().filter(line -> line.startsWith("server " + host.upstream() + " "))
                    .findFirst().orElseThrow(() -> new AssertionError(host.upstream() + " is not in " + file));
        } catch (IOException e) {
            throw new AssertionError("cannot read " + file, e);
        }
    }

    /**
     * Until the checker has marked the host down (or up, {@code down} false) in the file; it reloads nginx right after
     * it writes the file.
     */
    void await(TestHost host, boolean down, Duration timeout) {
        NarwhalProcess.await(timeout, () -> isDown(host) == down, () -> "the checker has not marked " + host.upstream()
                + (down ? " down" : " up") + " within " + timeout + "\n" + log());
    }

    /** How many times it has reloaded nginx so far. */
    long reloads() {
        return log().lines().filter(line -> line.contains("nginx reloaded")).count();
    }

    String log() {
        try {
            return Files.readString(log);
        } catch (IOException e) {
            return "(no log: " + e + ")";
        }
    }

    @Override
    public void close() throws InterruptedException {
        // Its curl or sleep of the moment too, not left to end on its own.
        process.descendants().forEach(ProcessHandle::destroyForcibly);
        process.destroyForcibly();
        process.waitFor(10, TimeUnit.SECONDS);
    }
}
