package io.narwhal.settings;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.api.io.TempDir;

class ServerSettingsTest {
    @Test
    void defaultsAreGunicorns() {
        ServerSettings settings = ServerSettings.defaults();
        assertEquals(new BindAddress("127.0.0.1", 8000), settings.bind());
        assertEquals(1, settings.workers());
        assertEquals("sync", settings.workerClass());
        assertEquals(Duration.ofSeconds(30), settings.timeout());
        assertEquals(Duration.ofSeconds(30), settings.gracefulTimeout());
        assertEquals(Duration.ofSeconds(2), settings.keepAlive());
    }

    @Test
    void valuesOverDefaultsAndConfigMachineryKeysSkipped() throws Exception {
        ServerSettings settings = ServerSettings.parse(Map.of("workers", " 3 ", "service.pid", "narwhal.server",
                "felix.fileinstall.filename", "file:/x.cfg", "bind", "[::1]:9001"));
        assertEquals(3, settings.workers());
        assertEquals(new BindAddress("::1", 9001), settings.bind());
        assertEquals("[::1]:9001", settings.bind().toString());
        assertEquals(settings, ServerSettings.parse(settings.toMap()));
    }

    @Test
    void fromPropertiesTakesEachSettingUnderThePrefixInKeyOrder() {
        Map<String, String> properties = Map.of("narwhal.flag.workers", "4", "narwhal.flag.bind", "0.0.0.0:80",
                "narwhal.initial.timeout", "9", "narwhal.flag.not_a_setting", "x");
        assertEquals(List.of(Map.entry("bind", "0.0.0.0:80"), Map.entry("workers", "4")),
                List.copyOf(ServerSettings.fromProperties("narwhal.flag.", properties::get).entrySet()));
    }

    @Test
    void unknownKeyIsAnError() {
        assertTrue(assertThrows(InvalidSettingException.class, () -> ServerSettings.parse(Map.of("worker", "2")))
                .getMessage().startsWith("unknown setting 'worker'"));
    }

    @Test
    void badBindsAreExplained() {
        for (String bad : new String[] {"", "host:", "host:99999", "host:port", "::1:80", "[::1", "unix:/tmp/s"}) {
            var error = assertThrows(InvalidSettingException.class, () -> BindAddress.parse(bad), bad);
            assertTrue(error.getMessage().startsWith("invalid bind '" + bad + "': "), error.getMessage());
        }
        assertEquals(new BindAddress("localhost", 8000), assertDoesNotThrow("localhost"));
    }

    @Test
    void unresolvableHostIsASettingError() throws Exception {
        var error = assertThrows(InvalidSettingException.class,
                () -> BindAddress.parse("no-such-host.invalid:80").resolve());
        assertEquals("invalid bind 'no-such-host.invalid:80': unknown host 'no-such-host.invalid'", error.getMessage());
    }

    @Test
    void configFileErrorsNameTheFile(@TempDir Path dir) throws Exception {
        Path file = Files.writeString(dir.resolve("bad.cfg"), "workers = zero\n");
        var error = assertThrows(InvalidSettingException.class, () -> ConfigFile.readChecked(file));
        assertEquals(file + ": invalid workers 'zero' (expected a whole number from 1 to 1024)", error.getMessage());
        assertEquals("config file not found: " + dir.resolve("none.cfg"),
                assertThrows(InvalidSettingException.class, () -> ConfigFile.read(dir.resolve("none.cfg"))).getMessage());
    }

    @Test
    void requestLimitsAreGunicornsWithZeroMeaningTheCeiling() throws Exception {
        ServerSettings defaults = ServerSettings.defaults();
        assertEquals(4094, defaults.limitRequestLine());
        assertEquals(100, defaults.limitRequestFields());
        assertEquals(8190, defaults.limitRequestFieldSize());
        ServerSettings zeros = ServerSettings.parse(Map.of("limit_request_line", "0", "limit_request_fields", "0",
                "limit_request_field_size", "0"));
        assertEquals(ServerSettings.MAX_REQUEST_LINE, zeros.limitRequestLine());
        assertEquals(ServerSettings.MAX_REQUEST_FIELDS, zeros.limitRequestFields());
        assertEquals(ServerSettings.MAX_REQUEST_FIELD_SIZE, zeros.limitRequestFieldSize());
        assertEquals("invalid limit_request_line '9000' (expected a whole number from 0 to 8190)",
                assertThrows(InvalidSettingException.class,
                        () -> ServerSettings.parse(Map.of("limit_request_line", "9000"))).getMessage());
    }

    @Test
    void httpComplianceIsStrictUnlessLenientIsAsked() throws Exception {
        assertEquals("strict", ServerSettings.defaults().httpCompliance());
        assertEquals("lenient", ServerSettings.parse(Map.of("http_compliance", " lenient ")).httpCompliance());
        InvalidSettingException error = assertThrows(InvalidSettingException.class,
                () -> ServerSettings.parse(Map.of("http_compliance", "Strict")));
        assertEquals("invalid http_compliance 'Strict' (expected one of: strict, lenient)", error.getMessage());
    }

