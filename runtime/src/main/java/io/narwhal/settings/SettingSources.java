package io.narwhal.settings;

import java.nio.file.Path;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Where the settings come from, lowest first: the defaults, config/narwhal.server.cfg, the {@code -c} file, the flags.
 * The launcher reads them at start; the master reads the files again on HUP, as Gunicorn re-reads its config.
 *
 * @param serverConfig config/narwhal.server.cfg
 * @param configFile the {@code -c} file, or null
 * @param flags the settings given as flags
 */
public record SettingSources(Path serverConfig, Path configFile, Map<String, String> flags) {
    public SettingSources {
        flags = Map.copyOf(flags);
    }

    /** Every source read again, merged in their order; an error names the file. */
    public Map<String, String> read() throws InvalidSettingException {
        Map<String, String> effective = new HashMap<>(ConfigFile.readChecked(serverConfig));
        effective.putAll(overrides());
        return effective;
    }

    /** The {@code -c} file (read again) with the flags over it: they stay on top of every edit of narwhal.server.cfg. */
    public Map<String, String> overrides() throws InvalidSettingException {
        Map<String, String> overrides = new LinkedHashMap<>();
        if (configFile != null) {
            ConfigFile.readChecked(configFile).forEach((key, value) -> {
                if (ServerSettings.KEYS.contains(key)) {
                    overrides.put(key, value);
                }
            });
        }
        overrides.putAll(flags);
        return overrides;
    }
}
