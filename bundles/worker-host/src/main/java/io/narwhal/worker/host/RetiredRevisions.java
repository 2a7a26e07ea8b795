package io.narwhal.worker.host;

import java.lang.ref.PhantomReference;
import java.lang.ref.Reference;
import java.lang.ref.ReferenceQueue;
import java.net.URL;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Collections;
import java.util.Enumeration;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;
import org.osgi.framework.Bundle;
import org.osgi.framework.wiring.BundleWiring;
import org.osgi.framework.wiring.FrameworkWiring;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Watches app revisions after they are replaced or removed: a thread of theirs still running is a leak, reported
 * by name and interrupted; a bundle left removal-pending is reported; and each one's class loader is followed by
 * a phantom reference, so the log says when it is collected and how many are still held.
 */
final class RetiredRevisions implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(RetiredRevisions.class);
    /** How long a retired revision's threads have to end once it has stopped, before they count as leaked. */
    private static final long THREAD_GRACE_MILLIS = 200;

    private final ReferenceQueue<ClassLoader> collected = new ReferenceQueue<>();
    private final Map<Reference<?>, String> watched = new ConcurrentHashMap<>();
    private final AtomicLong retiredCount = new AtomicLong();
    private final Thread reaper;

    /** What identifies a revision once it is gone: its class loader and the names of its classes. */
    record Revision(String app, String version, ClassLoader loader, Set<String> classNames) {
    }

    RetiredRevisions() {
        reaper = Thread.ofPlatform().daemon().name("narwhal-revision-reaper").start(this::reap);
    }

    /** Taken while the revision still runs. */
    Revision describe(Bundle bundle, String app) {
        BundleWiring wiring = bundle.adapt(BundleWiring.class);
        ClassLoader loader = wiring == null ? null : wiring.getClassLoader();
        Set<String> classNames = new HashSet<>();
        Enumeration<URL> entries = bundle.findEntries("/", "*.class", true);
        for (URL entry : entries == null ? Collections.<URL>emptyList() : Collections.list(entries)) {
            String path = entry.getPath();
            classNames.add(path.substring(path.startsWith("/") ? 1 : 0, path.length() - ".class".length())
                    .replace('/', '.'));
        }
        return new Revision(app, bundle.getVersion().toString(), loader, classNames);
    }

    /**
     * The revision has stopped (updated away or uninstalled). Threads that were running before and still run its
     * code are leaks: named in the log and interrupted. Call it while the app's requests are held, so no request
     * thread is inside the app's code.
     *
     * @param before the threads alive before the revision stopped (a thread its successor starts is not its)
     */
    void retire(Revision revision, Set<Thread> before, Bundle framework) throws InterruptedException {
        List<Thread> leaked = new ArrayList<>();
        for (Thread thread : before) {
            if (thread.isAlive() && thread != Thread.currentThread() && runsCodeOf(thread, revision)) {
                leaked.add(thread);
            }
        }
        long deadline = System.currentTimeMillis() + THREAD_GRACE_MILLIS;
        for (Thread thread : leaked) {
            thread.join(Math.max(1, deadline - System.currentTimeMillis()));
            if (thread.isAlive()) {
                LOG.warn("app {}: its stopped revision left thread '{}' running: a leak; interrupting it", revision.app(),
                        thread.getName());
                thread.interrupt();
            }
        }
        Collection<Bundle> pending = framework.adapt(FrameworkWiring.class).getRemovalPendingBundles();
        if (!pending.isEmpty()) {
            LOG.warn("app {}: bundles left removal-pending after its revision stopped: {}", revision.app(), pending);
        }
        if (revision.loader() != null) {
            watched.put(new PhantomReference<>(revision.loader(), collected),
                    revision.app() + " " + revision.version() + " (retired revision " + retiredCount.incrementAndGet() + ")");
        }
    }

    private static boolean runsCodeOf(Thread thread, Revision revision) {
        for (StackTraceElement frame : thread.getStackTrace()) {
            if (revision.classNames().contains(frame.getClassName())) {
                return true;
            }
        }
        return false;
    }

    private void reap() {
        try {
            while (true) {
                Reference<?> gone = collected.remove();
                String what = watched.remove(gone);
                LOG.info("app {}: class loader collected ({} retired revision(s) still held)", what, watched.size());
            }
        } catch (InterruptedException e) {
            // the worker is stopping
        }
    }

    @Override
    public void close() {
        reaper.interrupt();
    }
}
