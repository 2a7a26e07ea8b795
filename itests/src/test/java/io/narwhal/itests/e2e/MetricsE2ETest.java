package io.narwhal.itests.e2e;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.narwhal.itests.RawHttp;
import java.io.IOException;
import java.net.DatagramPacket;
import java.net.DatagramSocket;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The master's admin listener (metrics_bind) against the built dist: /metrics counts what the workers served under
 * concurrent load, by app and status class, with the connections they held, and keeps a killed worker's counts;
 * /health/ready drains from the first TERM on while /health/live still answers; a metrics_bind that cannot be had
 * stops the master at start with a clear error.
 */
class MetricsE2ETest {
    private static final Duration BOOT = Duration.ofSeconds(60);
    private static final Pattern SAMPLE = Pattern.compile("^([a-z_]+)(\\{[^}]*})? (\\S+)$", Pattern.MULTILINE);
    private final HttpClient admin = HttpClient.newHttpClient();

    @BeforeEach
    void distIsBuilt() {
        NarwhalProcess.requireDist();
    }

    @AfterEach
    void closeClient() {
        admin.close();
    }

    private HttpResponse<String> get(int port, String path) throws IOException, InterruptedException {
        return admin.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + path)).build(),
                HttpResponse.BodyHandlers.ofString());
    }

    /** Every sample of the scrape, as {@code name{labels}} to its value. */
    private Map<String, Double> scrape(int port) throws IOException, InterruptedException {
        HttpResponse<String> response = get(port, "/metrics");
        assertEquals(200, response.statusCode(), response.body());
        assertEquals("text/plain; version=0.0.4; charset=utf-8", response.headers().firstValue("Content-Type")
                .orElseThrow());
        Map<String, Double> samples = new HashMap<>();
        Matcher matcher = SAMPLE.matcher(response.body());
        while (matcher.find()) {
            samples.put(matcher.group(1) + (matcher.group(2) == null ? "" : matcher.group(2)),
                    Double.parseDouble(matcher.group(3).replace("+Inf", "Infinity")));
        }
        return samples;
    }

    /** The sum of a metric's samples whose labels contain every one given (as {@code key="value"}). */
    private static double sum(Map<String, Double> samples, String name, String... labels) {
        return samples.entrySet().stream().filter(sample -> sample.getKey().equals(name)
                || sample.getKey().startsWith(name + "{") && List.of(labels).stream().allMatch(sample.getKey()::contains))
                .mapToDouble(Map.Entry::getValue).sum();
    }

    private void awaitScrape(int port, NarwhalProcess narwhal, String what,
            java.util.function.Predicate<Map<String, Double>> condition) {
        NarwhalProcess.await(Duration.ofSeconds(15), () -> {
            try {
                return condition.test(scrape(port));
            } catch (IOException | InterruptedException e) {
                return false;
            }
        }, () -> what + "\n" + narwhal.output());
    }

    @Test
    @OnEveryWorkerClass
    void requestsConnectionsAndLatenciesAreCountedUnderConcurrentLoad_andAKilledWorkersStayCounted()
            throws Exception {
        int metricsPort = NarwhalProcess.freePort();
        try (NarwhalProcess narwhal = NarwhalProcess.start("-w", "2", "--metrics-bind", Integer.toString(metricsPort))
                .awaitWorkers(2)) {
            assertTrue(narwhal.outputContains("Metrics at http://127.0.0.1:" + metricsPort + "/metrics"),
                    narwhal::output);
            awaitScrape(metricsPort, narwhal, "both workers report", samples ->
                    samples.containsKey("narwhal_connections_open{worker=\"1\",worker_class=\"" + workerClass() + "\"}")
                    && samples.containsKey("narwhal_connections_open{worker=\"2\",worker_class=\""
                    + workerClass() + "\"}"));
            double connectionsBefore = sum(scrape(metricsPort), "narwhal_connections_total");

            List<String> wrong = load(narwhal.port);
            assertEquals(List.of(), wrong);

            String hello = "app=\"narwhal-app-hello.jar\"";
            String echo = "app=\"narwhal-app-echo.jar\"";
            String noApp = "app=\"-\"";
            String onClass = "worker_class=\"" + workerClass() + "\"";
            awaitScrape(metricsPort, narwhal, "every request reported", samples ->
                    sum(samples, "narwhal_requests_total") == 200);
            Map<String, Double> samples = scrape(metricsPort);
            assertEquals(100, sum(samples, "narwhal_requests_total", hello, "status=\"2xx\"", onClass));
            assertEquals(50, sum(samples, "narwhal_requests_total", echo, "status=\"2xx\"", onClass));
            assertEquals(50, sum(samples, "narwhal_requests_total", noApp, "status=\"4xx\"", onClass),
                    "a path that climbs out of the root is refused before any app: " + samples);
            assertEquals(100, sum(samples, "narwhal_request_duration_seconds_count", hello));
            assertEquals(100, sum(samples, "narwhal_request_duration_seconds_bucket", hello, "le=\"+Inf\""));
            assertTrue(sum(samples, "narwhal_request_duration_seconds_sum", hello) > 0);
            assertEquals(0, sum(samples, "narwhal_requests_in_flight"));
            assertEquals(2, sum(samples, "narwhal_workers", "state=\"serving\""));
            assertEquals(1, sum(samples, "narwhal_ready"));
            assertTrue(sum(samples, "narwhal_worker_heap_used_bytes") > 0, samples::toString);
            assertTrue(sum(samples, "narwhal_worker_metaspace_used_bytes") > 0, samples::toString);
            awaitScrape(metricsPort, narwhal, "every connection counted, and closed", now ->
                    sum(now, "narwhal_connections_total") - connectionsBefore == 200
                    && sum(now, "narwhal_connections_open") == 0);

            long victim = narwhal.liveWorkers().getFirst();
            Runtime.getRuntime().exec(new String[] {"kill", "-KILL", Long.toString(victim)}).waitFor();
            awaitScrape(metricsPort, narwhal, "the killed worker replaced", now ->
                    sum(now, "narwhal_worker_deaths_total") == 1 && sum(now, "narwhal_workers", "state=\"serving\"") == 2);
            Map<String, Double> after = scrape(metricsPort);
            assertEquals(200, sum(after, "narwhal_requests_total"), "what the killed worker served is still counted");
            assertEquals(3, sum(after, "narwhal_worker_boots_total"));
        }
    }

    private static String workerClass() {
        return WorkerClass.underTest().name();
    }

    /** 200 requests from 8 threads at once, a connection each: 100 to hello, 50 to echo, 50 that no app takes. */
    private static List<String> load(int port) throws Exception {
        List<Callable<String>> requests = new ArrayList<>();
        for (int i = 0; i < 200; i++) {
            String target = i % 4 < 2 ? "/" : i % 4 == 2 ? "/echo/x" : "/../x";
            int expected = i % 4 == 3 ? 400 : 200;
            requests.add(() -> {
                try (RawHttp http = new RawHttp(port)) {
                    int status = http.send("GET " + target + " HTTP/1.1\r\nHost: x\r\nConnection: close\r\n\r\n")
                            .read(false).status();
                    return status == expected ? null : target + ": " + status;
                }
            });
        }
        ExecutorService clients = Executors.newFixedThreadPool(8);
        try {
            List<String> wrong = new ArrayList<>();
            for (Future<String> answer : clients.invokeAll(requests)) {
                if (answer.get() != null) {
                    wrong.add(answer.get());
                }
            }
            return wrong;
        } finally {
            clients.shutdownNow();
        }
    }

    @Test
    void statsdGetsGunicornsMetricsWithThePrefixAndTags() throws Exception {
        try (DatagramSocket statsd = new DatagramSocket(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0))) {
            statsd.setSoTimeout(20_000);
            int statsdPort = statsd.getLocalPort();
            try (NarwhalProcess narwhal = NarwhalProcess.start("-w", "2", "--statsd-host", "127.0.0.1:" + statsdPort,
                    "--statsd-prefix", "shop", "--dogstatsd-tags", "env:test,canary").awaitWorkers(2)) {
                assertEquals(List.of(), load(narwhal.port));
                Map<String, Double> counted = new HashMap<>();
                List<String> gauges = new ArrayList<>();
                DatagramPacket datagram = new DatagramPacket(new byte[65_536], 65_536);
                long deadline = System.nanoTime() + Duration.ofSeconds(20).toNanos();
                while (counted.getOrDefault("shop.gunicorn.requests|c", 0.0) < 200 && System.nanoTime() < deadline) {
                    statsd.receive(datagram); // a flush a second: no datagram within 20 s fails the test
                    for (String line : new String(datagram.getData(), 0, datagram.getLength(),
                            StandardCharsets.UTF_8).split("\n")) {
                        assertTrue(line.endsWith("|#env:test,canary") && line.startsWith("shop."), line);
                        count(line.substring(0, line.length() - "|#env:test,canary".length()), counted, gauges);
                    }
                }
                assertEquals(200, counted.get("shop.gunicorn.requests|c"), counted::toString);
                assertEquals(150, counted.get("shop.gunicorn.request.status.200|c"), counted::toString);
                assertEquals(50, counted.get("shop.gunicorn.request.status.400|c"), counted::toString);
                assertEquals(200, counted.get("shop.gunicorn.request.duration|ms"), 1e-3,
                        "every request timed once (a rate goes with six digits): " + counted);
                assertTrue(gauges.contains("shop.gunicorn.workers:2|g"), gauges::toString);
            }
        }
    }

    /** Adds a statsd line to the counts (a counter's value, a timer's samples as 1/rate) or notes a gauge. */
    private static void count(String line, Map<String, Double> counted, List<String> gauges) {
        String[] parts = line.split("\\|");
        String name = parts[0].substring(0, parts[0].indexOf(':'));
        double value = Double.parseDouble(parts[0].substring(parts[0].indexOf(':') + 1));
        switch (parts[1]) {
            case "c" -> counted.merge(name + "|c", value, Double::sum);
            case "ms" -> counted.merge(name + "|ms", parts.length > 2 ? 1 / Double.parseDouble(parts[2].substring(1))
                    : 1, Double::sum);
            case "g" -> gauges.add(parts[0] + "|g");
            default -> throw new AssertionError("not a statsd type: " + line);
        }
    }

    @Test
    void readinessDrainsFromTheFirstTerm_whileLivenessAnswers() throws Exception {
        int metricsPort = NarwhalProcess.freePort();
        try (NarwhalProcess narwhal = NarwhalProcess.start("-w", "1", "--metrics-bind", "127.0.0.1:" + metricsPort)
                .awaitWorkers(1)) {
            NarwhalProcess.await(BOOT, () -> status(metricsPort, "/health/ready") == 200, narwhal::output);
            assertEquals("ready\n", get(metricsPort, "/health/ready").body());
            try (RawHttp inFlight = new RawHttp(narwhal.port)) {
                inFlight.send("POST /echo HTTP/1.1\r\nHost: x\r\nContent-Length: 10\r\nExpect: 100-continue\r\n\r\n");
                assertEquals(100, inFlight.read(false).status());
                narwhal.signal("TERM");
                NarwhalProcess.await(Duration.ofSeconds(10), () -> narwhal.outputContains("Shutting down"),
                        narwhal::output);

                HttpResponse<String> ready = get(metricsPort, "/health/ready");
                assertEquals(503, ready.statusCode());
                assertEquals("the server is stopping\n", ready.body());
                assertEquals(200, get(metricsPort, "/health/live").statusCode(), "draining, not dead");

                inFlight.send("helloworld");
                assertEquals("helloworld", inFlight.read(false).text(), "the request in flight is finished");
            }
            assertEquals(0, narwhal.waitForExit(Duration.ofSeconds(40)), narwhal.output());
        }
    }

    private int status(int port, String path) {
        try {
            return get(port, path).statusCode();
        } catch (IOException | InterruptedException e) {
            return -1;
        }
    }

    @Test
    void aMetricsBindInUseStopsTheMasterAtStart_andABadOneIsRefused() throws Exception {
        try (ServerSocket taken = new ServerSocket(0, 1, InetAddress.getLoopbackAddress());
                NarwhalProcess narwhal = NarwhalProcess.start("-w", "1", "--metrics-bind",
                        Integer.toString(taken.getLocalPort()))) {
            assertEquals(1, narwhal.waitForExit(BOOT), narwhal.output());
            assertTrue(narwhal.outputContains("cannot listen for metrics and health at 127.0.0.1:"
                    + taken.getLocalPort() + " (metrics_bind): Address already in use"), narwhal::output);
        }
        try (NarwhalProcess narwhal = NarwhalProcess.start("--metrics-bind", "localhost:99999")) {
            assertEquals(2, narwhal.waitForExit(BOOT), narwhal.output());
            assertTrue(narwhal.outputContains("invalid metrics_bind 'localhost:99999': the port is not a number from 0"
                    + " to 65535"), narwhal::output);
        }
    }
}