    @Test
    void workerConnectionsIsGunicornsWithItsDefaultAndARange() throws Exception {
        assertEquals(1000, ServerSettings.defaults().workerConnections());
        ServerSettings four = ServerSettings.parse(Map.of("worker_connections", "4"));
        assertEquals(4, four.workerConnections());
        assertEquals("4", four.toMap().get("worker_connections"));
        assertEquals(four, ServerSettings.parse(four.toMap()));
        assertEquals(100_000, ServerSettings.parse(Map.of("worker_connections", "100000")).workerConnections());
        for (String bad : new String[] {"0", "100001", "many", "-1"}) {
            assertEquals("invalid worker_connections '" + bad + "' (expected a whole number from 1 to 100000)",
                    assertThrows(InvalidSettingException.class,
                            () -> ServerSettings.parse(Map.of("worker_connections", bad))).getMessage());
        }
    }

    @Test
    void spareWorkersDefaultToNoneWithinARange() throws Exception {
        assertEquals(0, ServerSettings.defaults().spareWorkers());
        ServerSettings one = ServerSettings.parse(Map.of("spare_workers", "1"));
        assertEquals(1, one.spareWorkers());
        assertEquals(one, ServerSettings.parse(one.toMap()));
        for (String bad : new String[] {"-1", "65", "one"}) {
            assertEquals("invalid spare_workers '" + bad + "' (expected a whole number from 0 to 64)",
                    assertThrows(InvalidSettingException.class,
                            () -> ServerSettings.parse(Map.of("spare_workers", bad))).getMessage());
        }
    }

    @Test
    void listeningAsKeepsTheRunningSocketsAndEverythingElseNew() throws Exception {
        ServerSettings running = ServerSettings.parse(Map.of("bind", "0.0.0.0:9000", "metrics_bind", "9100"));
        ServerSettings edited = ServerSettings.parse(Map.of("workers", "4", "limit_request_fields", "50",
                "worker_connections", "7", "spare_workers", "2", "metrics_bind", "9200"));
        ServerSettings applied = edited.listeningAs(running);
        assertEquals(new BindAddress("0.0.0.0", 9000), applied.bind());
        assertEquals(new BindAddress("127.0.0.1", 9100), applied.metricsBind());
        assertEquals(edited, applied.listeningAs(edited));
    }

    @ParameterizedTest
    @CsvSource(value = {"'', ''", "9100, 127.0.0.1:9100", "0.0.0.0:9100, 0.0.0.0:9100", "[::1]:9100, [::1]:9100",
        "localhost, localhost:8000"})
    void metricsBindIsOffOrAnAddressWithAPortAloneOnLoopback(String value, String expected) throws Exception {
        assertEquals(expected, ServerSettings.parse(Map.of("metrics_bind", value)).toMap().get("metrics_bind"));
    }

    @Test
    void aBadMetricsBindIsRefusedNamingItsKey() {
        InvalidSettingException refused = assertThrows(InvalidSettingException.class,
                () -> ServerSettings.parse(Map.of("metrics_bind", "host:99999")));
        assertEquals("invalid metrics_bind 'host:99999': the port is not a number from 0 to 65535", refused.getMessage());
    }

    private static BindAddress assertDoesNotThrow(String text) {
        try {
            return BindAddress.parse(text);
        } catch (InvalidSettingException e) {
            throw new AssertionError(e);
        }
    }

    @Test
    void logLevelIsOneOfGunicorns() throws InvalidSettingException {
        assertEquals("info", ServerSettings.defaults().logLevel());
        assertEquals("warning", ServerSettings.parse(java.util.Map.of("loglevel", "warning")).logLevel());
        InvalidSettingException e = assertThrows(InvalidSettingException.class,
                () -> ServerSettings.parse(java.util.Map.of("loglevel", "verbose")));
        assertEquals("invalid loglevel 'verbose' (expected one of: debug, info, warning, error, critical)", e.getMessage());
    }

    @Test
    void errorLogIsStderrUnlessAFileIsNamed() throws InvalidSettingException {
        assertEquals("-", ServerSettings.defaults().errorLog());
        ServerSettings toFile = ServerSettings.parse(Map.of("errorlog", " /var/log/narwhal.log "));
        assertEquals("/var/log/narwhal.log", toFile.errorLog());
        assertEquals(toFile, ServerSettings.parse(toFile.toMap()));
        assertEquals("invalid errorlog '' (expected - for stderr, or a file)",
                assertThrows(InvalidSettingException.class, () -> ServerSettings.parse(Map.of("errorlog", "")))
                        .getMessage());
    }
}
