package io.narwhal.shell;

import io.narwhal.api.server.AppState;
import io.narwhal.api.server.BootBackoff;
import io.narwhal.api.server.AppStatus;
import io.narwhal.api.server.ServerCounters;
import io.narwhal.api.server.ServerStatus;
import io.narwhal.api.server.SettingStatus;
import io.narwhal.api.server.WorkerState;
import io.narwhal.api.server.WorkerStatus;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.stream.Collectors;

/** The server's status as the commands show it: a table or lines for people, JSON for scripts. */
final class StatusViews {
    private StatusViews() {
    }

    static String workersText(ServerStatus status) {
        TextTable table = new TextTable("ID", "PID", "STATE", "UPTIME", "REQUESTS", "RSS", "PSS", "HEARTBEAT", "APPS");
        for (WorkerStatus worker : status.workers()) {
            table.row(Integer.toString(worker.id()), Long.toString(worker.pid()), state(worker),
                    Units.duration(worker.uptime()), Long.toString(worker.requests()),
                    Units.megabytes(worker.rssBytes()), Units.megabytes(worker.pssBytes()),
                    Units.ago(worker.sinceHeartbeat()) + " ago", appsInBrief(worker.apps()));
        }
        return table.toString() + status.serving() + " of " + status.targetWorkers() + " worker(s) serving"
                + (status.spareWorkers() > 0 ? ", " + status.spareWorkers() + " spare(s) kept" : "")
                + (status.stopping() ? "; the server is stopping" : "") + "\n" + backoffText(status.bootBackoff());
    }

    /** "boots failing: 3 in a row, the last: Worker 4242 died before it was ready; the next boot in 4s". */
    private static String backoffText(BootBackoff backoff) {
        return backoff == null ? "" : "boots failing: " + backoff.failuresInARow() + " in a row, the last: "
                + backoff.lastFailure() + "; the next boot in " + Units.duration(backoff.nextBootIn()) + "\n";
    }

    static List<Map<String, Object>> workersJson(ServerStatus status) {
        return status.workers().stream().map(worker -> {
            Map<String, Object> row = new LinkedHashMap<>();
            row.put("id", worker.id());
            row.put("pid", worker.pid());
            row.put("state", name(worker.state()));
            row.put("spare", worker.spare());
            row.put("outdated", worker.outdated());
            row.put("uptime_s", worker.uptime().toMillis() / 1000.0);
            row.put("requests", worker.requests());
            row.put("rss_bytes", worker.rssBytes());
            row.put("pss_bytes", worker.pssBytes());
            row.put("since_heartbeat_s", worker.sinceHeartbeat().toMillis() / 1000.0);
            row.put("apps", worker.apps().stream().map(StatusViews::appJson).toList());
            return row;
        }).toList();
    }

    static String appsText(ServerStatus status) {
        TextTable table = new TextTable("WORKER", "PID", "APP", "BUNDLE", "VERSION", "SHA", "STATE", "MOUNT");
        for (WorkerStatus worker : status.workers()) {
            for (AppStatus app : worker.apps()) {
                table.row(Integer.toString(worker.id()), Long.toString(worker.pid()), app.app(),
                        orDash(app.symbolicName()), orDash(app.version()), orDash(app.shortChecksum()), name(app.state()), orDash(app.mount()));
            }
        }
        return table.toString();
    }

    static List<Map<String, Object>> appsJson(ServerStatus status) {
        return status.workers().stream().flatMap(worker -> worker.apps().stream().map(app -> {
            Map<String, Object> row = new LinkedHashMap<>();
            row.put("worker", worker.id());
            row.put("pid", worker.pid());
            row.putAll(appJson(app));
            return row;
        })).toList();
    }

