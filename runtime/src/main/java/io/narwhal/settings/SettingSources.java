package io.narwhal.settings;

import java.nio.file.Path;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Where the settings come from, lowest first: the defaults, config/narwhal.server.cfg, the {@code -c} file, the flags
 * ({@link SettingOrigin}'s order). The launcher reads them at start; the master reads the files again on HUP, as
 * Gunicorn re-reads its config. Each call reads each file once.
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
        return merged(layers());
    }

    /** The {@code -c} file (read again) with the flags over it: they stay on top of every edit of narwhal.server.cfg. */
    public Map<String, String> overrides() throws InvalidSettingException {
        return merged(overrideLayers());
    }

    /**
     * Every setting in {@link ServerSettings#KEYS}' order, with its value from every source read again and the source
     * that gave it; an error names the file.
     */
    public List<EffectiveSetting> effective() throws InvalidSettingException {
        Map<String, String> values = new HashMap<>();
        Map<String, SettingOrigin> origins = new HashMap<>();
        layers().forEach((origin, layer) -> layer.forEach((key, value) -> {
            values.put(key, value);
            origins.put(key, origin);
        }));
        Map<String, String> effective = ServerSettings.parse(values).toMap();
        return ServerSettings.KEYS.stream()
                .map(key -> new EffectiveSetting(key, effective.get(key),
                        origins.getOrDefault(key, SettingOrigin.DEFAULT)))
                .toList();
    }

    /** Each source's settings by its origin, in the order they apply. */
    private Map<SettingOrigin, Map<String, String>> layers() throws InvalidSettingException {
        Map<SettingOrigin, Map<String, String>> layers = new EnumMap<>(SettingOrigin.class);
        layers.put(SettingOrigin.SERVER_CONFIG, settingsIn(serverConfig));
        layers.putAll(overrideLayers());
        return layers;
    }

    /** The sources that stay on top of narwhal.server.cfg, which Config Admin hands the master apart. */
    private Map<SettingOrigin, Map<String, String>> overrideLayers() throws InvalidSettingException {
        Map<SettingOrigin, Map<String, String>> layers = new EnumMap<>(SettingOrigin.class);
        if (configFile != null) {
            layers.put(SettingOrigin.CONFIG_FILE, settingsIn(configFile));
        }
        layers.put(SettingOrigin.FLAG, flags);
        return layers;
    }

    private static Map<String, String> merged(Map<SettingOrigin, Map<String, String>> layers) {
        Map<String, String> merged = new LinkedHashMap<>();
        layers.values().forEach(merged::putAll);
        return merged;
    }

    /** A file's settings, without what belongs to the configuration machinery (keys with a dot). */
    private static Map<String, String> settingsIn(Path file) throws InvalidSettingException {
        Map<String, String> settings = new LinkedHashMap<>(ConfigFile.readChecked(file));
        settings.keySet().retainAll(ServerSettings.KEYS);
        return settings;
    }
}
