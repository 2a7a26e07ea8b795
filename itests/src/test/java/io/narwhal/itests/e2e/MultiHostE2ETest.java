package io.narwhal.itests.e2e;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.narwhal.itests.RawHttp;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.api.parallel.Isolated;

/**
 * Several Narwhal hosts behind a real nginx, as far past one machine as one machine goes: three network namespaces
 * joined to this one by veth pairs, a Narwhal in each (2 gthread workers, the swap app), nginx here proxying to all
 * three as docs/deployment.md configures it, and narwhal-upstream-check taking a host out of nginx's upstream while its
 * /health/ready is not 200. Under 32 keep-alive clients through nginx: a rolling redeploy host by host, a host stopped
 * with TERM and started again, a host killed with -9. Skipped only where network namespaces cannot be made.
 */
// Three hosts and nginx under load take the whole machine.
@Isolated
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class MultiHostE2ETest {
    private static final int HOSTS = 3;
    private static final int WORKERS = 2;
    private static final int CLIENTS = 32;
    private static final Duration BOOT = Duration.ofSeconds(60);
    private static final Duration CHECKED = Duration.ofSeconds(15);
    /** Slow requests in flight when a host is killed: a POST, which nginx must not send to another host again. */
    private static final int SLOW_POSTS = 4;
    private static final String SLOW_POST = "POST /swap/slow?ms=2500 HTTP/1.1\r\nHost: localhost\r\nContent-Length: 0\r\n"
            + "Connection: close\r\n\r\n";

    @TempDir
    static Path folder;
    private static NetworkNamespaces namespaces;
    private static final List<TestHost> hosts = new ArrayList<>();
    private static Nginx nginx;
    private static UpstreamCheck check;
    private static int port;

    @BeforeAll
    static void start() throws Exception {
        NarwhalProcess.requireDist();
        SwapAppJar.requireBuilt();
        String unavailable = NetworkNamespaces.whyUnavailable();
        Assumptions.assumeTrue(unavailable == null, () -> "skipped: " + unavailable);
        namespaces = NetworkNamespaces.create(HOSTS);
        for (NetworkNamespaces.Namespace namespace : namespaces.namespaces()) {
            TestHost host = TestHost.in(namespace, folder, "-w", Integer.toString(WORKERS), "-k", "gthread",
                    "--threads", "4", "--keep-alive", "75", "--forwarded-allow-ips",
                    namespace.rootAddress().getHostAddress());
            SwapAppJar.version("1.0.0").writeTo(host.deploy, DeployedServer.JAR);
            hosts.add(host.start());
        }
        for (TestHost host : hosts) {
            host.narwhal().awaitWorkers(WORKERS);
            host.awaitReady(BOOT);
        }
        Path upstream = folder.resolve("narwhal-upstream.conf");
        UpstreamCheck.writeOnce(upstream, hosts);
        port = NarwhalProcess.freePort();
        nginx = Nginx.startReloadable(Files.createDirectories(folder.resolve("nginx")), nginxServers(upstream, port),
                port);
        check = UpstreamCheck.start(upstream, hosts, nginx.reloadCommand(), Duration.ofMillis(200));
    }

    /** docs/deployment.md's configuration, on a loopback port. */
    private static String nginxServers(Path upstream, int port) {
        return """
                  upstream narwhal {
                    include %s;
                    keepalive 16;
                    keepalive_timeout 60s;
                  }
                  server {
                    listen 127.0.0.1:%d;
                    location / {
                      proxy_pass http://narwhal;
                      proxy_http_version 1.1;
                      proxy_set_header Connection "";
                      proxy_set_header Host $http_host;
                      proxy_set_header X-Forwarded-For $proxy_add_x_forwarded_for;
                      proxy_set_header X-Forwarded-Proto $scheme;
                      proxy_set_header Forwarded "";
                      proxy_next_upstream error timeout http_502 http_503;
                      proxy_connect_timeout 2s;
                    }
                  }
                """.formatted(upstream, port);
    }

    @AfterAll
    static void stop() throws Exception {
        List<Exception> failures = new ArrayList<>();
        for (AutoCloseable part : List.<AutoCloseable>of(() -> close(check), () -> close(nginx), () -> hosts.forEach(
                TestHost::close), () -> close(namespaces))) {
            try {
                part.close();
            } catch (Exception e) {
                failures.add(e);
            }
        }
        if (!failures.isEmpty()) {
            throw failures.getFirst();
        }
    }

    private static void close(AutoCloseable part) throws Exception {
        if (part != null) {
            part.close();
        }
    }

    @BeforeEach
    void everyHostIsInTheUpstream() {
        for (TestHost host : hosts) {
            host.awaitReady(BOOT);
            check.await(host, false, CHECKED);
        }
    }

    @Test
    @Order(1)
    void aRollingRedeployHostByHostFailsNoRequest_andEveryHostServesTheNewVersion() throws Exception {
        SwapAppJar next = SwapAppJar.version("1.0.1");
        long reloadsBefore = check.reloads();
        SteadyLoad load;
        try (SteadyLoad running = steadyLoad()) {
            load = running;
            for (TestHost host : hosts) {
                next.writeTo(host.deploy, DeployedServer.JAR);
                String serving = "app swap.jar revision " + next.shortChecksum() + " serving in";
                NarwhalProcess.await(BOOT, () -> host.narwhal().countLines(serving) == WORKERS,
                        () -> "1.0.1 is not serving on both workers of " + host.upstream() + "\n" + host.narwhal().output());
                // The next host's turn comes once this one serves the new revision, says it is ready, and is in nginx's
                // upstream (readiness stays 200 through an in-place swap, so it is never taken out meanwhile).
                host.awaitReady(BOOT);
                check.await(host, false, CHECKED);
            }
        }
        System.out.printf("MULTIHOST-REDEPLOY hosts=%d clients=%d sent=%d ok=%d failed=%d resent=%d nginx_reloads=%d"
                        + " answers=%s%n", HOSTS, CLIENTS, load.sent(), load.sent() - load.failures.size(),
                load.failures.size(), load.resent.get(), check.reloads() - reloadsBefore, load.bodies);
        assertEquals(List.of(), List.copyOf(load.failures), "every request answered 200 by 1.0.0 or 1.0.1");
        assertTrue(load.bodies.containsKey("swap 1.0.0") && load.bodies.containsKey("swap 1.0.1"), load.bodies::toString);
        for (TestHost host : hosts) {
            for (int i = 0; i < 4 * WORKERS; i++) {
                assertEquals("swap 1.0.1", host.get("/swap").text(), host.upstream() + " serves the new version");
            }
        }
        for (int i = 0; i < 4 * HOSTS; i++) {
            assertEquals("swap 1.0.1", RawHttp.get(port, "/swap").text(), "through nginx, every host the new version");
        }
    }

    @Test
    @Order(2)
    void aHostStoppedWithTermIsDrainedWithNoFailedRequest_andTakenBackOnceReady() throws Exception {
        TestHost stopped = hosts.getFirst();
        long reloadsBefore = check.reloads();
        SteadyLoad load;
        long drained;
        long exited;
        try (SteadyLoad running = steadyLoad()) {
            load = running;
            long term = System.nanoTime();
            stopped.narwhal().signal("TERM");
            check.await(stopped, true, CHECKED);
            drained = System.nanoTime() - term;
            assertEquals(0, stopped.narwhal().waitForExit(BOOT), stopped.narwhal().output());
            exited = System.nanoTime() - term;
            long sent = load.sent();
            NarwhalProcess.await(CHECKED, () -> load.sent() > sent + 10L * CLIENTS, () -> "the load stalled");
            stopped.start().narwhal().awaitWorkers(WORKERS);
            stopped.awaitReady(BOOT);
            check.await(stopped, false, CHECKED);
            NarwhalProcess.await(CHECKED, () -> answeredByThroughNginx(stopped),
                    () -> "nginx sends nothing to " + stopped.upstream() + " again\n" + check.log());
        }
        System.out.printf("MULTIHOST-TERM hosts=%d clients=%d sent=%d ok=%d failed=%d resent=%d nginx_reloads=%d; out of"
                        + " the upstream %d ms after TERM, exited 0 after %d ms, back in once ready%n", HOSTS, CLIENTS,
                load.sent(), load.sent() - load.failures.size(), load.failures.size(), load.resent.get(),
                check.reloads() - reloadsBefore, drained / 1_000_000, exited / 1_000_000);
        assertEquals(List.of(), List.copyOf(load.failures), "every request answered 200 while a host stopped");
    }

    /** Whether one GET through nginx was answered by a worker of this host. */
    private static boolean answeredByThroughNginx(TestHost host) {
        try {
            return host.ownsWorker(RawHttp.get(port, "/swap").header("X-Swap-Pid"));
        } catch (IOException e) {
            return false;
        }
    }

    @Test
    @Order(3)
    void aHostKilledWithMinus9FailsOnlyTheRequestsNginxCannotSendAgainThatWereInFlightOnIt() throws Exception {
        List<Long> startedBefore = slowStartsPerHost();
        long errorLinesBefore = nginx.errorLog().size();
        long reloadsBefore = check.reloads();
        List<Future<String>> slow = new ArrayList<>();
        List<Long> started;
        TestHost killed;
        SteadyLoad load;
        try (SteadyLoad running = steadyLoad(); ExecutorService slowClients = Executors.newVirtualThreadPerTaskExecutor()) {
            load = running;
            for (int i = 0; i < SLOW_POSTS; i++) {
                slow.add(slowClients.submit(MultiHostE2ETest::slowPost));
            }
            NarwhalProcess.await(CHECKED, () -> sum(newSince(startedBefore)) == SLOW_POSTS,
                    () -> "the slow requests have not all started: " + newSince(startedBefore));
            started = newSince(startedBefore);
            killed = hosts.get(started.indexOf(started.stream().max(Long::compare).orElseThrow()));
            killed.killEveryProcess();
            check.await(killed, true, CHECKED);
            long sent = load.sent();
            NarwhalProcess.await(CHECKED, () -> load.sent() > sent + 10L * CLIENTS, () -> "the load stalled");
        }
        List<String> slowAnswers = new ArrayList<>();
        for (Future<String> answer : slow) {
            slowAnswers.add(answer.get());
        }
        List<String> failedSlow = slowAnswers.stream().filter(answer -> !answer.startsWith("200 ")).toList();
        int inFlightThere = started.get(hosts.indexOf(killed)).intValue();
        List<String> upstreamErrors = nginx.errorLog().stream().skip(errorLinesBefore)
                .filter(line -> line.contains("upstream: \"http://" + killed.upstream() + "/")).toList();
        long postsInFlight = inFlight(upstreamErrors, "POST /swap/slow");
        long getsInFlight = inFlight(upstreamErrors, "GET /swap ");
        long refused = upstreamErrors.stream().filter(line -> line.contains("[error]")
                && line.contains("while connecting to upstream")).count();
        System.out.printf("MULTIHOST-KILL hosts=%d clients=%d sent=%d ok=%d failed=%d resent=%d nginx_reloads=%d; slow"
                        + " POSTs=%d, in flight on the killed host=%d, failed=%d %s; nginx's error log for the killed"
                        + " host: POSTs in flight=%d, GETs in flight (sent to another host)=%d, connects refused=%d%n",
                HOSTS, CLIENTS, load.sent(), load.sent() - load.failures.size(), load.failures.size(), load.resent.get(),
                check.reloads() - reloadsBefore, SLOW_POSTS, inFlightThere, failedSlow.size(), failedSlow, postsInFlight,
                getsInFlight, refused);
        assertEquals(List.of(), List.copyOf(load.failures), "every GET answered 200: nginx sends one that was in flight"
                + " on the killed host to another (proxy_next_upstream error)");
        assertEquals(inFlightThere, failedSlow.size(), "each slow POST in flight on the killed host failed, and only"
                + " those: " + slowAnswers);
        assertTrue(failedSlow.stream().allMatch(answer -> answer.equals("502")), "nginx answered them 502: "
                + failedSlow);
        assertEquals(inFlightThere, postsInFlight, "nginx's error log names the killed host for each failed POST:\n"
                + String.join("\n", upstreamErrors));
    }

    /** A slow POST through nginx on a connection of its own: its status, and the body of a 200. */
    private static String slowPost() throws IOException {
        try (RawHttp http = new RawHttp(port)) {
            RawHttp.Response response = http.send(SLOW_POST).read(false);
            return response.status() == 200 ? "200 " + response.text() : Integer.toString(response.status());
        }
    }

    /**
     * How many of these nginx error lines say a request of this kind was in flight: sent, its answer not yet in (the
     * warning that follows each, "upstream server temporarily disabled", not counted).
     */
    private static long inFlight(List<String> errors, String request) {
        return errors.stream().filter(line -> line.contains("[error]") && line.contains("while reading response header")
                && line.contains("request: \"" + request)).count();
    }

    /** Per host, how many slow requests its workers have started (the swap app logs each). */
    private static List<Long> slowStartsPerHost() {
        return hosts.stream().map(host -> (long) host.narwhal().countLines("slow request started")).toList();
    }

    private static List<Long> newSince(List<Long> before) {
        List<Long> now = slowStartsPerHost();
        List<Long> since = new ArrayList<>();
        for (int i = 0; i < now.size(); i++) {
            since.add(now.get(i) - before.get(i));
        }
        return since;
    }

    private static long sum(List<Long> counts) {
        return counts.stream().mapToLong(Long::longValue).sum();
    }

    private static SteadyLoad steadyLoad() {
        return SteadyLoad.start(port, "/swap", body -> body.startsWith("swap 1.0."), CLIENTS, 20 * CLIENTS);
    }
}
