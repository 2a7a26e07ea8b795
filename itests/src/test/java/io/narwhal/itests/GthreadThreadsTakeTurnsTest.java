package io.narwhal.itests;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertTrue;
import static org.ops4j.pax.exam.CoreOptions.options;

import io.narwhal.api.app.HttpApp;
import io.narwhal.api.codec.RequestLimits;
import io.narwhal.api.worker.WorkerSettings;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import javax.inject.Inject;
import org.junit.After;
import org.junit.Test;
import org.junit.runner.RunWith;
import org.ops4j.pax.exam.Configuration;
import org.ops4j.pax.exam.Option;
import org.ops4j.pax.exam.junit.PaxExam;
import org.ops4j.pax.exam.spi.reactors.ExamReactorStrategy;
import org.ops4j.pax.exam.spi.reactors.PerClass;
import org.osgi.framework.BundleContext;

/**
 * The gthread worker's threads take turns at its selector, and the thread that hears a request serves it: an app
 * that blocks must hold up neither the connections heard in the same turn nor the selector. Each request for
 * /block waits in the app until the test releases it; every other request is answered at once. The timeout is long,
 * so the selector's own poll period is its longest (1 s): what nobody listened for would wait that long, or for ever.
 */
@RunWith(PaxExam.class)
@ExamReactorStrategy(PerClass.class)
public class GthreadThreadsTakeTurnsTest {
    private static final String FAST = "GET /fast HTTP/1.1\r\nHost: x\r\n\r\n";
    private static final String BLOCK = "GET /block HTTP/1.1\r\nHost: x\r\n\r\n";

    @Inject
    private BundleContext context;

    private final Semaphore entered = new Semaphore(0);
    private volatile CountDownLatch release = new CountDownLatch(1);
    private final HttpApp blockingApp = (request, response) -> {
        if (request.path().equals("/block")) {
            entered.release();
            release.await();
            response.send("released");
        } else if (request.path().equals("/fatal")) {
            throw new OutOfMemoryError("thrown by the test's app"); // the codec lets it through: the thread dies
        } else {
            response.send("fast");
        }
    };
    private final List<RawHttp> clients = new ArrayList<>();
    private WorkerUnderTest worker;

    @Configuration
    public Option[] configure() {
        return options(NarwhalOptions.framework(), NarwhalOptions.narwhal("api", "http1", "worker-gthread"));
    }

    @After
    public void stopWorker() throws Exception {
        release.countDown();
        try {
            if (worker != null) {
                worker.stopAndAssertReturned(Duration.ofSeconds(10));
            }
        } finally {
            for (RawHttp client : clients) {
                client.close();
            }
        }
    }

    private void start(int threads, Duration keepAlive) throws Exception {
        worker = WorkerUnderTest.of(context, "gthread", new WorkerSettings(threads, 1000, keepAlive,
                Duration.ofSeconds(3600), RequestLimits.GUNICORN_DEFAULTS, Duration.ofSeconds(10)), blockingApp)
                .start();
    }

    private RawHttp connect() throws Exception {
        RawHttp client = new RawHttp(worker.address());
        clients.add(client);
        return client;
    }

    /** A connection kept alive after one answered request: idle between requests. */
    private RawHttp idleConnection() throws Exception {
        RawHttp idle = connect();
        assertEquals("fast", idle.send(FAST).read(false).text());
        return idle;
    }

    private void awaitEntered() throws InterruptedException {
        assertTrue("a /block request reached the app", entered.tryAcquire(20, TimeUnit.SECONDS));
    }

    @Test
    public void requestsHeardWithOneThatBlocksAreAnsweredWhileItBlocks() throws Exception {
        start(2, Duration.ofSeconds(30));
        // Sent together, they are often heard in one turn, and the thread that heard them may take /block first.
        for (int round = 0; round < 20; round++) {
            release = new CountDownLatch(1);
            RawHttp blocked = connect();
            List<RawHttp> others = new ArrayList<>();
            for (int i = 0; i < 7; i++) {
                others.add(connect());
            }
            blocked.send(BLOCK);
            for (RawHttp other : others) {
                other.send(FAST);
            }
            for (RawHttp other : others) {
                // One held up behind /block would wait until the release, which comes only after these answers.
                assertEquals("round " + round, "fast", other.read(false).text());
            }
            awaitEntered();
            release.countDown();
            assertEquals("round " + round, "released", blocked.read(false).text());
        }
    }

    @Test
    public void withTheOnlyThreadInTheAppTheWorkerStillBeatsAndClosesIdleConnections() throws Exception {
        start(1, Duration.ofSeconds(1));
        RawHttp idle = idleConnection();
        RawHttp blocked = connect().send(BLOCK);
        awaitEntered();
        int beats = worker.context.heartbeats();
        Services.awaitCondition("heartbeats while the only thread is in the app",
                () -> worker.context.heartbeats() >= beats + 5);
        // keepalive is 1 s: the selector is still heard and its deadlines kept, so the idle one is closed.
        assertTrue("the idle connection closed past keepalive", idle.closedByServer());
        RawHttp waiting = connect().send(FAST);
        release.countDown();
        assertEquals("released", blocked.read(false).text());
        assertEquals("heard while every thread was in the app, served once one was free", "fast",
                waiting.read(false).text());
    }

    @Test
    public void aThreadEndedByAFatalErrorIsReplacedAndItsConnectionEnds() throws Exception {
        start(1, Duration.ofSeconds(30));
        for (int i = 0; i < 3; i++) {
            RawHttp fatal = connect().send("GET /fatal HTTP/1.1\r\nHost: x\r\n\r\n");
            assertTrue("the connection whose request ended its thread is closed", fatal.closedByServer());
            // The only thread died: a connection after it is served by the one that took its place.
            assertEquals("after fatal error " + (i + 1), "fast", connect().send(FAST).read(false).text());
        }
        // The @After stop returns only once every connection has ended, the failed ones too.
    }

    @Test
    public void aStopWhileEveryThreadIsInTheAppClosesTheIdleAndFinishesTheRequest() throws Exception {
        start(2, Duration.ofSeconds(30));
        RawHttp idle = idleConnection();
        RawHttp first = connect().send(BLOCK);
        RawHttp second = connect().send(BLOCK);
        awaitEntered();
        awaitEntered();
        worker.context.stop();
        assertTrue("the idle connection closed on the stop", idle.closedByServer());
        release.countDown();
        for (RawHttp blocked : List.of(first, second)) {
            RawHttp.Response response = blocked.read(false);
            assertEquals("released", response.text());
            assertEquals("in flight at the stop: the last response on its connection", "close",
                    response.header("Connection"));
        }
        worker.stopAndAssertReturned(Duration.ofSeconds(10));
        worker = null;
    }
}
