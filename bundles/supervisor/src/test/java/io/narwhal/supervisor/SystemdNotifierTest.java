package io.narwhal.supervisor;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;

import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class SystemdNotifierTest {
    private final List<String> sent = new ArrayList<>();
    private long clock = 5_000_000;
    private final SystemdNotifier notifier = new SystemdNotifier(sent::add, () -> clock);

    private static ServiceState pool(int target, int serving, int outdated, long reloads) {
        return new ServiceState(target, serving, outdated, serving + outdated, false, reloads);
    }

    @Test
    void readyOnlyOnceEveryWorkerAskedForServes_withTheStatusOnEveryChange() {
        notifier.update(pool(2, 0, 0, 0));
        notifier.update(pool(2, 0, 0, 0));
        notifier.update(pool(2, 1, 0, 0));
        notifier.update(pool(2, 2, 0, 0));
        notifier.update(pool(2, 2, 0, 0));
        notifier.update(pool(2, 1, 0, 0));
        assertEquals(List.of("STATUS=booting, 0 of 2 workers serving", "STATUS=booting, 1 of 2 workers serving",
                "READY=1\nSTATUS=2 of 2 workers serving", "STATUS=1 of 2 workers serving"), sent);
    }

    @Test
    void aHupIsReloadingStampedWithTheMonotonicClock_thenReadyOnceEveryOutdatedWorkerIsReplaced() {
        notifier.update(pool(2, 2, 0, 0));
        sent.clear();
        clock = 7_000_000;
        notifier.update(pool(2, 2, 2, 1));
        notifier.update(pool(2, 2, 1, 1));
        notifier.update(pool(2, 1, 0, 1));
        notifier.update(pool(2, 2, 0, 1));
        assertEquals(List.of("RELOADING=1\nMONOTONIC_USEC=7000000\nSTATUS=reloading, 2 of 2 workers serving, 2 to replace",
                "STATUS=reloading, 2 of 2 workers serving, 1 to replace",
                "STATUS=reloading, 1 of 2 workers serving, 0 to replace",
                "READY=1\nSTATUS=2 of 2 workers serving"), sent);
    }

    @Test
    void everyHupIsToldEvenDuringAReload_soNotifyReloadSeesOneAfterItsSignal() {
        notifier.update(pool(1, 1, 0, 0));
        notifier.update(pool(1, 1, 1, 1));
        sent.clear();
        clock = 9_000_000;
        notifier.update(pool(1, 1, 1, 2));
        assertEquals(List.of("RELOADING=1\nMONOTONIC_USEC=9000000"), sent);
    }

    @Test
    void aHupWhileBootingIsPartOfStarting() {
        notifier.update(pool(1, 0, 1, 1));
        notifier.update(pool(1, 1, 0, 1));
        notifier.update(pool(1, 1, 0, 1));
        assertEquals(List.of("STATUS=booting, 0 of 1 workers serving", "READY=1\nSTATUS=1 of 1 workers serving"), sent);
    }

    @Test
    void stoppingOnce_thenTheWorkersDraining() {
        notifier.update(pool(3, 3, 0, 0));
        sent.clear();
        notifier.update(new ServiceState(3, 0, 0, 3, true, 0));
        notifier.update(new ServiceState(3, 0, 0, 3, true, 0));
        notifier.update(new ServiceState(3, 0, 0, 1, true, 0));
        notifier.update(new ServiceState(3, 0, 0, 0, true, 0));
        assertEquals(List.of("STOPPING=1\nSTATUS=stopping, 3 workers draining", "STATUS=stopping, 1 worker draining",
                "STATUS=stopping, every worker exited"), sent);
    }

    @Test
    void aStopWhileBootingIsStopping() {
        notifier.update(pool(2, 0, 0, 0));
        notifier.update(new ServiceState(2, 0, 0, 2, true, 0));
        assertEquals("STOPPING=1\nSTATUS=stopping, 2 workers draining", sent.getLast());
    }

    @Test
    void aFailedSendHarmsNothing_andTheNextChangeIsSentAgain() {
        List<String> delivered = new ArrayList<>();
        boolean[] down = {true};
        SystemdNotifier flaky = new SystemdNotifier(message -> {
            if (down[0]) {
                throw new IOException("Connection refused");
            }
            delivered.add(message);
        }, () -> 0);
        flaky.update(pool(1, 0, 0, 0));
        flaky.update(pool(1, 1, 0, 0));
        down[0] = false;
        flaky.update(new ServiceState(1, 0, 0, 1, true, 0));
        assertEquals(List.of("STOPPING=1\nSTATUS=stopping, 1 worker draining"), delivered);
    }

    @Test
    void withoutANotifySocketNoOneIsNotified() {
        assertSame(ServiceManager.NONE, SystemdNotifier.fromEnvironment(Map.of()));
        assertSame(ServiceManager.NONE, SystemdNotifier.fromEnvironment(Map.of("NOTIFY_SOCKET", "")));
        assertSame(ServiceManager.NONE, SystemdNotifier.fromEnvironment(Map.of("NOTIFY_SOCKET", "vsock:2:1234")));
    }
}
