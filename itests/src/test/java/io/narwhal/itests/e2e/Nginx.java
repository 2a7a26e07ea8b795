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
 * folder: one process (master_process off, so no worker outlives it), everything it writes kept in that folder.
 * A missing nginx fails the test, never skips it: CI installs it (.ci/run).
 */
final class Nginx implements AutoCloseable {
    private static final List<Path> BINARIES = List.of(Path.of("/usr/sbin/nginx"), Path.of("/usr/bin/nginx"));
    private static final Path STREAM_MODULE = Path.of("/usr/lib/nginx/modules/ngx_stream_module.so");

    private final Process process;
    private final Path dir;

    private Nginx(Process process, Path dir) {
        this.process = process;
        this.dir = dir;
    }

    /**
     * Starts nginx with these http and stream server blocks and waits until it accepts on every port given.
     *
     * @param http the body of the http block (server blocks)
     * @param stream the body of the stream block, or null for none
     */
    static Nginx start(Path dir, String http, String stream, int... ports) throws IOException {
        Path binary = binary();
        StringBuilder conf = new StringBuilder();
        if (stream != null && Files.isRegularFile(STREAM_MODULE)) {
            conf.append("load_module ").append(STREAM_MODULE).append(";\n");
        }
        conf.append("daemon off;\nmaster_process off;\nworker_processes 1;\n")
                .append("pid ").append(dir.resolve("nginx.pid")).append(";\n")
                .append("error_log ").append(dir.resolve("error.log")).append(" info;\n")
                .append("events { worker_connections 64; }\n")
                .append("http {\n  access_log ").append(dir.resolve("access.log")).append(";\n");
        for (String temp : List.of("client_body", "proxy", "fastcgi", "uwsgi", "scgi")) {
            conf.append("  ").append(temp).append("_temp_path ").append(dir.resolve(temp)).append(";\n");
        }
        conf.append(http).append("\n}\n");
        if (stream != null) {
            conf.append("stream {\n").append(stream).append("\n}\n");
        }
        Path file = Files.writeString(dir.resolve("nginx.conf"), conf);
        Process process = new ProcessBuilder(binary.toString(), "-p", dir.toString(), "-c", file.toString(),
                "-e", dir.resolve("error.log").toString())
                .redirectErrorStream(true).redirectOutput(dir.resolve("stdout.log").toFile()).start();
        Nginx nginx = new Nginx(process, dir);
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
            for (ProcessHandle handle : everything) {
                handle.onExit().get(10, TimeUnit.SECONDS);
            }
        } catch (Exception e) {
            throw new AssertionError("nginx " + process.pid() + " did not stop", e);
        }
    }
}
