package io.narwhal.itests;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertTrue;
import static org.ops4j.pax.exam.CoreOptions.options;

import io.narwhal.api.app.Router;
import io.narwhal.api.codec.RequestLimits;
import io.narwhal.api.worker.WorkerSettings;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import javax.inject.Inject;
import org.junit.After;
import org.junit.Before;
import org.junit.Test;
import org.junit.runner.RunWith;
import org.ops4j.pax.exam.Configuration;
import org.ops4j.pax.exam.Option;
import org.ops4j.pax.exam.junit.PaxExam;
import org.ops4j.pax.exam.spi.reactors.ExamReactorStrategy;
import org.ops4j.pax.exam.spi.reactors.PerClass;
import org.osgi.framework.BundleContext;

/**
 * The gthread worker's kept-alive connections: the thread that served a connection gives it back without waking the
 * selector, which still listens to the socket, so the next request wakes it; bytes that come while a request is
 * served (pipelined requests, a late body) are not lost. The worker's poll period is its longest (1 s, from a long
 * timeout): a request the selector did not hear would wait for it, and one connection's sequential requests would
 * take a second each.
 */
@RunWith(PaxExam.class)
@ExamReactorStrategy(PerClass.class)
public class GthreadWorkerKeepAliveTest {
    private static final WorkerSettings SETTINGS = new WorkerSettings(2, 1000, Duration.ofSeconds(30),
            Duration.ofSeconds(3600), RequestLimits.GUNICORN_DEFAULTS, Duration.ofSeconds(10));
    private static final String GET = "GET / HTTP/1.1\r\nHost: x\r\n\r\n";

    @Inject
    private BundleContext context;

    private WorkerUnderTest worker;

    @Configuration
    public Option[] configure() {
        return options(NarwhalOptions.framework(),
                NarwhalOptions.narwhal("api", "http1", "worker-gthread", "router", "app-hello", "app-echo"));
    }

    @Before
    public void startWorker() throws Exception {
        Router router = Services.await(context, Router.class, null);
        Services.awaitCondition("hello and echo mounted", () -> router.mounts().size() == 2);
        worker = WorkerUnderTest.of(context, "gthread", SETTINGS).start();
    }

    @After
    public void stopWorker() throws Exception {
        worker.stopAndAssertReturned(Duration.ofSeconds(10));
    }

    @Test
    public void oneConnectionsSequentialRequestsEachWakeThePoller() throws Exception {
        long start = System.nanoTime();
        try (RawHttp http = new RawHttp(worker.address())) {
            for (int i = 0; i < 30; i++) {
                RawHttp.Response response = http.send(GET).read(false);
                assertEquals(200, response.status());
                assertEquals("Hello, World!", response.text());
            }
        }
        long millis = TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - start);
        // Heard at once, 30 requests take milliseconds; each one missed would wait out the 1 s poll period.
        assertTrue("30 requests on one connection took " + millis + " ms", millis < 10_000);
    }

    @Test
    public void pipelinedRequestsAreAllAnsweredInOrder() throws Exception {
        try (RawHttp http = new RawHttp(worker.address())) {
            http.send("GET /one HTTP/1.1\r\nHost: x\r\n\r\n" + "POST /echo HTTP/1.1\r\nHost: x\r\nContent-Length: 3\r\n\r\nabc"
                    + "GET /three HTTP/1.1\r\nHost: x\r\n\r\n");
            assertEquals("Hello, World!", http.read(false).text());
            assertEquals("abc", http.read(false).text());
            assertEquals("Hello, World!", http.read(false).text());
            assertEquals("and the connection is kept", "Hello, World!", http.send(GET).read(false).text());
        }
    }

    @Test
    public void aBodyThatComesWhileItsRequestIsServedIsReadAndTheConnectionGoesOn() throws Exception {
        long start = System.nanoTime();
        try (RawHttp http = new RawHttp(worker.address())) {
            for (int i = 0; i < 25; i++) {
                http.send("POST /echo HTTP/1.1\r\nHost: x\r\nContent-Length: 10\r\n\r\nhello");
                Thread.sleep(40); // its thread waits for the rest on its own selector; the worker's hears it too
                http.send("world");
                assertEquals("helloworld", http.read(false).text());
                assertEquals("Hello, World!", http.send(GET).read(false).text());
            }
        }
        long millis = TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - start);
        // The selector stopped listening while the body came; a return that did not wake it would leave each next
        // request unheard for most of the 1 s poll period.
        assertTrue("25 late bodies and the requests after them took " + millis + " ms", millis < 12_000);
    }

    @Test
    public void sixteenConnectionsAtOnceEachGetEveryAnswer() throws Exception {
        ExecutorService clients = Executors.newFixedThreadPool(16);
        try {
            List<Future<Integer>> answered = new ArrayList<>();
            for (int c = 0; c < 16; c++) {
                int client = c;
                answered.add(clients.submit(() -> {
                    int ok = 0;
                    try (RawHttp http = new RawHttp(worker.address())) {
                        for (int i = 0; i < 50; i++) {
                            String body = client + "-" + i;
                            RawHttp.Response response = http.send("POST /echo HTTP/1.1\r\nHost: x\r\nContent-Length: "
                                    + body.length() + "\r\n\r\n" + body).read(false);
                            if (response.status() == 200 && response.text().equals(body)) {
                                ok++;
                            }
                        }
                    }
                    return ok;
                }));
            }
            for (Future<Integer> client : answered) {
                assertEquals(Integer.valueOf(50), client.get(60, TimeUnit.SECONDS));
            }
        } finally {
            clients.shutdownNow();
        }
    }

}
