package io.narwhal.shell;

import io.narwhal.api.server.Server;
import io.narwhal.api.server.ServerStatus;
import io.narwhal.api.server.SettingStatus;
import io.narwhal.launch.LaunchProperties;
import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import org.apache.felix.service.command.CommandSession;
import org.apache.felix.service.command.Descriptor;
import org.apache.felix.service.command.Parameter;
import org.osgi.framework.BundleContext;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;

/**
 * The {@code narwhal:*} Gogo commands, Gunicorn's control commands and more. Each answers with text for people or,
 * with {@code --json} (or narwhal-shell's {@code --json}), one JSON value for scripts. A command the server refuses
 * fails with the reason.
 */
@Component(service = NarwhalCommands.class, property = {
        "osgi.command.scope=narwhal",
        "osgi.command.function=workers", "osgi.command.function=stats", "osgi.command.function=listeners",
        "osgi.command.function=apps", "osgi.command.function=scale", "osgi.command.function=incr",
        "osgi.command.function=decr", "osgi.command.function=kill", "osgi.command.function=reload",
        "osgi.command.function=reopen", "osgi.command.function=stop", "osgi.command.function=deploy",
        "osgi.command.function=undeploy", "osgi.command.function=config"})
public final class NarwhalCommands {
    /** The session variable narwhal-shell's {@code --json} sets: every command answers in JSON. */
    static final String JSON_VARIABLE = "narwhal.json";
    private static final String JSON_FLAG = "--json";

    @Reference
    private Server server;
    private DeployFolderFiles deployFolder;

    @Activate
    void activate(BundleContext context) {
        deployFolder = new DeployFolderFiles(Path.of(context.getProperty(LaunchProperties.DEPLOY_DIR)));
    }

    @Descriptor("every worker: id, pid, state, uptime, requests served, memory, last heartbeat, apps")
    public String workers(CommandSession session, @Descriptor("answer in JSON") @Parameter(names = JSON_FLAG,
            presentValue = "true", absentValue = "false") boolean json) {
        return show(session, json, StatusViews::workersJson, StatusViews::workersText);
    }

    @Descriptor("the server's counters since start: requests, boots, deaths, timeouts, recycles, reloads")
    public String stats(CommandSession session, @Descriptor("answer in JSON") @Parameter(names = JSON_FLAG,
            presentValue = "true", absentValue = "false") boolean json) {
        return show(session, json, StatusViews::statsJson, StatusViews::statsText);
    }

    @Descriptor("the addresses the server listens at")
    public String listeners(CommandSession session, @Descriptor("answer in JSON") @Parameter(names = JSON_FLAG,
            presentValue = "true", absentValue = "false") boolean json) {
        return show(session, json, ServerStatus::listeners, status -> String.join("\n",
                status.listeners().stream().map(address -> "http://" + address).toList()) + "\n");
    }

    @Descriptor("every app on every worker: name, bundle, version, checksum, state")
    public String apps(CommandSession session, @Descriptor("answer in JSON") @Parameter(names = JSON_FLAG,
            presentValue = "true", absentValue = "false") boolean json) {
        return show(session, json, StatusViews::appsJson, StatusViews::appsText);
    }

    @Descriptor("set the number of serving workers")
    public String scale(CommandSession session, @Descriptor("workers, 1 to 1024") int workers) {
        return target(session, server.scale(workers));
    }

    @Descriptor("one worker more")
    public String incr(CommandSession session) {
        return incr(session, 1);
    }

    @Descriptor("more workers")
    public String incr(CommandSession session, @Descriptor("how many more") int by) {
        return target(session, server.increase(by));
    }

    @Descriptor("one worker less (never below one)")
    public String decr(CommandSession session) {
        return decr(session, 1);
    }

    @Descriptor("fewer workers (never below one)")
    public String decr(CommandSession session, @Descriptor("how many fewer") int by) {
        return target(session, server.decrease(by));
    }