    static String statsText(ServerStatus status) {
        Map<String, Object> stats = statsJson(status);
        int width = stats.keySet().stream().mapToInt(String::length).max().orElse(0);
        StringBuilder out = new StringBuilder();
        stats.forEach((key, value) -> out.append((key + " ".repeat(width - key.length() + 2) + value).stripTrailing())
                .append('\n'));
        return out.toString();
    }

    static Map<String, Object> statsJson(ServerStatus status) {
        ServerCounters counters = status.counters();
        Map<String, Object> stats = new LinkedHashMap<>();
        stats.put("master_pid", status.masterPid());
        stats.put("version", status.version());
        stats.put("uptime_s", status.uptime().toSeconds());
        stats.put("worker_class", status.workerClass());
        stats.put("workers_target", status.targetWorkers());
        stats.put("workers_serving", status.serving());
        stats.put("spare_workers", status.spareWorkers());
        stats.put("stopping", status.stopping());
        stats.put("requests", counters.requests());
        stats.put("workers_booted", counters.workersBooted());
        stats.put("workers_died", counters.workersDied());
        stats.put("worker_timeouts", counters.workerTimeouts());
        stats.put("workers_recycled", counters.workersRecycled());
        stats.put("reloads", counters.reloads());
        BootBackoff backoff = status.bootBackoff();
        stats.put("boot_failures_in_a_row", backoff == null ? 0 : backoff.failuresInARow());
        stats.put("next_boot_in_s", backoff == null ? 0 : backoff.nextBootIn().toMillis() / 1000.0);
        stats.put("last_boot_failure", backoff == null ? "" : backoff.lastFailure());
        return stats;
    }

    static String configText(List<SettingStatus> settings) {
        boolean anyPending = settings.stream().anyMatch(setting -> !setting.pending().isEmpty());
        TextTable table = anyPending ? new TextTable("KEY", "VALUE", "ORIGIN", "SOURCES SAY (NOT APPLIED)")
                : new TextTable("KEY", "VALUE", "ORIGIN");
        for (SettingStatus setting : settings) {
            String value = setting.value().isEmpty() ? "''" : setting.value();
            if (anyPending) {
                table.row(setting.key(), value, setting.origin(), setting.pending());
            } else {
                table.row(setting.key(), value, setting.origin());
            }
        }
        return table.toString();
    }

    static Map<String, Object> settingJson(SettingStatus setting) {
        Map<String, Object> row = new LinkedHashMap<>();
        row.put("key", setting.key());
        row.put("value", setting.value());
        row.put("origin", setting.origin());
        row.put("pending", setting.pending());
        return row;
    }

    private static Map<String, Object> appJson(AppStatus app) {
        Map<String, Object> row = new LinkedHashMap<>();
        row.put("app", app.app());
        row.put("bundle", app.symbolicName());
        row.put("version", app.version());
        row.put("sha256", app.checksum());
        row.put("state", name(app.state()));
        row.put("mount", app.mount());
        return row;
    }

    /** "serving", "booting (spare)", "serving, outdated". */
    private static String state(WorkerStatus worker) {
        String state = name(worker.state());
        if (worker.spare() && worker.state() == WorkerState.BOOTING) {
            state += " (spare)";
        }
        return worker.outdated() && worker.state() != WorkerState.RETIRING ? state + ", outdated" : state;
    }

    /** "hello.jar 1.2.0, echo.jar 1.0.0 (deploying 1.1.0)". */
    private static String appsInBrief(List<AppStatus> apps) {
        if (apps.isEmpty()) {
            return "-";
        }
        return apps.stream().map(app -> app.state() == AppState.ACTIVE ? app.app() + " " + orDash(app.version())
                : app.app() + " (" + name(app.state()) + (app.version().isEmpty() ? "" : " " + app.version()) + ")")
                .collect(Collectors.joining(", "));
    }

    private static String name(Enum<?> value) {
        return value.name().toLowerCase(Locale.ROOT).replace('_', ' ');
    }

    private static String orDash(String text) {
        return text.isEmpty() ? "-" : text;
    }
}
