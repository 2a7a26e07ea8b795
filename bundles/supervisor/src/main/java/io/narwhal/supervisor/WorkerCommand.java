package io.narwhal.supervisor;

import io.narwhal.control.ControlMessage;
import io.narwhal.launch.LaunchProperties;
import io.narwhal.launch.RuntimeDirectory;
import io.narwhal.settings.ServerSettings;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The command line of a worker JVM: the master's own java and class path, the worker JVM options, and the
 * worker's settings as {@code key=value} arguments for its launcher.
 */
final class WorkerCommand {
    /** System property of the master: JVM options for workers, space-separated (bin/narwhal sets it). */
    static final String JVM_OPTIONS_PROPERTY = "narwhal.worker.jvm";
    private static final String MAIN_CLASS = "io.narwhal.runtime.worker.WorkerMain";
    /** A worker never talks to systemd, nor takes the master's activated socket for its own. */
    private static final Set<String> MASTER_ONLY_VARIABLES = Set.of(SystemdNotifier.NOTIFY_SOCKET,
            SocketActivation.LISTEN_PID, SocketActivation.LISTEN_FDS, SocketActivation.LISTEN_FDNAMES);

    private final String java;
    private final Path home;
    private final Path runtimeDir;
    private final Path controlSocket;

    WorkerCommand(Path home, Path runtimeDir, Path controlSocket) {
        this.java = ProcessHandle.current().info().command()
                .orElse(Path.of(System.getProperty("java.home"), "bin", "java").toString());
        this.home = home;
        this.runtimeDir = runtimeDir;
        this.controlSocket = controlSocket;
    }

    String executable() {
        return java;
    }

    Path storage(int age) {
        return runtimeDir.resolve("worker-" + age);
    }

    /** Removes a dead worker's framework cache. */
    void deleteStorage(int age) {
        RuntimeDirectory.delete(storage(age));
    }

    List<String> argv(int age, ServerSettings settings, long maxRequests, List<ControlMessage.Deploy> apps,
            boolean spare) {
        List<String> argv = new ArrayList<>();
        argv.add(java);
        for (String option : System.getProperty(JVM_OPTIONS_PROPERTY, "").split("\\s+")) {
            if (!option.isBlank()) {
                argv.add(option);
            }
        }
        passProperty(argv, "logback.configurationFile");
        argv.add("-cp");
        argv.add(System.getProperty("java.class.path"));
        argv.add(MAIN_CLASS);
        argv.add("narwhal.home=" + home);
        argv.add("narwhal.parent.pid=" + ProcessHandle.current().pid());
        argv.add("narwhal.worker.age=" + age);
        argv.add("narwhal.worker.storage=" + storage(age));
        argv.add("narwhal.control=" + controlSocket);
        argv.add("narwhal.worker.max_requests=" + maxRequests);
        argv.add(LaunchProperties.WORKER_APPS + "=" + ControlMessage.Deploy.encodeAll(apps));
        argv.add(LaunchProperties.WORKER_SPARE + "=" + spare);
        for (Map.Entry<String, String> setting : settings.toMap().entrySet()) {
            argv.add("narwhal." + setting.getKey() + "=" + setting.getValue());
        }
        return argv;
    }

    /** The master's environment, less what systemd set for the master alone (NotifyAccess=main, its sockets). */
    static List<String> environment(Map<String, String> master) {
        List<String> env = new ArrayList<>();
        master.forEach((key, value) -> {
            if (!MASTER_ONLY_VARIABLES.contains(key)) {
                env.add(key + "=" + value);
            }
        });
        return env;
    }

    private static void passProperty(List<String> argv, String name) {
        String value = System.getProperty(name);
        if (value != null) {
            argv.add("-D" + name + "=" + value);
        }
    }
}
