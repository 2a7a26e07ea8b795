package io.narwhal.itests.e2e;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentSkipListSet;
import java.util.concurrent.TimeUnit;
import java.util.function.BooleanSupplier;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

/**
 * The built distribution, started as a real process: {@code dist/bin/narwhal} with flags. Collects its
 * output, knows its workers, and on close kills by PID everything it started, workers included, so no
 * test leaves a process behind.
 */
final class NarwhalProcess implements AutoCloseable {
    static final Path DIST = Path.of(System.getProperty("narwhal.dist", "../dist")).toAbsolutePath().normalize();
    private static final Pattern BOOTING = Pattern.compile("Booting worker with pid: (\\d+)");
    private static final Pattern READY = Pattern.compile("Worker (\\d+) ready in (\\d+) ms");
    private static final Pattern SPARE_READY = Pattern.compile("Spare worker (\\d+) ready in (\\d+) ms");
    /** A promoted spare accepts from now on: a ready worker like those that booted to serve. */
    private static final Pattern PROMOTED = Pattern.compile("Worker (\\d+) promoted from spare");

    private final Process process;
    private final List<String> lines = new ArrayList<>();
    private final Set<Long> everyWorker = new ConcurrentSkipListSet<>();
    private final Set<Long> readyWorkers = new ConcurrentSkipListSet<>();
    private final Set<Long> readySpares = new ConcurrentSkipListSet<>();
    final int port;
    /** The worker class its arguments name, which the master must say it uses; null for {@link #startRaw}. */
    private final String workerClass;

    private NarwhalProcess(Process process, int port, String workerClass) {
        this.process = process;
        this.port = port;
        this.workerClass = workerClass;
        Thread.ofPlatform().daemon().start(this::collectOutput);
    }

    /** Starts narwhal on a free port with these extra flags. */
    static NarwhalProcess start(String... flags) throws IOException {
        return start(Map.of(), flags);
    }

    /**
     * Starts narwhal on a free port with these extra flags and environment variables, on the worker class under test
     * unless the flags name one.
     */
    static NarwhalProcess start(Map<String, String> environment, String... flags) throws IOException {
        int port = freePort();
        List<String> command = new ArrayList<>(List.of(DIST.resolve("bin/narwhal").toString(), "-b", "127.0.0.1:" + port));
        List<String> args = onWorkerClassUnderTest(flags);
        command.addAll(args);
        return new NarwhalProcess(launch(command, environment), port, workerClassOf(args));
    }

    /** The flags, with {@code -k} of the worker class under test in front unless they give one themselves. */
    private static List<String> onWorkerClassUnderTest(String... flags) {
        List<String> all = new ArrayList<>();
        if (workerClassOf(List.of(flags)) == null) {
            all.addAll(List.of("-k", WorkerClass.underTest().name()));
        }
        all.addAll(List.of(flags));
        return all;
    }

    /** The worker class these arguments name ({@code -k NAME}, {@code -kNAME}, {@code --worker-class[=]NAME}), or null. */
    private static String workerClassOf(List<String> args) {
        for (int i = 0; i < args.size(); i++) {
            String arg = args.get(i);
            if ((arg.equals("-k") || arg.equals("--worker-class")) && i + 1 < args.size()) {
                return args.get(i + 1);
            }
            if (arg.startsWith("--worker-class=")) {
                return arg.substring("--worker-class=".length());
            }
            if (arg.startsWith("-k") && arg.length() > 2) {
                return arg.substring(2);
            }
        }
        return null;
    }

    /**
     * Runs narwhal in a network namespace ({@code ip netns exec}, which execs it: this process is the master) with these
     * flags and environment variables, on the worker class under test unless the flags name one. It listens where its
     * flags' {@code -b} says, not on loopback.
     */
    static NarwhalProcess startInNamespace(NetworkNamespaces.Namespace namespace, Map<String, String> environment,
            String... flags) throws IOException {
        List<String> command = new ArrayList<>(NetworkNamespaces.exec(namespace));
        command.add(DIST.resolve("bin/narwhal").toString());
        List<String> args = onWorkerClassUnderTest(flags);
        command.addAll(args);
        return new NarwhalProcess(launch(command, environment), -1, workerClassOf(args));
    }

