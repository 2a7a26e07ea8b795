package io.narwhal.launch;

/** Framework properties the launchers set for the bundles they boot. */
public final class LaunchProperties {
    /** The settings as the launcher read and checked them (config file, -c file, flags): where the master starts. */
    public static final String INITIAL_PREFIX = "narwhal.initial.";
    /** The settings given by the -c file and the flags: they stay on top of every later config file edit. */
    public static final String OVERRIDE_PREFIX = "narwhal.override.";
    /** Narwhal's version as {@code narwhal -v} prints it, for the start-up log to say the same. */
    public static final String VERSION = "narwhal.version";
    /** The master's deploy folder, watched for app jars. */
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
}
