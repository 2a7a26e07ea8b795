package io.narwhal.itests.e2e;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

/** Runs a distribution's bin/narwhal-shell once, as an operator would from a terminal, and keeps what it said. */
record NarwhalShell(int status, String out, String err) {
    static NarwhalShell run(Path dist, String... args) throws IOException, InterruptedException {
        return runWithInput(dist, "", args);
    }

    /** With these lines on its standard input (a session, when no command is given). */
    static NarwhalShell runWithInput(Path dist, String input, String... args) throws IOException, InterruptedException {
        List<String> command = new ArrayList<>(List.of(dist.resolve("bin/narwhal-shell").toString()));
        command.addAll(List.of(args));
        ProcessBuilder builder = new ProcessBuilder(command);
        builder.environment().put("JAVA_HOME", System.getProperty("java.home"));
        Process process = builder.start();
        CompletableFuture<String> out = CompletableFuture.supplyAsync(() -> read(process.getInputStream()));
        CompletableFuture<String> err = CompletableFuture.supplyAsync(() -> read(process.getErrorStream()));
        try (var stdin = process.getOutputStream()) {
            stdin.write(input.getBytes(StandardCharsets.UTF_8));
        }
        if (!process.waitFor(60, TimeUnit.SECONDS)) {
            process.destroyForcibly();
            throw new AssertionError("narwhal-shell " + args.length + " did not end within 60 s: " + String.join(" ", args));
        }
        return new NarwhalShell(process.exitValue(), out.join(), err.join());
    }

    private static String read(java.io.InputStream stream) {
        try {
            return new String(stream.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            return "(unreadable: " + e + ")";
        }
    }

    /** Fails, showing what it said, unless it succeeded. */
    NarwhalShell ok() {
        if (status != 0) {
            throw new AssertionError("narwhal-shell exited " + status + "\nout: " + out + "\nerr: " + err);
        }
        return this;
    }
}
