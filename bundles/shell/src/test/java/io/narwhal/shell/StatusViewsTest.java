package io.narwhal.shell;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.narwhal.api.server.AppState;
import io.narwhal.api.server.ServerStatus;
import io.narwhal.api.server.BootBackoff;
import io.narwhal.api.server.AppStatus;
import io.narwhal.api.server.SettingStatus;
import io.narwhal.api.server.WorkerState;
import io.narwhal.api.server.WorkerStatus;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;

class StatusViewsTest {
    @Test
    void workersTextIsOneRowPerWorkerAndASummary() {
        assertEquals("""
                ID  PID   STATE              UPTIME  REQUESTS  RSS       PSS      HEARTBEAT  APPS
                3   4001  serving            3h07m   1500      48.2 MB   20.0 MB  0.4s ago   hello.jar 1.2.0, echo.jar (deploying 1.1.0)
                4   4002  booting (spare)    5s      0         -         -        1.2s ago   -
                2   3999  serving, outdated  1d00h   123456    100.0 MB  80.5 MB  0.0s ago   hello.jar -, old.jar (undeploying)
                1   3998  retiring           2d04h   99        64.0 MB   32.0 MB  31.0s ago  hello.jar (failed 2.0.0)
                2 of 2 worker(s) serving, 1 spare(s) kept
                """, StatusViews.workersText(Statuses.mixed()));
    }

    @Test
    void workersTextSaysTheServerIsStoppingAndLeavesOutSparesWhereNoneAreKept() {
        assertEquals("""
                ID  PID  STATE  UPTIME  REQUESTS  RSS  PSS  HEARTBEAT  APPS
                0 of 1 worker(s) serving; the server is stopping
                """, StatusViews.workersText(Statuses.with(List.of(), 1, 0, true)));
    }

    @Test
    void aSpareStandingByIsNotMarkedSpareAndAnExitingOutdatedWorkerIsMarkedOutdated() {
        WorkerStatus standingBy = new WorkerStatus(5, 5005, WorkerState.STANDING_BY, true, false,
                Duration.ofSeconds(61), 0, Duration.ofMillis(50), 0, 0, List.of());
        WorkerStatus exiting = new WorkerStatus(6, 5006, WorkerState.EXITING, false, true, Duration.ofSeconds(3600),
                7, Duration.ofMillis(9_950), 0, 0, List.of());

        assertEquals("""
                ID  PID   STATE              UPTIME  REQUESTS  RSS     PSS     HEARTBEAT  APPS
                5   5005  standing by        1m01s   0         0.0 MB  0.0 MB  0.1s ago   -
                6   5006  exiting, outdated  1h00m   7         0.0 MB  0.0 MB  10.0s ago  -
                0 of 3 worker(s) serving, 2 spare(s) kept
                """, StatusViews.workersText(Statuses.with(List.of(standingBy, exiting), 3, 2, false)));
    }

    @Test
    void workersJsonHasEveryFieldInOrderWithStatesInWords() {
        assertEquals("[{\"id\":3,\"pid\":4001,\"state\":\"serving\",\"spare\":false,\"outdated\":false,"
                + "\"uptime_s\":11220.5,\"requests\":1500,\"rss_bytes\":50541363,\"pss_bytes\":20971520,"
                + "\"since_heartbeat_s\":0.4,\"apps\":["
                + "{\"app\":\"hello.jar\",\"bundle\":\"com.example.hello\",\"version\":\"1.2.0\",\"sha256\":\""
                + Statuses.SHA_A + "\",\"state\":\"active\",\"mount\":\"/hello\"},"
                + "{\"app\":\"echo.jar\",\"bundle\":\"com.example.echo\",\"version\":\"1.1.0\",\"sha256\":\""
                + Statuses.SHA_B + "\",\"state\":\"deploying\",\"mount\":\"\"}]},"
                + "{\"id\":4,\"pid\":4002,\"state\":\"booting\",\"spare\":true,\"outdated\":false,"
                + "\"uptime_s\":5.0,\"requests\":0,\"rss_bytes\":-1,\"pss_bytes\":-1,"
                + "\"since_heartbeat_s\":1.2,\"apps\":[]}]",
                Json.of(StatusViews.workersJson(
                        Statuses.with(List.of(Statuses.SERVING, Statuses.BOOTING_SPARE), 1, 1, false))));
    }

    @Test
    void appsTextIsOneRowPerAppOnEachWorkerWithDashesForWhatIsUnknown() {
        assertEquals("""
                WORKER  PID   APP        BUNDLE             VERSION  SHA           STATE        MOUNT
                3       4001  hello.jar  com.example.hello  1.2.0    0123456789ab  active       /hello
                3       4001  echo.jar   com.example.echo   1.1.0    fedcba987654  deploying    -
                2       3999  hello.jar  -                  -        abc           active       api.example.com/,/
                2       3999  old.jar    -                  -        -             undeploying  -
                1       3998  hello.jar  com.example.hello  2.0.0    0123456789ab  failed       -
                """, StatusViews.appsText(Statuses.mixed()));
    }

