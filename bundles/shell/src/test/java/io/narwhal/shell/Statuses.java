package io.narwhal.shell;

import io.narwhal.api.server.AppState;
import io.narwhal.api.server.AppStatus;
import io.narwhal.api.server.ServerCounters;
import io.narwhal.api.server.ServerStatus;
import io.narwhal.api.server.WorkerState;
import io.narwhal.api.server.WorkerStatus;
import java.time.Duration;
import java.util.List;

/** Statuses for the views' and the commands' tests: one of each kind of worker and app. */
final class Statuses {
    static final String SHA_A = "0123456789abcdef0123456789abcdef0123456789abcdef0123456789abcdef";
    static final String SHA_B = "fedcba9876543210fedcba9876543210fedcba9876543210fedcba9876543210";
    static final long MB = 1024 * 1024;

    static final AppStatus HELLO = new AppStatus("hello.jar", "com.example.hello", "1.2.0", SHA_A, AppState.ACTIVE, "/hello");
    static final AppStatus ECHO_DEPLOYING =
            new AppStatus("echo.jar", "com.example.echo", "1.1.0", SHA_B, AppState.DEPLOYING, "");

    /** Serving, with an app active and one deploying. */
    static final WorkerStatus SERVING = new WorkerStatus(3, 4001, WorkerState.SERVING, false, false,
            Duration.ofMillis(11_220_500), 1500, Duration.ofMillis(400), 50_541_363, 20 * MB,
            List.of(HELLO, ECHO_DEPLOYING));
    /** A spare still booting; its memory unknown. */
    static final WorkerStatus BOOTING_SPARE = new WorkerStatus(4, 4002, WorkerState.BOOTING, true, false,
            Duration.ofSeconds(5), 0, Duration.ofMillis(1200), -1, -1, List.of());
    /** Serving with older settings; one app whose revision the master no longer holds, one undeploying. */
    static final WorkerStatus OUTDATED = new WorkerStatus(2, 3999, WorkerState.SERVING, false, true,
            Duration.ofDays(1), 123_456, Duration.ZERO, 100 * MB, 84_410_368,
            List.of(new AppStatus("hello.jar", "", "", "abc", AppState.ACTIVE, "api.example.com/,/"),
                    new AppStatus("old.jar", "", "", "", AppState.UNDEPLOYING, "")));
    /** Retiring (outdated too, which the table does not repeat), its app failed. */
    static final WorkerStatus RETIRING = new WorkerStatus(1, 3998, WorkerState.RETIRING, false, true,
            Duration.ofHours(52), 99, Duration.ofSeconds(31), 64 * MB, 32 * MB,
            List.of(new AppStatus("hello.jar", "com.example.hello", "2.0.0", SHA_A, AppState.FAILED, "")));

    static final ServerCounters COUNTERS = new ServerCounters(5000, 7, 1, 0, 2, 1);

    private Statuses() {
    }

    /** Target 2 with 1 spare; the four workers above, in that order. */
    static ServerStatus mixed() {
        return new ServerStatus(4000, "0.1.0", Duration.ofMillis(11_220_900), "sync", 2, 1,
                List.of("0.0.0.0:8000", "[::1]:8443"), false, List.of(SERVING, BOOTING_SPARE, OUTDATED, RETIRING),
                COUNTERS, null);
    }

    static ServerStatus with(List<WorkerStatus> workers, int target, int spares, boolean stopping) {
        return new ServerStatus(4000, "0.1.0", Duration.ofSeconds(10), "sync", target, spares, List.of("0.0.0.0:8000"),
                stopping, workers, COUNTERS, null);
    }
}
