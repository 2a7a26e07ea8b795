package io.narwhal.settings;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.stream.Collectors;
import java.util.stream.Stream;
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
        // service.pid is Config Admin's: merged over narwhal.server.cfg's configuration, it must not come through.
        configFile = Files.writeString(dir.resolve("extra.cfg"), "timeout = 50\nkeepalive = 5\nservice.pid = other\n");
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
    void everySettingInKeyOrderWithTheSourceThatWins() throws Exception {
        SettingSources sources = new SettingSources(serverConfig, configFile, Map.of("keepalive", "7"));
        List<EffectiveSetting> effective = sources.effective();
        assertEquals(ServerSettings.KEYS, effective.stream().map(EffectiveSetting::key).toList());
        Map<String, EffectiveSetting> byKey = effective.stream()
                .collect(Collectors.toMap(EffectiveSetting::key, Function.identity()));
        assertEquals(new EffectiveSetting("workers", "3", SettingOrigin.SERVER_CONFIG), byKey.get("workers"));
        assertEquals(new EffectiveSetting("limit_request_line", Integer.toString(ServerSettings.MAX_REQUEST_LINE),
                SettingOrigin.SERVER_CONFIG), byKey.get("limit_request_line"), "as toMap writes it");
        assertEquals(new EffectiveSetting("timeout", "50", SettingOrigin.CONFIG_FILE), byKey.get("timeout"));
        assertEquals(new EffectiveSetting("keepalive", "7", SettingOrigin.FLAG), byKey.get("keepalive"));
        assertEquals(new EffectiveSetting("threads", "1", SettingOrigin.DEFAULT), byKey.get("threads"));
    }

    @Test
    void withoutAConfigFileTheFlagsAreTheOnlyOverrides() throws Exception {
        SettingSources sources = new SettingSources(serverConfig, null, Map.of("workers", "2"));
        assertEquals(Map.of("workers", "2"), sources.overrides());
        assertEquals(Map.of("workers", "2", "timeout", "40", "limit_request_line", "0"), sources.read());
        assertTrue(sources.effective().stream().noneMatch(setting -> setting.origin() == SettingOrigin.CONFIG_FILE));
    }

    @Test
    void originsAsAUserNamesThem() {
        SettingSources sources = new SettingSources(serverConfig, configFile, Map.of());
        assertEquals(List.of("default", "config/narwhal.server.cfg", configFile.toString(), "the command line"),
                Stream.of(SettingOrigin.values()).map(origin -> origin.describe(sources)).toList());
    }

    @Test
    void aBadFileIsNamed() throws Exception {
        Files.writeString(configFile, "workers = many\n");
        SettingSources sources = new SettingSources(serverConfig, configFile, Map.of());
        assertEquals(configFile + ": invalid workers 'many' (expected a whole number from 1 to 1024)",
                assertThrows(InvalidSettingException.class, sources::read).getMessage());
        assertEquals(configFile + ": invalid workers 'many' (expected a whole number from 1 to 1024)",
                assertThrows(InvalidSettingException.class, sources::effective).getMessage());
    }
}
