package io.narwhal.itests;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertFalse;
import static org.junit.Assert.assertThrows;
import static org.ops4j.pax.exam.CoreOptions.options;

import io.narwhal.api.app.Router;
import io.narwhal.api.codec.RequestLimits;
import io.narwhal.api.worker.WorkerSettings;
import java.net.ConnectException;
import java.net.Socket;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import javax.inject.Inject;
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
 * What TERM must not lose (Gunicorn's issue 3397 resets them): connections the kernel has queued on the listener
 * when a worker is told to stop. Each worker type, stopped before it accepted any of them, serves every one (with
 * {@code Connection: close}), lets the listener go, and returns; a connection after that is refused at once.
 */
@RunWith(PaxExam.class)
@ExamReactorStrategy(PerClass.class)
public class StopTakesQueuedConnectionsTest {
    private static final WorkerSettings SETTINGS = settings(1000);
    /** worker_connections 1: the queue is taken one connection at a time, as each one ends. */
    private static final WorkerSettings ROOM_FOR_ONE = settings(1);
    /** Under the listener's default backlog of 50, so the kernel queues every one. */
    private static final int QUEUED = 40;

    @Inject
    private BundleContext context;

    @Configuration
    public Option[] configure() {
        return options(NarwhalOptions.framework(), NarwhalOptions.narwhal("api", "http1", "worker-sync",
                "worker-gthread", "worker-virtual", "router", "app-hello"));
    }

    @Before
    public void helloMounted() throws Exception {
        Router router = Services.await(context, Router.class, null);
        Services.awaitCondition("hello mounted", () -> !router.mounts().isEmpty());
    }

    @Test
    public void syncServesWhatWasQueued() throws Exception {
        assertStopServesQueued("sync", SETTINGS);
        assertStopServesQueued("sync", ROOM_FOR_ONE);
    }

    @Test
    public void gthreadServesWhatWasQueued() throws Exception {
        assertStopServesQueued("gthread", SETTINGS);
        assertStopServesQueued("gthread", ROOM_FOR_ONE);
    }

    @Test
    public void virtualServesWhatWasQueued() throws Exception {
        assertStopServesQueued("virtual", SETTINGS);
        assertStopServesQueued("virtual", ROOM_FOR_ONE);
    }

    private static WorkerSettings settings(int workerConnections) {
        return new WorkerSettings(2, workerConnections, Duration.ofSeconds(30), Duration.ofSeconds(30),
                RequestLimits.GUNICORN_DEFAULTS, Duration.ofSeconds(10));
    }

    private void assertStopServesQueued(String workerClass, WorkerSettings settings) throws Exception {
        WorkerUnderTest worker = WorkerUnderTest.of(context, workerClass, settings);
        List<RawHttp> clients = new ArrayList<>();
        try {
            for (int i = 0; i < QUEUED; i++) {
                clients.add(new RawHttp(worker.address()).send("GET /" + i + " HTTP/1.1\r\nHost: x\r\n\r\n"));
            }
            worker.context.stop(); // before it ever accepted: all of them wait in the backlog
            worker.start();
            for (int i = 0; i < QUEUED; i++) {
                RawHttp.Response response = clients.get(i).read(false);
                String which = workerClass + ", worker_connections " + settings.workerConnections() + ", queued " + i;
                assertEquals(which, 200, response.status());
                assertEquals(which, "Hello, World!", response.text());
                assertEquals(which, "close", response.header("Connection"));
            }
            worker.stopAndAssertReturned(Duration.ofSeconds(10));
            assertEquals("listener let go once", 1, worker.context.acceptingDoneCalls());
            assertFalse(worker.listener.isOpen());
            assertThrows(ConnectException.class, () -> new Socket(worker.address().getAddress(),
                    worker.address().getPort()).close());
        } finally {
            for (RawHttp client : clients) {
                client.close();
            }
        }
    }
}
