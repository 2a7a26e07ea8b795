package io.narwhal.itests;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertFalse;
import static org.junit.Assert.assertNull;
import static org.ops4j.pax.exam.CoreOptions.options;

import io.narwhal.api.app.Router;
import io.narwhal.api.codec.HttpCodec;
import io.narwhal.api.codec.RequestLimits;
import io.narwhal.api.worker.WorkerSettings;
import io.narwhal.api.worker.WorkerType;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.channels.ServerSocketChannel;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.atomic.AtomicReference;
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
    private ServerSocketChannel listener;
    private TestWorkerContext worker;
    private Thread workerThread;
    private final AtomicReference<Throwable> workerFailure = new AtomicReference<>();

    @Configuration
    public Option[] configure() {
        return options(NarwhalOptions.framework(),
                NarwhalOptions.narwhal("api", "http1", "worker-sync", "router", "app-hello"));
    }

    @Before
    public void startWorker() throws Exception {
        WorkerType sync = Services.await(context, WorkerType.class, "(" + WorkerType.WORKER_CLASS + "=sync)");
        HttpCodec codec = Services.await(context, HttpCodec.class, null);
        router = Services.await(context, Router.class, null);
        Services.awaitCondition("hello mounted", () -> !router.mounts().isEmpty());

        listener = ServerSocketChannel.open();
        listener.bind(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0));
        // As in production, where the shared listener is non-blocking in every process.
        listener.configureBlocking(false);
        worker = new TestWorkerContext(listener, codec, router, SETTINGS);
        workerThread = new Thread(() -> {
            try {
                sync.serve(worker);
            } catch (Throwable failure) {
                workerFailure.set(failure);
            }
        }, "sync-worker");
        workerThread.start();
    }

    @After
    public void stopWorker() throws Exception {
        worker.stop();
        workerThread.join(5_000);
        listener.close();
        assertFalse("the worker returned from serve() after the stop", workerThread.isAlive());
        assertNull("the worker failed", workerFailure.get());
    }

    @Test
    public void getRootAnswersHelloWorldAndClosesTheConnection() throws Exception {
        RawHttp.Response response = RawHttp.exchange(address(), "GET / HTTP/1.1\r\nHost: x\r\n\r\n");

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
            assertEquals(200, RawHttp.exchange(address(), "GET /page" + i + " HTTP/1.1\r\nHost: x\r\n\r\n").status());
        }
    }

    @Test
    public void postIsRefusedWith405AndAllow() throws Exception {
        RawHttp.Response response = RawHttp.exchange(address(),
                "POST / HTTP/1.1\r\nHost: x\r\nContent-Length: 2\r\n\r\nhi");

        assertEquals(405, response.status());
        assertEquals("GET, HEAD", response.header("Allow"));
    }

    private InetSocketAddress address() throws Exception {
        return (InetSocketAddress) listener.getLocalAddress();
    }
}
