package io.narwhal.runtime.master;

import io.narwhal.launch.ErrorLog;
import io.narwhal.launch.LaunchProperties;
import io.narwhal.launch.LogLevel;
import io.narwhal.launch.ProcessExit;
import io.narwhal.launch.RuntimeDirectory;
import io.narwhal.runtime.FelixBoot;
import io.narwhal.settings.CommandLine;
import io.narwhal.settings.InvalidSettingException;
import io.narwhal.settings.RunnableSettings;
import io.narwhal.settings.ServerSettings;
import io.narwhal.settings.SettingSources;
import io.narwhal.settings.WorkerClasses;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.osgi.framework.launch.Framework;

/**
 * {@code narwhal}: checks the command line and the settings before anything starts, then boots the
 * master's framework (supervisor, Config Admin, FileInstall over config/) and waits for it to stop.
 */
public final class MasterMain {
    /** Exit status for a bad flag, setting or file, as argparse (and so Gunicorn) uses. */
    private static final int USAGE_ERROR = 2;

    private MasterMain() {
    }

    public static void main(String[] args) throws Exception {
        // Before the first logger: the log pattern prints it on every line.
        System.setProperty("narwhal.pid", Long.toString(ProcessHandle.current().pid()));
        Path home = Path.of(System.getProperty("narwhal.home", ".")).toAbsolutePath().normalize();
        SettingSources sources;
        ServerSettings initial;
        PidFile pidFile = null;
        boolean console;
        try {
            CommandLine commandLine = CommandLine.parse(args);
            switch (commandLine.action()) {
                case HELP -> {
                    System.out.print(CommandLine.USAGE);
                    return;
                }
                case VERSION -> {
                    System.out.println("narwhal " + version());
                    return;
                }
                case SERVE, CHECK_CONFIG, PRINT_CONFIG -> {
                    // read and checked below
                }
            }
            sources = new SettingSources(home.resolve(LaunchProperties.SERVER_CONFIG), commandLine.configFile(), commandLine.overrides());
            initial = RunnableSettings.parse(sources.read(),
                    WorkerClasses.installed(home.resolve(WorkerClasses.WORKER_BUNDLES)));
            ErrorLog.apply(initial.errorLog());
            LogLevel.apply(initial.logLevel());
            initial.bind().resolve();
            if (commandLine.action() != CommandLine.Action.SERVE) {
                if (commandLine.action() == CommandLine.Action.PRINT_CONFIG) {
                    initial.toMap().forEach((key, value) -> System.out.println(key + " = " + value));
                }
                return;
            }
            if (commandLine.console() && (System.console() == null || !System.console().isTerminal())) {
                throw new InvalidSettingException("--console needs a terminal on standard input; from a script, use"
                        + " bin/narwhal-shell");
            }
            console = commandLine.console();
            if (commandLine.pidFile() != null) {
                pidFile = PidFile.write(commandLine.pidFile());
            }
        } catch (InvalidSettingException e) {
            System.err.println("narwhal: error: " + e.getMessage());
            System.exit(USAGE_ERROR);
            return;
        }
        System.setProperty("narwhal.role", "master");
        Path runtimeDir = RuntimeDirectory.create(home);
        Map<String, String> properties = frameworkProperties(home, runtimeDir, initial, sources);
        properties.put(LaunchProperties.CONSOLE, Boolean.toString(console));
        Framework framework = FelixBoot.start(properties,
                home.resolve("system/master"), List.of(), "sun.misc,jdk.net");
        Runtime.getRuntime().addShutdownHook(Thread.ofPlatform().unstarted(() -> stopQuietly(framework)));
        framework.waitForStop(0);
        RuntimeDirectory.delete(runtimeDir);
        if (pidFile != null) {
            pidFile.remove();
        }
        System.exit(ProcessExit.status());
    }

    /**
     * The supervisor starts from the settings checked here, without waiting for FileInstall to hand the same
     * file to Config Admin; later edits of the file come through Config Admin, the -c file (read again) and the flags
     * still on top.
     */
    private static Map<String, String> frameworkProperties(Path home, Path runtimeDir, ServerSettings initial,
            SettingSources sources) throws java.io.IOException {
        Map<String, String> properties = new HashMap<>();
        initial.toMap().forEach((key, value) -> properties.put(LaunchProperties.INITIAL_PREFIX + key, value));
        properties.put("org.osgi.framework.storage", runtimeDir.resolve("master-cache").toString());
        properties.put("narwhal.home", home.toString());
        properties.put(LaunchProperties.VERSION, version());
        properties.put("narwhal.runtime.dir", runtimeDir.toString());
        properties.put(LaunchProperties.DEPLOY_DIR, deployDir(home).toString());
        sources.flags().forEach((key, value) -> properties.put(LaunchProperties.FLAG_PREFIX + key, value));
        if (sources.configFile() != null) {
            properties.put(LaunchProperties.CONFIG_FILE, sources.configFile().toAbsolutePath().toString());
        }
        FelixBoot.watchConfigFolder(properties, home.resolve("config"), 1000,
                Files.createDirectories(runtimeDir.resolve("fileinstall")));
        return properties;
    }

    /** bin/narwhal's NARWHAL_DEPLOY, else the distribution's own deploy folder. */
    private static Path deployDir(Path home) {
        String chosen = System.getProperty(LaunchProperties.DEPLOY_DIR);
        return chosen == null || chosen.isBlank() ? home.resolve("deploy") : Path.of(chosen).toAbsolutePath().normalize();
    }

    private static String version() {
        String version = MasterMain.class.getPackage().getImplementationVersion();
        return version == null ? "(development build)" : version;
    }

    private static void stopQuietly(Framework framework) {
        try {
            framework.stop();
            framework.waitForStop(60_000);
        } catch (Exception e) {
            // the process is exiting anyway
        }
    }
}