    @Test
    void appsTextOfNoAppsIsTheHeadingAlone() {
        assertEquals("WORKER  PID  APP  BUNDLE  VERSION  SHA  STATE  MOUNT\n",
                StatusViews.appsText(Statuses.with(List.of(Statuses.BOOTING_SPARE), 1, 1, false)));
    }

    @Test
    void appsJsonNamesTheWorkerAndPidOfEachApp() {
        assertEquals("[{\"worker\":2,\"pid\":3999,\"app\":\"hello.jar\",\"bundle\":\"\",\"version\":\"\","
                + "\"sha256\":\"abc\",\"state\":\"active\",\"mount\":\"api.example.com/,/\"},"
                + "{\"worker\":2,\"pid\":3999,\"app\":\"old.jar\",\"bundle\":\"\",\"version\":\"\","
                + "\"sha256\":\"\",\"state\":\"undeploying\",\"mount\":\"\"}]",
                Json.of(StatusViews.appsJson(Statuses.with(List.of(Statuses.OUTDATED), 1, 0, false))));
    }

    @Test
    void statsJsonHasEveryCounterInOrder() {
        assertEquals("{\"master_pid\":4000,\"version\":\"0.1.0\",\"uptime_s\":11220,\"worker_class\":\"sync\","
                + "\"workers_target\":2,\"workers_serving\":2,\"spare_workers\":1,\"stopping\":false,"
                + "\"requests\":5000,\"workers_booted\":7,\"workers_died\":1,\"worker_timeouts\":0,"
                + "\"workers_recycled\":2,\"reloads\":1,\"boot_failures_in_a_row\":0,\"next_boot_in_s\":0.0,"
                + "\"last_boot_failure\":\"\"}", Json.of(StatusViews.statsJson(Statuses.mixed())));
    }

    @Test
    void statsTextIsOneAlignedLinePerKeyInTheJsonOrder() {
        assertEquals("""
                master_pid              4000
                version                 0.1.0
                uptime_s                11220
                worker_class            sync
                workers_target          2
                workers_serving         2
                spare_workers           1
                stopping                false
                requests                5000
                workers_booted          7
                workers_died            1
                worker_timeouts         0
                workers_recycled        2
                reloads                 1
                boot_failures_in_a_row  0
                next_boot_in_s          0.0
                last_boot_failure
                """, StatusViews.statsText(Statuses.mixed()));
    }

    @Test
    void workersTextSaysWhyBootsFailAndWhenTheNextComes() {
        ServerStatus failing = new ServerStatus(4000, "0.1.0", Duration.ofSeconds(10), "sync", 2, 0,
                List.of("0.0.0.0:8000"), false, List.of(), Statuses.COUNTERS,
                new BootBackoff(3, Duration.ofSeconds(4), "Worker 4242 died before it was ready"));
        assertEquals("""
                ID  PID  STATE  UPTIME  REQUESTS  RSS  PSS  HEARTBEAT  APPS
                0 of 2 worker(s) serving
                boots failing: 3 in a row, the last: Worker 4242 died before it was ready; the next boot in 4s
                """, StatusViews.workersText(failing));
        assertEquals("3", StatusViews.statsJson(failing).get("boot_failures_in_a_row").toString());
        assertEquals("4.0", StatusViews.statsJson(failing).get("next_boot_in_s").toString());
    }

    @Test
    void configTextShowsAnEmptyValueAsTwoQuotesAndNoPendingColumnWhereNothingIsPending() {
        assertEquals("""
                KEY      VALUE  ORIGIN
                workers  4      command line
                proc     ''     default
                """, StatusViews.configText(List.of(new SettingStatus("workers", "4", "command line", ""),
                new SettingStatus("proc", "", "default", ""))));
    }

    @Test
    void configTextHasThePendingColumnWhereAnySettingIsPending() {
        assertEquals("""
                KEY      VALUE  ORIGIN                     SOURCES SAY (NOT APPLIED)
                workers  4      config/narwhal.server.cfg  8
                timeout  30     default
                """, StatusViews.configText(List.of(
                new SettingStatus("workers", "4", "config/narwhal.server.cfg", "8"),
                new SettingStatus("timeout", "30", "default", ""))));
    }

    @Test
    void settingJsonHasKeyValueOriginAndPending() {
        assertEquals("{\"key\":\"workers\",\"value\":\"4\",\"origin\":\"default\",\"pending\":\"\"}",
                Json.of(StatusViews.settingJson(new SettingStatus("workers", "4", "default", ""))));
    }

    @Test
    void aShortChecksumIsShownWhole() {
        assertEquals("abc", new AppStatus("a.jar", "a", "1", "abc", AppState.ACTIVE, "/").shortChecksum());
    }
}
