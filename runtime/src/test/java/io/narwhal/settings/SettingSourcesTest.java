package io.narwhal.settings;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class SettingSourcesTest {
    @TempDir
    Path dir;
    private Path serverConfig;
    private Path configFile;

    @BeforeEach
    void writeTheFiles() throws Exception {
        serverConfig = Files.writeString(dir.resolve("narwhal.server.cfg"),
                "workers = 3\ntimeout = 40\nlimit_request_line = 0\n");
        configFile = Files.writeString(dir.resolve("extra.cfg"), "timeout = 50\nkeepalive = 5\n");
    }

    @Test
    void eachSourceOverTheOneBefore() throws Exception {
        SettingSources sources = new SettingSources(serverConfig, configFile, Map.of("keepalive", "7"));
        assertEquals(Map.of("workers", "3", "timeout", "50", "limit_request_line", "0", "keepalive", "7"),
                sources.read());
        assertEquals(Map.of("timeout", "50", "keepalive", "7"), sources.overrides(),
                "narwhal.server.cfg comes through Config Admin");
    }

    @Test
    void withoutAConfigFileTheFlagsAreTheOnlyOverrides() throws Exception {
        SettingSources sources = new SettingSources(serverConfig, null, Map.of("workers", "2"));
        assertEquals(Map.of("workers", "2"), sources.overrides());
        assertEquals(Map.of("workers", "2", "timeout", "40", "limit_request_line", "0"), sources.read());
    }

    @Test
    void aBadFileIsNamed() throws Exception {
        Files.writeString(configFile, "workers = many\n");
        SettingSources sources = new SettingSources(serverConfig, configFile, Map.of());
        assertEquals(configFile + ": invalid workers 'many' (expected a whole number from 1 to 1024)",
                assertThrows(InvalidSettingException.class, sources::read).getMessage());
    }
}
