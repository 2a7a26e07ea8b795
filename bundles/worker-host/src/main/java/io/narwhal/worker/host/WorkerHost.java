package io.narwhal.worker.host;

import io.narwhal.api.app.HttpApp;
import io.narwhal.api.app.Router;
import io.narwhal.api.codec.HttpCodec;
import io.narwhal.api.worker.WorkerSettings;
import io.narwhal.api.worker.WorkerType;
import io.narwhal.control.ControlMessage;
import io.narwhal.launch.ErrorLog;
import io.narwhal.launch.InheritedListener;
import io.narwhal.launch.LaunchProperties;
import io.narwhal.launch.ProcessExit;
import io.narwhal.settings.ServerSettings;
import java.io.IOException;
import java.nio.channels.Channel;
import java.nio.channels.ServerSocketChannel;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.osgi.annotation.bundle.Header;
import org.osgi.framework.Bundle;
import org.osgi.framework.BundleActivator;
import org.osgi.framework.BundleContext;
import org.osgi.framework.Constants;
import org.osgi.framework.FrameworkEvent;
import org.osgi.framework.FrameworkListener;
import org.osgi.framework.InvalidSyntaxException;
import org.osgi.framework.ServiceReference;
import org.osgi.util.tracker.ServiceTracker;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The worker process's host: takes the listening socket inherited from the master, waits for the codec,
 * the router and the worker type that {@code worker_class} names, runs that worker type, and keeps the
 * master informed (ready, heartbeats). Stopping the bundle (the framework stopping on SIGTERM) stops
 * accepting and waits for in-flight requests, up to graceful_timeout.
 */
@Header(name = Constants.BUNDLE_ACTIVATOR, value = "${@class}")
public final class WorkerHost implements BundleActivator {
    private static final Logger LOG = LoggerFactory.getLogger(WorkerHost.class);
    private static final Duration SERVICE_WAIT = Duration.ofSeconds(30);

    private BundleContext context;
    private MasterLink master;
    private volatile ServingContext serving;
    private volatile boolean stopping;
    private Thread servingThread;
    private volatile AppDeployer deployer;
    private volatile AccessLog accessLog;
    private Duration gracefulTimeout;
    /** What the master started this worker with. */
    private ServerSettings fromMaster;
    /** Open (count 0) once the worker may accept: at once, or for a spare when the master promotes it. */
    private volatile CountDownLatch promotion = new CountDownLatch(0);
    private final List<ServiceTracker<?, ?>> trackers = new ArrayList<>();

    @Override
    public void start(BundleContext context) throws Exception {
        this.context = context;
        if (Boolean.parseBoolean(context.getProperty("narwhal.train"))) {
            return; // the build's training run boots the bundles only: no master, no socket
        }
        try {
            fromMaster = MasterSettings.read(context::getProperty);
            String workerClass = fromMaster.workerClass();
            gracefulTimeout = fromMaster.gracefulTimeout();
            WorkerSettings settings = MasterSettings.workerSettings(fromMaster);
            ServerSocketChannel listener = inheritedListener();
            master = MasterLink.connect(Path.of(property("narwhal.control")), this::exitBecauseMasterIsGone);
            servingThread = Thread.ofPlatform().name("narwhal-worker").start(() -> serve(workerClass, listener, settings));
        } catch (IOException | RuntimeException e) {
            // A worker that cannot serve exits at once, so the master sees a boot failure, not a silent worker.
            fail(e.getMessage());
            throw e;
        }
    }

