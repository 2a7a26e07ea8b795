package io.narwhal.itests.e2e;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.net.URISyntaxException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.function.Predicate;

/**
 * systemd's notify socket, stood in for by a python3 helper (JDK channels have no Unix datagrams): a Unix datagram
 * socket at a path, which records every datagram with its sender's PID as the kernel vouches for it (SCM_CREDENTIALS),
 * as systemd checks NotifyAccess=. Closing it kills the helper.
 */
final class FakeNotifySocket implements AutoCloseable {
    /** One datagram: its lines joined by newlines, as sent. */
    record Notification(long pid, String message) {
    }

    private final Process helper;
    private final Path path;
    private final List<Notification> received = new ArrayList<>();

    private FakeNotifySocket(Process helper, Path path) {
        this.helper = helper;
        this.path = path;
    }

    /** Binds the socket at {@code path} and returns once it is bound. */
    static FakeNotifySocket bind(Path path) throws IOException {
        Process helper = new ProcessBuilder("python3", script("notify-socket.py").toString(), path.toString())
                .redirectError(ProcessBuilder.Redirect.INHERIT).start();
        FakeNotifySocket socket = new FakeNotifySocket(helper, path);
        BufferedReader lines = new BufferedReader(new InputStreamReader(helper.getInputStream(), StandardCharsets.UTF_8));
        if (!"listening".equals(lines.readLine())) {
            socket.close();
            throw new AssertionError("the notify socket helper did not bind " + path);
        }
        Thread.ofPlatform().daemon().start(() -> socket.collect(lines));
        return socket;
    }

    /** A helper script of src/test/resources/systemd. */
    static Path script(String name) {
        try {
            return Path.of(Objects.requireNonNull(FakeNotifySocket.class.getResource("/systemd/" + name), name).toURI());
        } catch (URISyntaxException e) {
            throw new IllegalStateException(e);
        }
    }

    private void collect(BufferedReader lines) {
        try {
            for (String line = lines.readLine(); line != null; line = lines.readLine()) {
                String[] fields = line.split("\t", 2);
                synchronized (received) {
                    received.add(new Notification(Long.parseLong(fields[0]), fields[1].replace('\t', '\n')));
                }
            }
        } catch (IOException e) {
            // the helper was killed
        }
    }

    Path path() {
        return path;
    }

    List<Notification> received() {
        synchronized (received) {
            return List.copyOf(received);
        }
    }

    /** Waits for the first datagram after the first {@code after} whose message matches. */
    Notification await(int after, Predicate<String> message) {
        NarwhalProcess.await(Duration.ofSeconds(30), () -> find(after, message) != null,
                () -> "no such notification after the first " + after + "; received: " + received());
        return find(after, message);
    }

    /** How many datagrams came so far. */
    int count() {
        return received().size();
    }

    private Notification find(int after, Predicate<String> message) {
        List<Notification> all = received();
        return all.subList(Math.min(after, all.size()), all.size()).stream()
                .filter(notification -> message.test(notification.message())).findFirst().orElse(null);
    }

    @Override
    public void close() {
        helper.destroyForcibly();
        try {
            helper.waitFor();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
