package io.narwhal.supervisor;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class WorkerCommandTest {
    @Test
    void aWorkerGetsTheMastersEnvironmentButNothingSystemdMeantForTheMaster() {
        Map<String, String> master = Map.of("PATH", "/usr/bin", "NOTIFY_SOCKET", "/run/systemd/notify",
                "LISTEN_PID", "4242", "LISTEN_FDS", "1", "LISTEN_FDNAMES", "narwhal.socket");
        assertEquals(List.of("PATH=/usr/bin"), WorkerCommand.environment(master));
    }
}
