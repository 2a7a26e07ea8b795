package io.narwhal.launch;

/** Framework properties the master's launcher sets for the supervisor, each followed by a setting's name. */
public final class LaunchProperties {
    /** The settings as the launcher read and checked them (config file, -c file, flags): where the master starts. */
    public static final String INITIAL_PREFIX = "narwhal.initial.";
    /** The settings given by the -c file and the flags: they stay on top of every later config file edit. */
    public static final String OVERRIDE_PREFIX = "narwhal.override.";

    private LaunchProperties() {
    }
}
