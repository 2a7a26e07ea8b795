package io.narwhal.itests;

import static org.junit.Assert.assertFalse;
import static org.junit.Assert.assertNull;

import io.narwhal.api.app.HttpApp;
import io.narwhal.api.app.Router;
import io.narwhal.api.codec.HttpCodec;
import io.narwhal.api.worker.WorkerSettings;
import io.narwhal.api.worker.WorkerType;
import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.channels.ServerSocketChannel;
import java.time.Duration;
import java.util.concurrent.atomic.AtomicReference;
import org.osgi.framework.BundleContext;

/**
 * A worker type serving a loopback listener on a thread of its own, the test playing the worker process: it finds
 * the worker type, the codec and the router as services and hands them over, as the worker host does.
 */
final class WorkerUnderTest {
    final ServerSocketChannel listener;
    final TestWorkerContext context;
    private final InetSocketAddress address;
    private final WorkerType type;
    private final AtomicReference<Throwable> failure = new AtomicReference<>();
    private Thread thread;

    private WorkerUnderTest(ServerSocketChannel listener, TestWorkerContext context, WorkerType type)
            throws IOException {
        this.listener = listener;
        this.address = (InetSocketAddress) listener.getLocalAddress();
        this.context = context;
        this.type = type;
    }

    /** A worker of that class, not serving yet, over a fresh non-blocking listener (as production's is). */
    static WorkerUnderTest of(BundleContext bundles, String workerClass, WorkerSettings settings) throws Exception {
        return of(bundles, workerClass, settings, Services.await(bundles, Router.class, null));
    }

    /** The same, serving every request with that handler instead of the router. */
    static WorkerUnderTest of(BundleContext bundles, String workerClass, WorkerSettings settings, HttpApp handler)
            throws Exception {
        WorkerType type = Services.await(bundles, WorkerType.class, "(" + WorkerType.WORKER_CLASS + "=" + workerClass + ")");
        HttpCodec codec = Services.await(bundles, HttpCodec.class, null);
        ServerSocketChannel listener = ServerSocketChannel.open();
        listener.bind(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0));
        listener.configureBlocking(false);
        return new WorkerUnderTest(listener, new TestWorkerContext(listener, codec, handler, settings), type);
    }

    WorkerUnderTest start() {
        thread = new Thread(() -> {
            try {
                type.serve(context);
            } catch (Throwable e) {
                failure.set(e);
            }
        }, "worker-under-test");
        thread.start();
        return this;
    }

    /** Where it listens (or listened, once the worker type let the listener go). */
    InetSocketAddress address() {
        return address;
    }

    /** Plays the master's TERM, then asserts that serve() returned within the wait, without failing. */
    void stopAndAssertReturned(Duration wait) throws Exception {
        context.stop();
        thread.join(wait.toMillis());
        listener.close();
        assertFalse("the worker returned from serve() after the stop", thread.isAlive());
        assertNull("the worker failed", failure.get());
    }
}
