package io.narwhal.runtime.worker;

import io.narwhal.control.ControlMessage;
import io.narwhal.launch.ErrorLog;
import io.narwhal.launch.LaunchProperties;
import io.narwhal.launch.LogLevel;
import io.narwhal.launch.ProcessExit;
import io.narwhal.launch.RuntimeDirectory;
import io.narwhal.runtime.FelixBoot;
import io.narwhal.settings.ServerSettings;
import io.narwhal.settings.WorkerClasses;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.osgi.framework.Bundle;
import org.osgi.framework.BundleException;
import org.osgi.framework.launch.Framework;
import sun.misc.Signal;

/**
 * A worker process, spawned by the master with the shared listening socket as fd 0. Boots its own
 * framework with the codec, the worker types, the router and the apps the master names; the worker-host
 * bundle then runs the worker type that {@code worker_class} names. Arguments are {@code key=value}
 * framework properties, all chosen by the master.
 */
public final class WorkerMain {
    private static final String WORKER_HOST = "narwhal-worker-host";
    /**
     * A training run, made by the build: boot a worker's framework with every bundle and stop, under
     * {@code -XX:AOTCacheOutput}, so every real worker starts from the JDK's AOT cache of that boot.
     */
    private static final String TRAINING = "narwhal.train";
    /** The worker's own folder, removed by the master when it is gone: Felix's cache and FileInstall's scratch. */
    private static final String WORK_DIR = "narwhal.worker.storage";
    /** How soon an edit of an app's .cfg file reaches every worker. */
    private static final long CONFIG_POLL_MILLIS = 500;

    private WorkerMain() {
    }

    private static void stopBundle(Framework framework, String symbolicName) throws BundleException {
        for (Bundle bundle : framework.getBundleContext().getBundles()) {
            if (symbolicName.equals(bundle.getSymbolicName())) {
                bundle.stop();
            }
        }
    }

    private static void train(Map<String, String> properties) throws Throwable {
        // The same native call a worker makes first, so its linkage is in the cache too.
        ParentDeath.arm(ProcessHandle.current().parent().map(ProcessHandle::pid).orElse(1L));
        Path storage = Files.createTempDirectory("narwhal-train-");
        try {
            properties.put(WORK_DIR, storage.toString());
            Path home = Path.of(properties.get("narwhal.home"));
            List<ControlMessage.Deploy> examples = new ArrayList<>();
            for (Path jar : FelixBoot.jars(home.resolve("deploy"))) {
                examples.add(new ControlMessage.Deploy(jar.getFileName().toString(), "training", jar));
            }
            Framework framework = startFramework(properties, examples);
            framework.stop();
            framework.waitForStop(30_000);
        } finally {
            RuntimeDirectory.delete(storage);
        }
    }

    /** A worker's framework: the worker's system bundles, then these apps; the apps' configuration from config/. */
    private static Framework startFramework(Map<String, String> properties, List<ControlMessage.Deploy> apps)
            throws Exception {
        Path home = Path.of(properties.get("narwhal.home"));
        Path workDir = Path.of(properties.get(WORK_DIR));
        properties.put("org.osgi.framework.storage", workDir.resolve("felix").toString());
        FelixBoot.watchConfigFolder(properties, home.resolve("config"), CONFIG_POLL_MILLIS,
                Files.createDirectories(workDir.resolve("fileinstall")));
        return FelixBoot.start(properties, home.resolve(WorkerClasses.WORKER_BUNDLES), apps, null);
    }

    public static void main(String[] args) throws Throwable {
        // Before the first logger: the log pattern prints it on every line.
        System.setProperty("narwhal.pid", Long.toString(ProcessHandle.current().pid()));
        Map<String, String> properties = new HashMap<>();
        for (String arg : args) {
            int equals = arg.indexOf('=');
            if (equals <= 0) {
                throw new IllegalArgumentException("worker arguments are key=value, got: " + arg);
            }
            properties.put(arg.substring(0, equals), arg.substring(equals + 1));
        }
        if (Boolean.parseBoolean(properties.get(TRAINING))) {
            train(properties);
            return;
        }
        if (!properties.containsKey("narwhal.parent.pid")) {
            System.err.println("narwhal: error: workers are started by the narwhal master (dist/bin/narwhal)");
            System.exit(2);
        }
        if (!ParentDeath.arm(Long.parseLong(properties.get("narwhal.parent.pid")))) {
            Runtime.getRuntime().halt(1);
        }
        System.setProperty("narwhal.role", "worker");
        // The master checked the file could be appended to; one that cannot now is said on stderr, where lines go on.
        ErrorLog.apply(properties.getOrDefault("narwhal." + ServerSettings.ERRORLOG, ServerSettings.STDERR));
        LogLevel.apply(properties.getOrDefault("narwhal." + ServerSettings.LOGLEVEL, "info"));
        // INT is the master's quick stop: no draining. TERM keeps the JVM's default: the shutdown hook below.
        Signal.handle(new Signal("INT"), signal -> Runtime.getRuntime().halt(0));
        // The apps the pool serves now, as the master staged them; later changes arrive over the control channel.
        Framework framework = startFramework(properties, ControlMessage.Deploy.parseAll(properties.get(LaunchProperties.WORKER_APPS)));
        long graceMillis = Long.parseLong(properties.getOrDefault("narwhal.graceful_timeout", "30")) * 1000;
        Runtime.getRuntime().addShutdownHook(Thread.ofPlatform().unstarted(() -> {
            try {
                // The host first, so apps stay up while it drains the requests in flight.
                stopBundle(framework, WORKER_HOST);
                framework.stop();
                framework.waitForStop(graceMillis + 2000);
            } catch (Exception e) {
                // exiting regardless
            }
            Runtime.getRuntime().halt(ProcessExit.status());
        }));
        framework.waitForStop(0);
        System.exit(ProcessExit.status());
    }
}
