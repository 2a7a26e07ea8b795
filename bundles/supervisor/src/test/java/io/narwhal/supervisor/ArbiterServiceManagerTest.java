package io.narwhal.supervisor;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.narwhal.settings.ServerSettings;
import io.narwhal.supervisor.deploy.PoolDeployments;
import io.narwhal.supervisor.posix.ExitStatus;
import io.narwhal.supervisor.posix.Posix;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** What the arbiter's table tells systemd over a master's life: the states each turn hands the notifier. */
class ArbiterServiceManagerTest {
    private final FakeProcessHost host = new FakeProcessHost();
    private final List<String> sent = new ArrayList<>();

    private Arbiter arbiter(Map<String, String> values) throws Exception {
        ServerSettings settings = ServerSettings.parse(values);
        Arbiter arbiter = new Arbiter(settings, host, new SystemdNotifier(sent::add, () -> 42), status -> { },
                new PoolDeployments(List.of()), () -> settings);
        assertTrue(arbiter.start());
        return arbiter;
    }

    private static void submit(Arbiter arbiter, ArbiterEvent... events) {
        for (ArbiterEvent event : events) {
            arbiter.submit(event);
        }
        arbiter.turn();
    }

    @Test
    void bootReloadAndStop() throws Exception {
        Arbiter arbiter = arbiter(Map.of("workers", "2"));
        arbiter.turn();
        submit(arbiter, new ArbiterEvent.WorkerReady(1000));
        submit(arbiter, new ArbiterEvent.WorkerReady(1001));
        assertEquals(List.of("STATUS=booting, 0 of 2 workers serving", "STATUS=booting, 1 of 2 workers serving",
                "READY=1\nSTATUS=2 of 2 workers serving"), sent);

        sent.clear();
        submit(arbiter, new ArbiterEvent.SignalReceived("HUP"));
        submit(arbiter, new ArbiterEvent.WorkerReady(1002));
        assertEquals(List.of(1000), host.signalled(Posix.SIGTERM), "one replaced, its successor booting");
        submit(arbiter, new ArbiterEvent.WorkerReady(1003));
        assertEquals(List.of("RELOADING=1\nMONOTONIC_USEC=42\nSTATUS=reloading, 2 of 2 workers serving, 2 to replace",
                "STATUS=reloading, 2 of 2 workers serving, 1 to replace", "READY=1\nSTATUS=2 of 2 workers serving"),
                sent);

        sent.clear();
        submit(arbiter, new ArbiterEvent.SignalReceived("TERM"));
        assertEquals(List.of("STOPPING=1\nSTATUS=stopping, 4 workers draining"), sent,
                "the two retired by the reload still count until they exit");
        List.of(1000, 1001, 1002, 1003).forEach(pid -> host.die(pid, ExitStatus.exited(0)));
        arbiter.turn();
        assertEquals("STATUS=stopping, every worker exited", sent.getLast());
    }

    @Test
    void aSpareServesNoOne() throws Exception {
        Arbiter arbiter = arbiter(Map.of("workers", "1", "spare_workers", "1"));
        arbiter.turn();
        submit(arbiter, new ArbiterEvent.WorkerReady(1001));
        assertEquals("STATUS=booting, 0 of 1 workers serving", sent.getLast(), "1001 is the spare");
        submit(arbiter, new ArbiterEvent.WorkerReady(1000));
        assertEquals("READY=1\nSTATUS=1 of 1 workers serving", sent.getLast());
    }

    @Test
    void aDeathAfterReadyOnlyChangesTheStatus() throws Exception {
        Arbiter arbiter = arbiter(Map.of("workers", "2"));
        arbiter.turn();
        submit(arbiter, new ArbiterEvent.WorkerReady(1000), new ArbiterEvent.WorkerReady(1001));
        sent.clear();
        host.die(1001, ExitStatus.killedBy(Posix.SIGKILL));
        arbiter.turn();
        submit(arbiter, new ArbiterEvent.WorkerReady(1002));
        assertEquals(List.of("STATUS=1 of 2 workers serving", "STATUS=2 of 2 workers serving"), sent);
    }
}
