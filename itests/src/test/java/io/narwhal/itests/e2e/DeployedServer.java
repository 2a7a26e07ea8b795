package io.narwhal.itests.e2e;

import io.narwhal.itests.RawHttp;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Duration;
import java.util.HashSet;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** A server started on a deploy folder of its own (NARWHAL_DEPLOY), and what the deploy tests ask of it. */
final class DeployedServer implements AutoCloseable {
    static final String JAR = "swap.jar";
    final Path deploy;
    final NarwhalProcess narwhal;

    private DeployedServer(Path deploy, NarwhalProcess narwhal) {
        this.deploy = deploy;
        this.narwhal = narwhal;
    }

    /** Starts with this first revision of the swap app in the folder and waits for the workers. */
    static DeployedServer start(Path folder, SwapAppJar first, int workers, String... flags) throws IOException {
        NarwhalProcess.requireDist();
        SwapAppJar.requireBuilt();
        Path deploy = Files.createDirectories(folder.resolve("deploy"));
        if (first != null) {
            first.writeTo(deploy, JAR);
        }
        String[] all = new String[flags.length + 2];
        all[0] = "-w";
        all[1] = Integer.toString(workers);
        System.arraycopy(flags, 0, all, 2, flags.length);
        NarwhalProcess narwhal = NarwhalProcess.start(Map.of("NARWHAL_DEPLOY", deploy.toString()), all);
        narwhal.awaitWorkers(workers);
        return new DeployedServer(deploy, narwhal);
    }

    /** One GET on a new connection: a sync worker closes each, so the shared listener picks the worker. */
    RawHttp.Response get(String path) throws IOException {
        return RawHttp.get(narwhal.port, path);
    }

    /**
     * Until every live worker has answered {@code body} (at most the timeout); every answer on the way must be a
     * 200 from the swap app, of this revision or another.
     */
    void awaitServedEverywhere(String body, Duration timeout) throws IOException {
        Set<String> servedBy = new HashSet<>();
        long deadline = System.nanoTime() + timeout.toNanos();
        while (!servedBy.containsAll(pids(narwhal.liveWorkers()))) {
            if (System.nanoTime() > deadline) {
                throw new AssertionError("not every worker answers '" + body + "' within " + timeout + "; those that do: "
                        + servedBy + " of " + narwhal.liveWorkers() + "\n" + narwhal.output());
            }
            RawHttp.Response response = get("/swap");
            if (response.status() != 200 || !response.text().startsWith("swap ")) {
                throw new AssertionError("answered " + response.status() + " " + response.text() + "\n" + narwhal.output());
            }
            if (response.text().equals(body)) {
                servedBy.add(response.header("X-Swap-Pid"));
            }
        }
    }

    /** How many lines of the output match. */
    int count(String regex) {
        Matcher matcher = Pattern.compile(regex).matcher(narwhal.output());
        int count = 0;
        while (matcher.find()) {
            count++;
        }
        return count;
    }

    void awaitOutput(String regex, int times, Duration timeout) {
        NarwhalProcess.await(timeout, () -> count(regex) >= times,
                () -> "no " + times + " line(s) matching " + regex + "\n" + narwhal.output());
    }

    static String shortChecksum(byte[] jar) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(jar)).substring(0, 12);
        } catch (NoSuchAlgorithmException e) {
            throw new AssertionError(e);
        }
    }

    private static Set<String> pids(List<Long> workers) {
        Set<String> pids = new HashSet<>();
        workers.forEach(pid -> pids.add(Long.toString(pid)));
        return pids;
    }

    @Override
    public void close() {
        narwhal.close();
    }
}