    private void serve(String workerClass, ServerSocketChannel listener, WorkerSettings settings) {
        try {
            WorkerType workerType = await(WorkerType.class, "(" + WorkerType.WORKER_CLASS + "=" + workerClass + ")");
            HttpCodec codec = await(HttpCodec.class, "(" + HttpCodec.PROTOCOL + "=http/1.1)");
            Router router = await(Router.class, null);
            if (workerType == null || codec == null || router == null) {
                fail("no " + (workerType == null ? "worker type '" + workerClass + "' (installed: "
                        + installedWorkerTypes() + ")" : codec == null ? "HTTP/1.1 codec" : "router")
                        + " registered within " + SERVICE_WAIT.toSeconds() + " s");
                return;
            }
            awaitFrameworkStarted();
            long maxRequests = Long.parseLong(context.getProperty("narwhal.worker.max_requests"));
            accessLog = AccessLog.open(fromMaster.accessLog(), fromMaster.accessLogFormat());
            AppNames apps = new AppNames(context);
            RequestMetrics requests = new RequestMetrics(apps::appOf);
            ConnectionCounts connections = new ConnectionCounts();
            AccessLog log = accessLog;
            serving = new ServingContext(listener, InheritedListener::release,
                    new CodecChoice(codec, otherCodecs(), connections), served -> requests.around(router, log, served),
                    settings, maxRequests, this::reportNow);
            if (stopping) {
                return; // stopped while booting: stop() saw no context to stop
            }
            if (Boolean.parseBoolean(context.getProperty(LaunchProperties.WORKER_SPARE))) {
                promotion = new CountDownLatch(1);
                SpareWarmUp.run(context, workerType, codec, router, settings);
            }
            Thread heartbeat = startHeartbeat(settings.timeout(), new MountReport(apps, router),
                    new StatsReport(requests, connections));
            deployer = new AppDeployer(context, router,
                    ControlMessage.Deploy.parseAll(context.getProperty(LaunchProperties.WORKER_APPS)), gracefulTimeout,
                    master::sendQuietly, serving::appRetired);
            master.onCommand(this::command);
            master.ready();
            // A spare is booted, apps and deploys included, but leaves the shared socket to the serving workers.
            promotion.await();
            serving.notifyAlive();
            workerType.serve(serving);
            heartbeat.interrupt();
            if (serving.running()) {
                fail("worker type '" + workerClass + "' stopped serving on its own");
            }
        } catch (IOException | RuntimeException | Error e) {
            // An Error too (OutOfMemoryError above all): exit now and be replaced, rather than idle until killed.
            LOG.error("worker failed", e);
            fail(e.toString());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private void command(ControlMessage command) {
        if (command instanceof ControlMessage.Promote) {
            LOG.info("Promoted from spare: accepting connections");
            promotion.countDown();
        } else if (command instanceof ControlMessage.ReopenLogs) {
            ErrorLog.reopen();
            AccessLog log = accessLog;
            if (log != null) {
                log.reopen();
            }
        } else {
            deployer.submit(command);
        }
    }

    /** A spare waiting for promotion runs no serving loop, so it is not silent: its loop's age is 0. */
    private long millisSinceAlive() {
        return promotion.getCount() > 0 ? 0 : serving.millisSinceAlive();
    }

    private void reportNow() {
        try {
            master.heartbeat(millisSinceAlive(), serving.requests());
        } catch (IOException e) {
            // the next heartbeat, or the link watcher, deals with it
        }
    }

    /**
     * Heartbeats often enough that a live worker is never mistaken for a silent one; with each, the worker's counts
     * (for the master's metrics), and its mounts when they changed.
     */
    private Thread startHeartbeat(Duration timeout, MountReport mounts, StatsReport stats) {
        long periodMillis = Math.clamp(timeout.toMillis() / 4, 50, 1000);
        return Thread.ofPlatform().daemon().name("narwhal-heartbeat").start(() -> {
            try {
                while (!Thread.currentThread().isInterrupted()) {
                    master.heartbeat(millisSinceAlive(), serving.requests());
                    master.sendQuietly(stats.now());
                    mounts.changed().ifPresent(master::sendQuietly);
                    Thread.sleep(periodMillis);
                }
            } catch (IOException | InterruptedException e) {
                // the worker is stopping or the master is gone; the link watcher handles the latter
            }
        });
    }

    @Override
    public void stop(BundleContext context) throws Exception {
        stopping = true;
        ServingContext current = serving;
        if (current != null) {
            current.stop();
        }
        if (servingThread != null) {
            if (current == null || promotion.getCount() > 0) {
                // still waiting for services or a promotion; once serving, an interrupt would close the connection in flight
                servingThread.interrupt();
            }
            servingThread.join(gracefulTimeout.toMillis());
        }
        if (deployer != null) {
            deployer.close();
        }
        if (accessLog != null) {
            accessLog.close();
        }
        trackers.forEach(ServiceTracker::close);
        if (master != null) {
            master.close();
        }
    }

    /** Every bundle of the worker, apps included, has started once the framework is ACTIVE. */
    private void awaitFrameworkStarted() throws InterruptedException {
        CountDownLatch started = new CountDownLatch(1);
        FrameworkListener listener = event -> {
            if (event.getType() == FrameworkEvent.STARTED) {
                started.countDown();
            }
        };
        context.addFrameworkListener(listener);
        try {
            if (context.getBundle(0).getState() != Bundle.ACTIVE) {
                started.await(SERVICE_WAIT.toMillis(), TimeUnit.MILLISECONDS);
            }
        } finally {
            context.removeFrameworkListener(listener);
        }
    }

    private <T> T await(Class<T> type, String filter) throws InterruptedException {
        try {
            String full = "(&(" + Constants.OBJECTCLASS + "=" + type.getName() + ")" + (filter == null ? "" : filter) + ")";
            ServiceTracker<T, T> tracker = new ServiceTracker<>(context, context.createFilter(full), null);
            trackers.add(tracker);
            tracker.open();
            return tracker.waitForService(SERVICE_WAIT.toMillis());
        } catch (InvalidSyntaxException e) {
            throw new IllegalArgumentException("bad worker_class: " + filter, e);
        }
    }

    /** The codecs beside HTTP/1.1, tracked for as long as the worker serves. */
    private OtherCodecs otherCodecs() {
        try {
            OtherCodecs others = new OtherCodecs(context, "http/1.1");
            trackers.add(others);
            others.open();
            return others;
        } catch (InvalidSyntaxException e) {
            throw new AssertionError(e);
        }
    }

    private String installedWorkerTypes() {
        List<String> names = new ArrayList<>();
        try {
            ServiceReference<?>[] references = context.getAllServiceReferences(WorkerType.class.getName(), null);
            if (references != null) {
                for (ServiceReference<?> reference : references) {
                    names.add(String.valueOf(reference.getProperty(WorkerType.WORKER_CLASS)));
                }
            }
        } catch (InvalidSyntaxException e) {
            throw new AssertionError(e);
        }
        return names.isEmpty() ? "none" : String.join(", ", names);
    }

    private static ServerSocketChannel inheritedListener() throws IOException {
        Channel inherited = System.inheritedChannel();
        if (!(inherited instanceof ServerSocketChannel listener)) {
            throw new IOException("no listening socket on fd 0: workers are started by the narwhal master");
        }
        // Non-blocking in every process: the mode lives on the socket all workers share.
        listener.configureBlocking(false);
        return listener;
    }

    private String property(String name) {
        String value = context.getProperty(name);
        if (value == null) {
            throw new IllegalStateException("missing framework property " + name + " (set by the master)");
        }
        return value;
    }

    private void exitBecauseMasterIsGone() {
        Thread.ofPlatform().name("narwhal-exit").start(() -> System.exit(0));
    }

    private void fail(String reason) {
        LOG.error("Worker exiting: {}", reason);
        ProcessExit.request(context, 1);
    }
}
