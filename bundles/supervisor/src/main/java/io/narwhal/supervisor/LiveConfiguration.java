package io.narwhal.supervisor;

import io.narwhal.api.server.SettingStatus;
import io.narwhal.settings.ConfigFile;
import io.narwhal.settings.EffectiveSetting;
import io.narwhal.settings.InvalidSettingException;
import io.narwhal.settings.RunnableSettings;
import io.narwhal.settings.ServerSettings;
import io.narwhal.settings.SettingOrigin;
import io.narwhal.settings.SettingSources;
import java.io.IOException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Consumer;

/**
 * The shell's view and edit of the configuration: every setting with its origin, and a setting changed as an edit
 * of config/narwhal.server.cfg would change it, checked first, applied at once and kept in the file.
 */
final class LiveConfiguration {
    private final SettingSources sources;
    private final Set<String> workerClasses;
    private final Consumer<ArbiterEvent> arbiter;
    /** Keys written to config/narwhal.server.cfg from the shell since the master started. */
    private final Set<String> setFromShell = new HashSet<>();

    LiveConfiguration(SettingSources sources, Set<String> workerClasses, Consumer<ArbiterEvent> arbiter) {
        this.sources = sources;
        this.workerClasses = Set.copyOf(workerClasses);
        this.arbiter = arbiter;
    }

    /** @param running the settings the arbiter runs with */
    synchronized List<SettingStatus> describe(ServerSettings running) {
        Map<String, String> runs = running.toMap();
        List<SettingStatus> rows = new ArrayList<>();
        for (EffectiveSetting setting : effective()) {
            String value = runs.get(setting.key());
            rows.add(new SettingStatus(setting.key(), value, origin(setting),
                    setting.value().equals(value) ? "" : setting.value()));
        }
        return rows;
    }

    synchronized SettingStatus set(String key, String value) {
        if (!ServerSettings.KEYS.contains(key)) {
            throw new IllegalArgumentException("no setting " + key + " (narwhal:config lists them)");
        }
        // One read of the sources serves the check of the origin and the new settings: toMap reads back as it was.
        List<EffectiveSetting> effective = effective();
        EffectiveSetting current = effective.stream().filter(setting -> setting.key().equals(key)).findFirst()
                .orElseThrow();
        if (current.origin() == SettingOrigin.CONFIG_FILE || current.origin() == SettingOrigin.FLAG) {
            throw new IllegalArgumentException(key + " comes from " + current.origin().describe(sources)
                    + ", which wins over config/narwhal.server.cfg: change it there");
        }
        ServerSettings checked;
        try {
            ConfigFile.requirePlainValues(Map.of(key, value));
            Map<String, String> values = new HashMap<>();
            effective.forEach(setting -> values.put(setting.key(), setting.value()));
            values.put(key, value);
            checked = RunnableSettings.parse(values, workerClasses);
        } catch (InvalidSettingException e) {
            throw new IllegalArgumentException(e.getMessage() + "; nothing changed");
        }
        try {
            ConfigFile.put(sources.serverConfig(), key, value);
        } catch (IOException e) {
            throw new IllegalStateException("cannot write " + sources.serverConfig() + ": " + e.getMessage()
                    + "; nothing changed");
        }
        setFromShell.add(key);
        arbiter.accept(new ArbiterEvent.SettingsChanged(checked));
        String applied = checked.toMap().get(key);
        return new SettingStatus(key, applied, origin(new EffectiveSetting(key, applied, SettingOrigin.SERVER_CONFIG)),
                "");
    }

    private List<EffectiveSetting> effective() {
        try {
            return sources.effective();
        } catch (InvalidSettingException e) {
            throw new IllegalStateException("the configuration does not read now (" + e.getMessage()
                    + "); the server runs on as it was");
        }
    }

    /** "config/narwhal.server.cfg (set from the shell)" for a key the shell wrote there. */
    private String origin(EffectiveSetting setting) {
        String origin = setting.origin().describe(sources);
        return setting.origin() == SettingOrigin.SERVER_CONFIG && setFromShell.contains(setting.key())
                ? origin + " (set from the shell)" : origin;
    }
}
