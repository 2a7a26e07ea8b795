package io.narwhal.settings;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;

class CommandLineTest {
    @Test
    void readsGunicornFlagsInEveryForm() throws Exception {
        CommandLine line = CommandLine.parse("-b", "0.0.0.0:9000", "-w4", "--worker-class=sync", "--threads", "8",
                "-t", "60", "--graceful-timeout", "5", "--keep-alive=3", "-c", "extra.cfg");
        assertEquals(Map.of("bind", "0.0.0.0:9000", "workers", "4", "worker_class", "sync", "threads", "8",
                "timeout", "60", "graceful_timeout", "5", "keepalive", "3"), line.overrides());
        assertEquals(Path.of("extra.cfg"), line.configFile());
        assertEquals(Path.of("/run/narwhal.pid"), CommandLine.parse("--pid", "/run/narwhal.pid").pidFile());
        assertEquals(Path.of("n.pid"), CommandLine.parse("-pn.pid").pidFile());
    }

    @Test
    void requestLimitFlagsAreGunicorns() throws Exception {
        assertEquals(Map.of("limit_request_line", "8000", "limit_request_fields", "0", "limit_request_field_size", "100"),
                CommandLine.parse("--limit-request-line", "8000", "--limit-request-fields=0",
                        "--limit-request-field_size", "100").overrides());
    }

    @Test
    void spareWorkersFlagSetsTheSetting() throws Exception {
        assertEquals(Map.of("spare_workers", "1"), CommandLine.parse("--spare-workers", "1").overrides());
        assertEquals("argument --spare-workers: invalid spare_workers '-2' (expected a whole number from 0 to 64)",
                assertThrows(InvalidSettingException.class, () -> CommandLine.parse("--spare-workers=-2")).getMessage());
    }

    @Test
    void workerConnectionsFlagIsGunicorns() throws Exception {
        assertEquals(Map.of("worker_connections", "4", "worker_class", "virtual"),
                CommandLine.parse("--worker-connections", "4", "-k", "virtual").overrides());
        assertEquals(Map.of("worker_connections", "20000"), CommandLine.parse("--worker-connections=20000").overrides());
        assertEquals("argument --worker-connections: invalid worker_connections '0' (expected a whole number from 1 to"
                + " 100000)", assertThrows(InvalidSettingException.class,
                        () -> CommandLine.parse("--worker-connections", "0")).getMessage());
    }

    @Test
    void proxyFlagsAreGunicorns() throws Exception {
        assertEquals(Map.of("forwarded_allow_ips", "10.0.0.0/8,::1", "proxy_allow_ips", "*", "proxy_protocol", "v2",
                "secure_scheme_headers", "X-Scheme=https"),
                CommandLine.parse("--forwarded-allow-ips", "10.0.0.0/8,::1", "--proxy-allow-from=*",
                        "--proxy-protocol", "v2", "--secure-scheme-headers", "X-Scheme=https").overrides());
    }

    @Test
    void proxyProtocolAloneReadsEitherVersion() throws Exception {
        assertEquals(Map.of("proxy_protocol", "auto"), CommandLine.parse("--proxy-protocol").overrides());
        assertEquals(Map.of("proxy_protocol", "auto", "workers", "2"),
                CommandLine.parse("--proxy-protocol", "-w", "2").overrides());
        assertEquals("argument --proxy-protocol: invalid proxy_protocol 'v3' (expected one of off, v1, v2, auto)",
                assertThrows(InvalidSettingException.class, () -> CommandLine.parse("--proxy-protocol", "v3"))
                        .getMessage());
        assertEquals("argument --forwarded-allow-ips: invalid forwarded_allow_ips 'localhost': 'localhost' is not an"
                + " IPv4 or IPv6 address (expected addresses or CIDR networks separated by commas, e.g."
                + " 127.0.0.1,::1,10.0.0.0/8, or *)",
                assertThrows(InvalidSettingException.class, () -> CommandLine.parse("--forwarded-allow-ips", "localhost"))
                        .getMessage());
    }

    @Test
    void errorLogHasGunicornsTwoFlags() throws Exception {
        assertEquals(Map.of("errorlog", "/var/log/narwhal/error.log"),
                CommandLine.parse("--error-logfile", "/var/log/narwhal/error.log").overrides());
        assertEquals(Map.of("errorlog", "-"), CommandLine.parse("--log-file", "-").overrides());
        assertEquals(Map.of("errorlog", "e.log"), CommandLine.parse("--log-file=e.log").overrides());
        assertEquals("argument --log-file: invalid errorlog '' (expected - for stderr, or a file)",
                assertThrows(InvalidSettingException.class, () -> CommandLine.parse("--log-file", "")).getMessage(),
                "the flag given is the one named");
        assertEquals("argument --log-file: given more than once", assertThrows(InvalidSettingException.class,
                () -> CommandLine.parse("--error-logfile", "a.log", "--log-file", "b.log")).getMessage());
    }

    @Test
    void unknownFlagIsNamed() {
        var error = assertThrows(InvalidSettingException.class, () -> CommandLine.parse("-w", "2", "--wrokers", "3"));
        assertEquals("unrecognized argument: --wrokers", error.getMessage());
    }

    @Test
    void badValueNamesTheFlag() {
        var error = assertThrows(InvalidSettingException.class, () -> CommandLine.parse("-w", "many"));
        assertEquals("argument -w/--workers: invalid workers 'many' (expected a whole number from 1 to 1024)",
                error.getMessage());
        error = assertThrows(InvalidSettingException.class, () -> CommandLine.parse("--timeout", "0"));
        assertTrue(error.getMessage().startsWith("argument -t/--timeout: invalid timeout '0'"), error.getMessage());
        error = assertThrows(InvalidSettingException.class, () -> CommandLine.parse("-k", "Gevent!"));
        assertEquals("argument -k/--worker-class: invalid worker_class 'Gevent!' (a worker class is a name such as sync"
                + " or virtual)", error.getMessage());
    }

    @Test
    void missingValueAndStrayArgumentsAreErrors() {
        assertEquals("argument -b/--bind: expected one argument",
                assertThrows(InvalidSettingException.class, () -> CommandLine.parse("-b")).getMessage());
        assertTrue(assertThrows(InvalidSettingException.class, () -> CommandLine.parse("myapp:app")).getMessage()
                .startsWith("unexpected argument 'myapp:app'"));
        assertEquals("argument -w/--workers: given more than once",
                assertThrows(InvalidSettingException.class, () -> CommandLine.parse("-w", "1", "-w", "2")).getMessage());
    }

    @Test
    void helpAndVersion() throws Exception {
        assertEquals(CommandLine.Action.HELP, CommandLine.parse("--help").action());
        assertEquals(CommandLine.Action.VERSION, CommandLine.parse("-v").action());
        assertEquals(CommandLine.Action.CHECK_CONFIG, CommandLine.parse("-w", "2", "--check-config").action());
        assertEquals(CommandLine.Action.PRINT_CONFIG, CommandLine.parse("--print-config", "-w", "2").action());
        assertEquals(CommandLine.Action.SERVE, CommandLine.parse("-w", "2").action());
    }

    @Test
    void helpLinesUpTheLongFlagsOfOptionsWithAndWithoutAShortOne() {
        for (String line : new String[] {"  -c, --config FILE ", "  -b, --bind ADDRESS ", "      --threads INT ",
                "      --error-logfile, --log-file FILE ", "      --check-config ", "  -h, --help "}) {
            assertTrue(CommandLine.USAGE.contains("\n" + line), line);
        }
    }
}
