package io.narwhal.worker.host;

import io.narwhal.api.app.AppHold;
import io.narwhal.api.app.HttpApp;
import io.narwhal.api.app.Router;
import io.narwhal.control.ControlMessage;
import io.narwhal.launch.AppLocation;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.time.Duration;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.function.Consumer;
import java.util.stream.Collectors;
import org.osgi.framework.Bundle;
import org.osgi.framework.BundleContext;
import org.osgi.framework.BundleException;
import org.osgi.framework.Constants;
import org.osgi.framework.ServiceReference;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Carries out the master's deploy commands in this worker, one at a time. A running app is updated in place
 * ({@code Bundle.update}, same bundle, same process): the router holds its new requests, the ones in flight
 * finish on the old revision, the bundle is updated, and only once the new revision is active, mounted and has
 * answered its health request are the held requests let through to it. A revision that fails any of that is
 * replaced by the one that ran before, and the master is told why.
 */
final class AppDeployer implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(AppDeployer.class);
    /** How long a started revision has to register its app and be mounted. */
    static final Duration REGISTRATION_WAIT = Duration.ofSeconds(10);
    static final Duration PROBE_WAIT = Duration.ofSeconds(5);
    private static final Duration UNMOUNTED_GRACE = Duration.ofMillis(500);

    private final BundleContext context;
    private final Router router;
    private final Duration drainTimeout;
    private final Consumer<ControlMessage> reply;
    private final RetiredRevisions retired;
    private final Runnable onRetired;
    /** The revision of each app this worker runs. Touched only by the deploy thread. */
    private final Map<String, ControlMessage.Deploy> running = new HashMap<>();
    private final ExecutorService queue = Executors.newSingleThreadExecutor(
            runnable -> Thread.ofPlatform().daemon().name("narwhal-deployer").unstarted(runnable));

    /**
     * @param bootedWith the revisions this worker booted with
     * @param drainTimeout how long an update waits for the old revision's requests to finish
     * @param onRetired runs after each revision is retired, so request threads get renewed
     */
    AppDeployer(BundleContext context, Router router, List<ControlMessage.Deploy> bootedWith, Duration drainTimeout,
            Consumer<ControlMessage> reply, Runnable onRetired) {
        this.onRetired = onRetired;
        this.context = context;
        this.router = router;
        this.drainTimeout = drainTimeout;
        this.reply = reply;
        this.retired = new RetiredRevisions();
        bootedWith.forEach(deploy -> running.put(deploy.app(), deploy));
    }

    /** Queues a command from the master; its outcome is sent back when done. */
    void submit(ControlMessage command) {
        queue.execute(() -> {
            switch (command) {
                case ControlMessage.Deploy deploy -> reply.accept(deploy(deploy));
                case ControlMessage.Undeploy undeploy -> reply.accept(undeploy(undeploy.app()));
                default -> LOG.warn("the master sent {}, which a worker does not act on", command);
            }
        });
    }

    private ControlMessage deploy(ControlMessage.Deploy wanted) {
        long started = System.nanoTime();
        Bundle bundle = context.getBundle(AppLocation.of(wanted.app()));
        ControlMessage.Deploy current = running.get(wanted.app());
        try {
            if (bundle == null) {
                install(wanted);
            } else if (current != null && current.checksum().equals(wanted.checksum())) {
                return new ControlMessage.AppActive(wanted.app(), wanted.checksum());
            } else {
                update(bundle, current, wanted);
            }
            running.put(wanted.app(), wanted);
            LOG.info("app {} revision {} serving in {} ms", wanted.app(), shortSum(wanted.checksum()),
                    (System.nanoTime() - started) / 1_000_000);
            return new ControlMessage.AppActive(wanted.app(), wanted.checksum());
        } catch (DeployFailure failure) {
            LOG.error("app {} revision {} refused: {}", wanted.app(), shortSum(wanted.checksum()), failure.getMessage());
            return new ControlMessage.AppFailed(wanted.app(), wanted.checksum(), failure.getMessage());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return new ControlMessage.AppFailed(wanted.app(), wanted.checksum(), "the worker is stopping");
        }
    }

    private void install(ControlMessage.Deploy wanted) throws DeployFailure, InterruptedException {
        Bundle bundle;
        try (InputStream in = Files.newInputStream(wanted.jar())) {
            bundle = context.installBundle(AppLocation.of(wanted.app()), in);
        } catch (BundleException | IOException | SecurityException e) {
            throw new DeployFailure("cannot install it: " + reason(e));
        }
        try {
            start(bundle);
            awaitServing(bundle);
        } catch (DeployFailure failure) {
            uninstallQuietly(bundle);
            throw failure;
        }
    }

    private void update(Bundle bundle, ControlMessage.Deploy current, ControlMessage.Deploy wanted)
            throws DeployFailure, InterruptedException {
        try (AppHold hold = router.hold(bundle.getBundleId())) {
            awaitIdle(hold);
            Set<Thread> before = Thread.getAllStackTraces().keySet();
            RetiredRevisions.Revision old = retired.describe(bundle, wanted.app());
            try {
                updateFrom(bundle, wanted);
                awaitServing(bundle);
            } catch (DeployFailure failure) {
                rollBack(bundle, current, failure);
                throw failure;
            } finally {
                retired.retire(old, before, context.getBundle(0));
                onRetired.run();
            }
        }
    }

    /** Puts the revision that served before back, so a failed update costs the held requests a wait, no more. */
    private void rollBack(Bundle bundle, ControlMessage.Deploy current, DeployFailure failure)
            throws InterruptedException {
        if (current == null) {
            LOG.error("app {}: no earlier revision to go back to after: {}", bundle.getLocation(), failure.getMessage());
            return;
        }
        try {
            updateFrom(bundle, current);
            awaitServing(bundle);
            LOG.warn("app {}: back on revision {}", current.app(), shortSum(current.checksum()));
        } catch (DeployFailure again) {
            LOG.error("app {}: going back to revision {} failed too: {}", current.app(), shortSum(current.checksum()),
                    again.getMessage());
        }
    }

    private ControlMessage undeploy(String app) {
        Bundle bundle = context.getBundle(AppLocation.of(app));
        if (bundle != null) {
            try (AppHold hold = router.hold(bundle.getBundleId())) {
                awaitIdle(hold);
                Set<Thread> before = Thread.getAllStackTraces().keySet();
                RetiredRevisions.Revision old = retired.describe(bundle, app);
                uninstallQuietly(bundle);
                retired.retire(old, before, context.getBundle(0));
                onRetired.run();
            } catch (DeployFailure failure) {
                LOG.error("app {} not removed: {}", app, failure.getMessage());
                return new ControlMessage.AppFailed(app, "", failure.getMessage());
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return new ControlMessage.AppFailed(app, "", "the worker is stopping");
            }
        }
        running.remove(app);
        LOG.info("app {} removed", app);
        return new ControlMessage.AppRemoved(app);
    }

    private void awaitIdle(AppHold hold) throws DeployFailure, InterruptedException {
        if (!hold.awaitIdle(drainTimeout)) {
            throw new DeployFailure(hold.inFlight() + " request(s) of the running revision still in flight after "
                    + drainTimeout.toSeconds() + " s (graceful_timeout); it keeps serving");
        }
    }

    /**
     * {@code Bundle.update} from the staged jar. Felix restarts an active bundle itself (and throws if its start
     * fails); one left stopped by an earlier failed start is started here.
     */
    private void updateFrom(Bundle bundle, ControlMessage.Deploy revision) throws DeployFailure {
        try (InputStream in = Files.newInputStream(revision.jar())) {
            bundle.update(in);
        } catch (BundleException e) {
            throw new DeployFailure(startProblem(e));
        } catch (IOException | IllegalStateException e) {
            throw new DeployFailure("cannot update to it: " + reason(e));
        }
        if (bundle.getState() != Bundle.ACTIVE) {
            start(bundle);
        }
    }

    private void start(Bundle bundle) throws DeployFailure {
        try {
            bundle.start();
        } catch (BundleException e) {
            throw new DeployFailure(startProblem(e));
        } catch (IllegalStateException e) {
            throw new DeployFailure("it does not start: " + reason(e));
        }
    }

    private static String startProblem(BundleException e) {
        return switch (e.getType()) {
            case BundleException.RESOLVE_ERROR -> "it does not resolve: " + reason(e);
            case BundleException.ACTIVATOR_ERROR -> "it does not start: its activator threw " + e.getCause();
            default -> "it does not start: " + reason(e);
        };
    }

    /** Active, its app registered and mounted, and its health request answered. */
    private void awaitServing(Bundle bundle) throws DeployFailure, InterruptedException {
        if (bundle.getState() != Bundle.ACTIVE) {
            throw new DeployFailure("it is not active after starting");
        }
        long deadline = System.nanoTime() + REGISTRATION_WAIT.toNanos();
        long unmountedSince = 0;
        List<ServiceReference<?>> apps = mountedApps(bundle);
        while (apps.isEmpty()) {
            // The router mounts an app as it registers: one registered and still unmounted a moment later is
            // refused by the router (a mount another app holds, a bad context path), and waiting changes nothing.
            if (registeredApps(bundle) > 0) {
                unmountedSince = unmountedSince == 0 ? System.nanoTime() : unmountedSince;
                if (System.nanoTime() - unmountedSince > UNMOUNTED_GRACE.toNanos()) {
                    throw new DeployFailure("its app is registered but the router did not mount it: another app holds"
                            + " its mount, or its context path is invalid (the worker's log says which)");
                }
            }
            if (System.nanoTime() > deadline) {
                throw new DeployFailure("it registered no mountable " + HttpApp.class.getSimpleName()
                        + " within " + REGISTRATION_WAIT.toSeconds() + " s");
            }
            Thread.sleep(5);
            apps = mountedApps(bundle);
        }
        for (ServiceReference<?> reference : apps) {
            HttpApp app = (HttpApp) context.getService(reference);
            if (app == null) {
                throw new DeployFailure("its app service went away while starting");
            }
            try {
                String problem = HealthProbe.problem(app, (String) reference.getProperty(HttpApp.CONTEXT_PATH),
                        bundle.getHeaders().get(HealthProbe.PATH_HEADER), PROBE_WAIT);
                if (problem != null) {
                    throw new DeployFailure(problem);
                }
            } finally {
                context.ungetService(reference);
            }
        }
    }

    private static long registeredApps(Bundle bundle) {
        ServiceReference<?>[] registered = bundle.getRegisteredServices();
        return registered == null ? 0 : Arrays.stream(registered)
                .filter(reference -> Arrays.asList((String[]) reference.getProperty(Constants.OBJECTCLASS))
                        .contains(HttpApp.class.getName()))
                .count();
    }

    /** The bundle's app services the router has mounted. */
    private List<ServiceReference<?>> mountedApps(Bundle bundle) {
        ServiceReference<?>[] registered = bundle.getRegisteredServices();
        if (registered == null) {
            return List.of();
        }
        Set<Long> mounted = router.mounts().stream().map(Router.Mount::serviceId).collect(Collectors.toSet());
        return Arrays.stream(registered)
                .filter(reference -> mounted.contains((Long) reference.getProperty(Constants.SERVICE_ID)))
                .toList();
    }

    private static void uninstallQuietly(Bundle bundle) {
        try {
            bundle.uninstall();
        } catch (BundleException | IllegalStateException e) {
            LOG.error("cannot uninstall {}: {}", bundle.getLocation(), reason(e));
        }
    }

    static String reason(Throwable failure) {
        Throwable cause = failure.getCause();
        return cause == null || cause == failure ? String.valueOf(failure.getMessage())
                : failure.getMessage() + ": " + cause;
    }

    static String shortSum(String checksum) {
        return checksum.length() > 12 ? checksum.substring(0, 12) : checksum;
    }

    @Override
    public void close() {
        queue.shutdownNow();
        retired.close();
    }
}