    /** Runs narwhal with exactly these arguments (for command-line errors). */
    static NarwhalProcess startRaw(String... args) throws IOException {
        return run(DIST, -1, List.of(args), null);
    }

    /**
     * Runs the narwhal of another distribution folder, which binds {@code port} by its own configuration, on the
     * worker class under test unless the arguments name one.
     */
    static NarwhalProcess startIn(Path dist, int port, String... args) throws IOException {
        List<String> all = onWorkerClassUnderTest(args);
        return run(dist, port, all, workerClassOf(all));
    }

    /** Runs narwhal through this script (a symlink to a distribution's bin/narwhal, say) with exactly these arguments. */
    static NarwhalProcess startScript(Path script, int port, String... args) throws IOException {
        return runScript(script, port, List.of(args), workerClassOf(List.of(args)));
    }

    /**
     * Runs dist/bin/narwhal through a wrapper command that ends by exec'ing it (as a socket-activating launcher does),
     * answering on {@code port}, on the worker class under test unless the flags name one.
     */
    static NarwhalProcess startThrough(List<String> wrapper, int port, String... flags) throws IOException {
        List<String> command = new ArrayList<>(wrapper);
        command.add(DIST.resolve("bin/narwhal").toString());
        List<String> args = onWorkerClassUnderTest(flags);
        command.addAll(args);
        return new NarwhalProcess(launch(command, Map.of()), port, workerClassOf(args));
    }

    private static NarwhalProcess run(Path dist, int port, List<String> args, String workerClass) throws IOException {
        return runScript(dist.resolve("bin/narwhal"), port, args, workerClass);
    }

    private static NarwhalProcess runScript(Path script, int port, List<String> args, String workerClass)
            throws IOException {
        List<String> command = new ArrayList<>(List.of(script.toString()));
        command.addAll(args);
        return new NarwhalProcess(launch(command, Map.of()), port, workerClass);
    }

    private static Process launch(List<String> command, Map<String, String> environment) throws IOException {
        ProcessBuilder builder = new ProcessBuilder(command).redirectErrorStream(true);
        builder.environment().put("JAVA_HOME", System.getProperty("java.home"));
        builder.environment().putAll(environment);
        return builder.start();
    }

    static int freePort() throws IOException {
        try (ServerSocket socket = new ServerSocket()) {
            socket.setReuseAddress(false);
            socket.bind(new InetSocketAddress("127.0.0.1", 0));
            return socket.getLocalPort();
        }
    }

