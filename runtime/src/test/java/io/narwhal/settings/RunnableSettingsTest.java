package io.narwhal.settings;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class RunnableSettingsTest {
    /** Sorted, as {@link WorkerClasses#installed} gives them. */
    private static final Set<String> INSTALLED = new TreeSet<>(List.of("sync", "virtual"));

    @Test
    void validSettingsOfAnInstalledWorkerClassWithAWritableErrorLogAreTaken(@TempDir Path dir) throws Exception {
        String errorLog = dir.resolve("error.log").toString();
        ServerSettings settings = RunnableSettings.parse(Map.of("worker_class", "virtual", "errorlog", errorLog),
                INSTALLED);
        assertEquals("virtual", settings.workerClass());
        assertEquals(errorLog, settings.errorLog());
    }

    @Test
    void aWorkerClassNoBundleProvidesIsRefused() {
        assertEquals("invalid worker_class 'gthread' (available: sync, virtual)",
                assertThrows(InvalidSettingException.class,
                        () -> RunnableSettings.parse(Map.of("worker_class", "gthread"), INSTALLED)).getMessage());
    }

    @Test
    void anErrorLogThatCannotBeAppendedToIsRefused(@TempDir Path dir) {
        Path missing = dir.resolve("no-such-folder/error.log");
        assertEquals("invalid errorlog '" + missing + "' (cannot append to it: its folder does not exist)",
                assertThrows(InvalidSettingException.class,
                        () -> RunnableSettings.parse(Map.of("errorlog", missing.toString()), INSTALLED)).getMessage());
    }

    @Test
    void anInvalidValueIsRefusedAsParseRefusesIt() {
        assertEquals("invalid workers 'many' (expected a whole number from 1 to 1024)",
                assertThrows(InvalidSettingException.class,
                        () -> RunnableSettings.parse(Map.of("workers", "many"), INSTALLED)).getMessage());
    }
}
