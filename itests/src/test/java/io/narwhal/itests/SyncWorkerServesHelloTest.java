package io.narwhal.itests;

import static org.junit.Assert.assertEquals;
import static org.ops4j.pax.exam.CoreOptions.options;

import io.narwhal.api.app.Router;
import io.narwhal.api.codec.RequestLimits;
import io.narwhal.api.worker.WorkerSettings;
import java.time.Duration;
import java.util.List;
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
 * A worker's serving path end to end inside Felix: the sync worker type accepts on a real socket, the HTTP/1.1
 * codec parses, the router picks the hello app. The test plays the worker process: it finds the three services
 * and hands them to the worker type.
 */
@RunWith(PaxExam.class)
@ExamReactorStrategy(PerClass.class)
public class SyncWorkerServesHelloTest {
    private static final WorkerSettings SETTINGS = new WorkerSettings(1, 1000, Duration.ofSeconds(2),
            Duration.ofSeconds(30), RequestLimits.GUNICORN_DEFAULTS);

    @Inject
    private BundleContext context;

    private Router router;
    private WorkerUnderTest worker;

    @Configuration
    public Option[] configure() {
        return options(NarwhalOptions.framework(),
                NarwhalOptions.narwhal("api", "http1", "worker-sync", "router", "app-hello"));
    }

    @Before
    public void startWorker() throws Exception {
        router = Services.await(context, Router.class, null);
        Services.awaitCondition("hello mounted", () -> !router.mounts().isEmpty());
        worker = WorkerUnderTest.of(context, "sync", SETTINGS).start();
    }

    @After
    public void stopWorker() throws Exception {
        worker.stopAndAssertReturned(Duration.ofSeconds(5));
    }

    @Test
    public void getRootAnswersHelloWorldAndClosesTheConnection() throws Exception {
        RawHttp.Response response = RawHttp.exchange(worker.address(), "GET / HTTP/1.1\r\nHost: x\r\n\r\n");

        assertEquals(200, response.status());
        assertEquals("Hello, World!", response.text());
        assertEquals("13", response.header("Content-Length"));
        assertEquals("text/plain; charset=utf-8", response.header("Content-Type"));
        // Read to EOF already: the sync worker closed after this one response, and said so.
        assertEquals("close", response.header("Connection"));
    }

    @Test
    public void routerListsHelloAtRoot() {
        assertEquals(List.of(new Router.Mount("hello", "/", null, router.mounts().get(0).serviceId())),
                router.mounts());
    }

    @Test
    public void eachNewConnectionIsServed() throws Exception {
        for (int i = 0; i < 3; i++) {
            assertEquals(200, RawHttp.exchange(worker.address(), "GET /page" + i + " HTTP/1.1\r\nHost: x\r\n\r\n").status());
        }
    }

    @Test
    public void postIsRefusedWith405AndAllow() throws Exception {
        RawHttp.Response response = RawHttp.exchange(worker.address(),
                "POST / HTTP/1.1\r\nHost: x\r\nContent-Length: 2\r\n\r\nhi");

        assertEquals(405, response.status());
        assertEquals("GET, HEAD", response.header("Allow"));
    }

}
