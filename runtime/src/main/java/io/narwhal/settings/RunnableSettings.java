package io.narwhal.settings;

import java.util.Map;
import java.util.Set;

/**
 * Settings as the master can run with them: valid by {@link ServerSettings#parse}, then what their text cannot say,
 * checked against the installation and the machine: a worker class its worker-type bundles provide, an error log
 * that can be appended to. The launcher checks them so before anything starts, the master before it takes a change,
 * so neither lets a worker find out.
 */
public final class RunnableSettings {
    private RunnableSettings() {
    }

    /** @param installedWorkerClasses what the worker-type bundles provide ({@link WorkerClasses#installed}) */
    public static ServerSettings parse(Map<String, ?> values, Set<String> installedWorkerClasses)
            throws InvalidSettingException {
        ServerSettings settings = ServerSettings.parse(values);
        WorkerClasses.require(settings.workerClass(), installedWorkerClasses);
        ErrorLogFile.requireWritable(settings.errorLog());
        return settings;
    }
}
