package io.narwhal.launch;

import io.narwhal.settings.InvalidSettingException;
import io.narwhal.settings.ServerSettings;
import java.util.function.UnaryOperator;

/** Framework properties the launchers set for the bundles they boot. */
public final class LaunchProperties {
    /** The settings as the launcher read and checked them (config file, -c file, flags): where the master starts. */
    public static final String INITIAL_PREFIX = "narwhal.initial.";
    /** The settings given as flags: with the -c file, they stay on top of every later config file edit. */
    public static final String FLAG_PREFIX = "narwhal.flag.";
    /** The -c file, absent without one: read again on every config file edit and on HUP. */
    public static final String CONFIG_FILE = "narwhal.config.file";
    /** config/narwhal.server.cfg under narwhal.home: read again on HUP. */
    public static final String SERVER_CONFIG = "config/narwhal.server.cfg";
    /** Narwhal's version as {@code narwhal -v} prints it, for the start-up log to say the same. */
    public static final String VERSION = "narwhal.version";
    /** The master's deploy folder, watched for app jars. */
    /** "true" when the master was started with --console: the shell bundle reads commands from its terminal. */
    public static final String CONSOLE = "narwhal.console";
    public static final String DEPLOY_DIR = "narwhal.deploy.dir";
    /**
     * A worker's apps at boot: the revisions the pool serves, as {@code ControlMessage.Deploy.encodeAll}
     * writes them; the worker host reads it to know what it runs.
     */
    public static final String WORKER_APPS = "narwhal.apps";
    /** {@code true} for a spare worker: booted like any other, it accepts nothing until the master promotes it. */
    public static final String WORKER_SPARE = "narwhal.worker.spare";

    private LaunchProperties() {
    }

    /**
     * The settings the launcher read and checked ({@link #INITIAL_PREFIX}), for the master's bundles to start from.
     *
     * @param property a framework property by name
     */
    public static ServerSettings initialSettings(UnaryOperator<String> property) throws InvalidSettingException {
        return ServerSettings.parse(ServerSettings.fromProperties(INITIAL_PREFIX, property));
    }
}