    @Descriptor("stop one worker (it finishes what it has; --force: at once); the pool replaces it")
    public String kill(CommandSession session, @Descriptor("SIGKILL instead of a graceful stop") @Parameter(
            names = {"-f", "--force"}, presentValue = "true", absentValue = "false") boolean force,
            @Descriptor("the worker's id, as narwhal:workers shows it") int id) {
        server.kill(id, force);
        return done(session, "worker " + id + (force ? " killed" : " retiring") + "; the pool replaces it");
    }

    @Descriptor("as HUP: read every configuration source again and replace every worker, a few at a time")
    public String reload(CommandSession session) {
        server.reload();
        return done(session, "reloading: every worker is replaced, each once its successor serves");
    }

    @Descriptor("as USR1: the master and every worker reopen their log files")
    public String reopen(CommandSession session) {
        server.reopenLogs();
        return done(session, "log files reopened");
    }

    @Descriptor("as TERM: stop the server once in-flight requests are done (--quick: as INT)")
    public String stop(CommandSession session, @Descriptor("stop at once, as INT") @Parameter(names = "--quick",
            presentValue = "true", absentValue = "false") boolean quick) {
        server.stop(!quick);
        return done(session, (quick ? "quick" : "graceful") + " stop under way");
    }

    @Descriptor("copy an app bundle into the deploy folder: every worker installs or updates it in place")
    public String deploy(CommandSession session, @Descriptor("the app's jar") String file) throws IOException {
        Path copied = deployFolder.deploy(session.currentDir().resolve(file));
        return done(session, copied.getFileName() + " copied into " + copied.getParent()
                + ": every worker takes it within seconds (narwhal:apps shows it)");
    }

    @Descriptor("remove an app from the deploy folder: every worker uninstalls it")
    public String undeploy(CommandSession session, @Descriptor("the app's jar name, as narwhal:apps shows it")
            String app) throws IOException {
        Path removed = deployFolder.undeploy(app);
        return done(session, removed.getFileName() + " removed from " + removed.getParent()
                + ": every worker uninstalls it");
    }

    @Descriptor("every setting as the server runs with it, and where its value came from")
    public String config(CommandSession session, @Descriptor("answer in JSON") @Parameter(names = JSON_FLAG,
            presentValue = "true", absentValue = "false") boolean json) {
        List<SettingStatus> settings = server.configuration();
        return json(session, json) ? Json.of(settings.stream().map(StatusViews::settingJson).toList())
                : StatusViews.configText(settings);
    }

    @Descriptor("config set KEY VALUE: change a setting live and keep it in config/narwhal.server.cfg")
    public String config(CommandSession session, @Descriptor("set") String verb, @Descriptor("the setting")
            String key, @Descriptor("its new value") String value) {
        if (!verb.equals("set")) {
            throw new IllegalArgumentException("narwhal:config takes no argument, or: set KEY VALUE (not " + verb + ")");
        }
        SettingStatus applied = server.configure(key, value);
        return json(session, false) ? Json.of(StatusViews.settingJson(applied))
                : applied.key() + " = " + applied.value() + ": applied, and kept in " + applied.origin() + "\n";
    }

    /** The server's status now, as JSON or as text for people. */
    private String show(CommandSession session, boolean json, Function<ServerStatus, Object> asJson,
            Function<ServerStatus, String> asText) {
        ServerStatus status = server.status();
        return json(session, json) ? Json.of(asJson.apply(status)) : asText.apply(status);
    }

    private static String target(CommandSession session, int target) {
        return json(session, false) ? Json.of(Map.of("target", target)) : "target: " + target + " worker(s)\n";
    }

    private static String done(CommandSession session, String message) {
        return json(session, false) ? Json.of(Map.of("done", message)) : message + "\n";
    }

    private static boolean json(CommandSession session, boolean asked) {
        return asked || Boolean.TRUE.equals(session.get(JSON_VARIABLE));
    }
}
