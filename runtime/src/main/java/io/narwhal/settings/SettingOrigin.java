package io.narwhal.settings;

import java.util.function.Function;

/**
 * Where a setting's effective value came from: its source, in the order {@link SettingSources} applies them, lowest
 * first, so a later one wins. Another source is a constant here, at its place in that order, and its layer put in
 * SettingSources.
 */
public enum SettingOrigin {
    DEFAULT(sources -> "default"),
    SERVER_CONFIG(sources -> "config/narwhal.server.cfg"),
    /** The {@code -c} file. */
    CONFIG_FILE(sources -> sources.configFile().toString()),
    FLAG(sources -> "the command line");

    private final Function<SettingSources, String> description;

    SettingOrigin(Function<SettingSources, String> description) {
        this.description = description;
    }

    /** The origin as a user names it: the -c file by the path it was given as. */
    public String describe(SettingSources sources) {
        return description.apply(sources);
    }
}
