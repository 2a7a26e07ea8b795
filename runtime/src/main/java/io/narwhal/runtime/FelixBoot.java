package io.narwhal.runtime;

import io.narwhal.control.ControlMessage;
import io.narwhal.launch.AppLocation;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.ServiceLoader;
import org.osgi.framework.Bundle;
import org.osgi.framework.BundleException;
import org.osgi.framework.Constants;
import org.osgi.framework.FrameworkEvent;
import org.osgi.framework.launch.Framework;
import org.osgi.framework.launch.FrameworkFactory;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** Boots a Felix framework for the master or a worker: properties, system bundles, then app bundles. */
public final class FelixBoot {
    private static final Logger LOG = LoggerFactory.getLogger(FelixBoot.class);

    /** The versions of io.narwhal.settings and io.narwhal.launch, as their package-infos say (a test holds them together). */
    static final String SETTINGS_VERSION = "2.2.0";
    static final String LAUNCH_VERSION = "2.2.0";
    static final String REMOTE_VERSION = "1.0.0";
    static final String CONTROL_VERSION = "1.3.0";

    /** What the system bundle exports from the class path: the one logging API of the process, and our own API. */
    private static final String SYSTEM_PACKAGES = String.join(",",
            "org.slf4j;version=2.0.20", "org.slf4j.spi;version=2.0.20", "org.slf4j.event;version=2.0.20",
            "org.slf4j.helpers;version=2.0.20", "io.narwhal.settings;version=" + SETTINGS_VERSION, "io.narwhal.launch;version=" + LAUNCH_VERSION,
            "io.narwhal.control;version=" + CONTROL_VERSION, "io.narwhal.remote;version=" + REMOTE_VERSION);

    private FelixBoot() {
    }

    /**
     * Starts a framework with these properties, installs every jar of {@code systemDir} by reference (they
     * never change while running) and each app by copy, at its {@link AppLocation}, and starts them all.
     * A bundle that fails to install or start is logged and skipped: a broken app harms nothing else.
     */
    public static Framework start(Map<String, String> properties, Path systemDir, List<ControlMessage.Deploy> apps,
            String extraSystemPackages) throws BundleException, IOException {
        Map<String, Object> config = new HashMap<>(properties);
        config.put("felix.log.logger", new FelixLogBridge());
        config.put(Constants.FRAMEWORK_STORAGE_CLEAN, Constants.FRAMEWORK_STORAGE_CLEAN_ONFIRSTINIT);
        config.put(Constants.FRAMEWORK_SYSTEMPACKAGES_EXTRA,
                extraSystemPackages == null ? SYSTEM_PACKAGES : SYSTEM_PACKAGES + "," + extraSystemPackages);
        config.putIfAbsent("felix.log.level", "2");
        FrameworkFactory factory = ServiceLoader.load(FrameworkFactory.class).findFirst()
                .orElseThrow(() -> new BundleException("no OSGi framework on the class path"));
        @SuppressWarnings({"unchecked", "rawtypes"}) // Felix reads objects (the logger) from the string map
        Framework framework = factory.newFramework((Map) config);
        framework.init();
        framework.getBundleContext().addFrameworkListener(event -> {
            if (event.getType() == FrameworkEvent.ERROR) {
                LOG.error("bundle {}: {}", event.getBundle().getSymbolicName(),
                        event.getThrowable() == null ? "error" : event.getThrowable().getMessage(), event.getThrowable());
            }
        });
        // Everything is installed and marked to start before the framework starts, so the framework is ACTIVE
        // only once every bundle has started: a worker accepts after its apps are mounted, not before.
        for (Path jar : jars(systemDir)) {
            markToStart(framework.getBundleContext().installBundle("reference:" + jar.toUri()));
        }
        for (ControlMessage.Deploy app : apps) {
            try (InputStream in = Files.newInputStream(app.jar())) {
                markToStart(framework.getBundleContext().installBundle(AppLocation.of(app.app()), in));
            } catch (BundleException | IOException e) {
                LOG.error("cannot install app bundle {}: {}", app.app(), reason(e));
            }
        }
        framework.start();
        return framework;
    }

    /**
     * FileInstall over the config folder: its .cfg files go to this framework's Config Admin, edits applied
     * live. The master reads its own settings from there, a worker its apps' configurations.
     *
     * @param pollMillis how often the folder is looked at
     * @param tmpdir FileInstall's scratch folder (its default is left behind when a process is killed)
     */
    public static void watchConfigFolder(Map<String, String> properties, Path configDir, long pollMillis, Path tmpdir) {
        properties.put("felix.fileinstall.dir", configDir.toString());
        properties.put("felix.fileinstall.filter", ".*\\.cfg");
        properties.put("felix.fileinstall.poll", Long.toString(pollMillis));
        properties.put("felix.fileinstall.noInitialDelay", "true");
        properties.put("felix.fileinstall.tmpdir", tmpdir.toString());
        // The user's .cfg files are theirs: never write Config Admin changes back into them.
        properties.put("felix.fileinstall.enableConfigSave", "false");
        properties.put("felix.fileinstall.log.level", "2");
    }

    /** The message and its cause's: Felix's own message alone ("Unable to cache bundle") does not say why. */
    static String reason(Throwable failure) {
        Throwable cause = failure.getCause();
        return cause == null || cause.getMessage() == null ? failure.getMessage()
                : failure.getMessage() + ": " + cause.getMessage();
    }

    private static void markToStart(Bundle bundle) throws BundleException {
        if (bundle.getHeaders().get(Constants.FRAGMENT_HOST) == null) {
            bundle.start();
        }
    }

    /** The jars of a folder in name order: none if it does not exist. */
    public static List<Path> jars(Path dir) throws IOException {
        List<Path> jars = new ArrayList<>();
        if (dir == null || !Files.isDirectory(dir)) {
            return jars;
        }
        try (DirectoryStream<Path> stream = Files.newDirectoryStream(dir, "*.jar")) {
            stream.forEach(jars::add);
        }
        jars.sort(null);
        return jars;
    }
}
