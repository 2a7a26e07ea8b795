package io.narwhal.itests.e2e;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * A real nginx (the Debian package), started for a test on loopback ports with a configuration written into a temp
 * folder: one process (master_process off, so no worker outlives it), or for a test that reloads it, a master and one
 * worker as in production; everything it writes kept in that folder. A missing nginx fails the test, never skips it:
 * CI installs it (.ci/run).
 */
final class Nginx implements AutoCloseable {
    private static final List<Path> BINARIES = List.of(Path.of("/usr/sbin/nginx"), Path.of("/usr/bin/nginx"));
    private static final Path STREAM_MODULE = Path.of("/usr/lib/nginx/modules/ngx_stream_module.so");

    private final Process process;
    private final Path dir;
    private final Path binary;

    private Nginx(Process process, Path dir, Path binary) {
        this.process = process;
        this.dir = dir;
        this.binary = binary;
    }

    /**
     * Starts nginx with these http and stream server blocks and waits until it accepts on every port given.
     *
     * @param http the body of the http block (server blocks)
     * @param stream the body of the stream block, or null for none
     */
    static Nginx start(Path dir, String http, String stream, int... ports) throws IOException {
        return start(dir, http, stream, false, ports);
    }

    /**
     * Starts nginx with these http server blocks as production runs it, a master process and a worker, so that a
     * reload ({@link #reloadCommand()}) is nginx's graceful one: a new worker takes new connections while the old
     * one finishes its requests.
     */
    static Nginx startReloadable(Path dir, String http, int... ports) throws IOException {
        return start(dir, http, null, true, ports);
    }

    private static Nginx start(Path dir, String http, String stream, boolean masterProcess, int... ports)
            throws IOException {
        Path binary = binary();
        StringBuilder conf = new StringBuilder();
        if (stream != null && Files.isRegularFile(STREAM_MODULE)) {
            conf.append("load_module ").append(STREAM_MODULE).append(";\n");
        }
        conf.append("daemon off;\nmaster_process ").append(masterProcess ? "on" : "off").append(";\nworker_processes 1;\n")
                .append("pid ").append(dir.resolve("nginx.pid")).append(";\n")
                .append("error_log ").append(dir.resolve("error.log")).append(" info;\n")
                .append("events { worker_connections 1024; }\n")
                .append("http {\n  access_log ").append(dir.resolve("access.log")).append(";\n");
        for (String temp : List.of("client_body", "proxy", "fastcgi", "uwsgi", "scgi")) {
            conf.append("  ").append(temp).append("_temp_path ").append(dir.resolve(temp)).append(";\n");
        }
        conf.append(http).append("\n}\n");
        if (stream != null) {
            conf.append("stream {\n").append(stream).append("\n}\n");
        }
        Files.writeString(dir.resolve("nginx.conf"), conf);
        Process process = new ProcessBuilder(command(binary, dir))
                .redirectErrorStream(true).redirectOutput(dir.resolve("stdout.log").toFile()).start();
        Nginx nginx = new Nginx(process, dir, binary);
        try {
            for (int port : ports) {
                NarwhalProcess.await(Duration.ofSeconds(20), () -> !process.isAlive() || accepts(port),
                        () -> "nginx does not accept on " + port + "\n" + nginx.log());
                if (!process.isAlive()) {
                    throw new AssertionError("nginx exited with " + process.exitValue() + "\n" + nginx.log());
                }
            }
        } catch (RuntimeException | Error e) {
            nginx.close();
            throw e;
        }
        return nginx;
    }

    private static List<String> command(Path binary, Path dir) {
        return List.of(binary.toString(), "-p", dir.toString(), "-c", dir.resolve("nginx.conf").toString(),
                "-e", dir.resolve("error.log").toString());
    }

    /** The shell command that reloads this nginx: nginx -s reload, given its prefix, configuration and error log. */
    String reloadCommand() {
        List<String> command = new ArrayList<>(command(binary, dir));
        command.addAll(List.of("-s", "reload"));
        return String.join(" ", command);
    }

    /** The lines of its error log so far. */
    List<String> errorLog() throws IOException {
        return Files.readAllLines(dir.resolve("error.log"));
    }

    private static Path binary() {
        for (Path candidate : BINARIES) {
            if (Files.isExecutable(candidate)) {
                return candidate;
            }
        }
        for (String dir : System.getenv().getOrDefault("PATH", "").split(":")) {
            if (!dir.isEmpty() && Files.isExecutable(Path.of(dir, "nginx"))) {
                return Path.of(dir, "nginx");
            }
        }
        throw new AssertionError("nginx is not installed; these tests run Narwhal behind a real nginx: install it with"
                + " apt-get install -y nginx libnginx-mod-stream (.ci/run does, when it is missing)");
    }

    private static boolean accepts(int port) {
        try (Socket socket = new Socket()) {
            socket.connect(new InetSocketAddress("127.0.0.1", port), 200);
            return true;
        } catch (IOException e) {
            return false;
        }
    }

    /** What nginx said: its output and error log. */
    String log() {
        List<String> parts = new ArrayList<>();
        for (String name : List.of("stdout.log", "error.log")) {
            try {
                parts.add(name + ":\n" + Files.readString(dir.resolve(name)));
            } catch (IOException e) {
                parts.add(name + ": " + e);
            }
        }
        return String.join("\n", parts);
    }

    /** TERM (nginx's fast shutdown), then KILL if it lingers; nothing it started is left. */
    @Override
    public void close() {
        List<ProcessHandle> everything = new ArrayList<>(process.descendants().toList());
        everything.add(process.toHandle());
        process.destroy();
        try {
            if (!process.waitFor(10, TimeUnit.SECONDS)) {
                everything.forEach(ProcessHandle::destroyForcibly);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AssertionError("interrupted while nginx " + process.pid() + " stopped", e);
        }
        // Its workers, orphaned when the master was killed, are reaped by pid 1: a zombie counts as stopped.
        for (ProcessHandle handle : everything) {
            NarwhalProcess.await(Duration.ofSeconds(10), () -> !NarwhalProcess.isAlive(handle.pid()),
                    () -> "nginx " + process.pid() + " did not stop: " + handle.pid() + " lives on");
        }
    }
}
