package io.narwhal.worker.host;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import io.narwhal.api.codec.HttpCompliance;
import io.narwhal.api.codec.ProxyProtocol;
import io.narwhal.api.codec.RequestLimits;
import io.narwhal.api.worker.WorkerSettings;
import io.narwhal.settings.ServerSettings;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** A worker reads the master's settings by the master's own definitions: what one writes, the other reads back. */
class MasterSettingsTest {
    @Test
    void whatTheMasterWritesTheWorkerReadsBack() throws Exception {
        ServerSettings master = ServerSettings.parse(Map.ofEntries(Map.entry("worker_class", "gthread"),
                Map.entry("threads", "4"), Map.entry("worker_connections", "50"), Map.entry("keepalive", "7"),
                Map.entry("timeout", "40"), Map.entry("limit_request_line", "0"), Map.entry("header_timeout", "3"),
                Map.entry("http_compliance", "lenient"), Map.entry("body_min_rate", "0"),
                Map.entry("proxy_protocol", "v2"), Map.entry("accesslog", "-"), Map.entry("graceful_timeout", "9")));
        Map<String, String> properties = new HashMap<>();
        master.toMap().forEach((key, value) -> properties.put("narwhal." + key, value));

        ServerSettings read = MasterSettings.read(properties::get);
        assertEquals(master, read);
        WorkerSettings worker = MasterSettings.workerSettings(read);
        assertEquals(4, worker.threads());
        assertEquals(50, worker.workerConnections());
        assertEquals(Duration.ofSeconds(7), worker.keepAlive());
        assertEquals(Duration.ofSeconds(40), worker.timeout());
        assertEquals(new RequestLimits(ServerSettings.MAX_REQUEST_LINE, 100, 8190), worker.limits(), "0 is Gunicorn's most");
        assertEquals(Duration.ofSeconds(3), worker.headerTimeout());
        assertEquals(HttpCompliance.named("lenient"), worker.compliance());
        assertEquals(0, worker.bodyMinRate());
        assertEquals(ProxyProtocol.V2, worker.proxyTrust().proxyProtocol());
    }

    @Test
    void aSettingTheMasterCouldNotHaveWrittenStopsTheWorker() {
        IllegalStateException e = assertThrows(IllegalStateException.class,
                () -> MasterSettings.read(Map.of("narwhal.workers", "many")::get));
        assertEquals("bad settings from the master: invalid workers 'many' (expected a whole number from 1 to 1024)",
                e.getMessage());
    }
}