    private void collectOutput() {
        try (BufferedReader reader = new BufferedReader(
                new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8))) {
            String line;
            while ((line = reader.readLine()) != null) {
                System.out.println("[narwhal " + process.pid() + "] " + line);
                Matcher booting = BOOTING.matcher(line);
                if (booting.find()) {
                    everyWorker.add(Long.parseLong(booting.group(1)));
                }
                Matcher ready = READY.matcher(line);
                if (ready.find()) {
                    readyWorkers.add(Long.parseLong(ready.group(1)));
                }
                Matcher spare = SPARE_READY.matcher(line);
                if (spare.find()) {
                    readySpares.add(Long.parseLong(spare.group(1)));
                }
                Matcher promoted = PROMOTED.matcher(line);
                if (promoted.find()) {
                    readySpares.remove(Long.parseLong(promoted.group(1)));
                    readyWorkers.add(Long.parseLong(promoted.group(1)));
                }
                synchronized (lines) {
                    lines.add(line);
                }
            }
        } catch (IOException e) {
            // the process ended
        }
    }

    long pid() {
        return process.pid();
    }

    /** Sends the master a signal by name (TERM, HUP, TTIN, ...), as an operator's kill does. */
    void signal(String name) throws IOException, InterruptedException {
        int status = new ProcessBuilder("kill", "-" + name, Long.toString(process.pid())).inheritIO().start().waitFor();
        if (status != 0) {
            throw new AssertionError("kill -" + name + " " + process.pid() + " exited " + status);
        }
    }

    /** How many lines of the output contain this text. */
    int countLines(String text) {
        synchronized (lines) {
            return (int) lines.stream().filter(line -> line.contains(text)).count();
        }
    }

    Process process() {
        return process;
    }

    /** Waits until this many workers are alive and have said they accept. */
    NarwhalProcess awaitWorkers(int count) {
        await(Duration.ofSeconds(30), () -> liveWorkers().size() == count, () -> "waiting for " + count
                + " ready workers; live and ready: " + liveWorkers() + "\n" + output());
        if (workerClass != null && !outputContains("Using worker: " + workerClass)) {
            throw new AssertionError("the master does not say it uses worker class " + workerClass + "\n" + output());
        }
        return this;
    }

    /** The worker PIDs that are alive and accept: booted to serve and ready, or promoted from spare. */
    List<Long> liveWorkers() {
        return readyWorkers.stream().filter(NarwhalProcess::isAlive).toList();
    }

    /** The spare worker PIDs that are alive, booted and not promoted: they accept nothing. */
    List<Long> liveSpares() {
        return readySpares.stream().filter(NarwhalProcess::isAlive).toList();
    }

    Set<Long> everyWorker() {
        return everyWorker;
    }

    String output() {
        synchronized (lines) {
            return String.join("\n", lines);
        }
    }

    boolean outputContains(String text) {
        return output().contains(text);
    }

    int waitForExit(Duration timeout) throws InterruptedException {
        if (!process.waitFor(timeout.toMillis(), TimeUnit.MILLISECONDS)) {
            throw new AssertionError("narwhal did not exit within " + timeout + "\n" + output());
        }
        return process.exitValue();
    }

    static void await(Duration timeout, BooleanSupplier condition, java.util.function.Supplier<String> failure) {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (!condition.getAsBoolean()) {
            if (System.nanoTime() > deadline) {
                throw new AssertionError(failure.get());
            }
            try {
                Thread.sleep(20);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new AssertionError("interrupted");
            }
        }
    }

    /**
     * Whether the process still runs. A zombie does not: it has exited, and only waits for its parent to collect
     * its status; an orphan's new parent (this machine's pid 1, not always a prompt reaper) may take seconds.
     */
    static boolean isAlive(long pid) {
        if (!ProcessHandle.of(pid).map(ProcessHandle::isAlive).orElse(false)) {
            return false;
        }
        try {
            String stat = Files.readString(Path.of("/proc", Long.toString(pid), "stat"));
            // The state follows the command name, which is in parentheses and may itself hold any character.
            return stat.charAt(stat.lastIndexOf(')') + 2) != 'Z';
        } catch (IOException | RuntimeException e) {
            return false; // gone between the two looks
        }
    }

    /** Whether something answers TCP connections on the port. */
    boolean accepting() {
        try (Socket socket = new Socket()) {
            socket.connect(new InetSocketAddress("127.0.0.1", port), 500);
            return true;
        } catch (IOException e) {
            return false;
        }
    }

    @Override
    public void close() {
        List<ProcessHandle> everything = new ArrayList<>();
        process.toHandle().descendants().forEach(everything::add);
        everyWorker.forEach(pid -> ProcessHandle.of(pid).ifPresent(everything::add));
        everything.add(process.toHandle());
        everything.forEach(ProcessHandle::destroyForcibly);
        for (ProcessHandle handle : everything) {
            await(Duration.ofSeconds(20), () -> !isAlive(handle.pid()), () -> "process " + handle.pid() + " survived SIGKILL");
        }
    }

    /** A copy of the dist in this folder, for a test that edits its configuration (the shared dist's stays as built). */
    static Path copyOfDist(Path copy) throws IOException {
        try (Stream<Path> paths = Files.walk(DIST)) {
            for (Path path : (Iterable<Path>) paths::iterator) {
                Path target = copy.resolve(DIST.relativize(path).toString());
                // The AOT cache belongs to the original's paths; a copy runs without it.
                if (path.getFileName().toString().endsWith(".aot")) {
                    continue;
                }
                if (Files.isDirectory(path)) {
                    Files.createDirectories(target);
                } else {
                    Files.copy(path, target, StandardCopyOption.COPY_ATTRIBUTES);
                }
            }
        }
        return copy;
    }

    /** A test of the built dist fails without it, never skips: a missing dist must not pass CI green. */
    static void requireDist() {
        if (!Files.isRegularFile(DIST.resolve("lib/narwhal-runtime.jar"))) {
            throw new AssertionError("the dist is not built at " + DIST + ": run mvn -DskipTests package first");
        }
    }
}
