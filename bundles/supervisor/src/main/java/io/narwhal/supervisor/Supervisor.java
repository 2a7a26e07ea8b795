package io.narwhal.supervisor;

import io.narwhal.launch.LaunchProperties;
import io.narwhal.launch.ProcessExit;
import io.narwhal.settings.InvalidSettingException;
import io.narwhal.settings.ServerSettings;
import java.io.IOException;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;
import org.osgi.framework.BundleContext;
import org.osgi.framework.Constants;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.ConfigurationPolicy;
import org.osgi.service.component.annotations.Deactivate;
import org.osgi.service.component.annotations.Modified;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The master: starts from the settings the launcher checked, then follows Config Admin PID
 * {@code narwhal.server} (config/narwhal.server.cfg through FileInstall), the command line's flags always on top. Runs the arbiter on one long-lived thread, which
 * also spawns every worker: a worker's parent-death signal follows the thread that spawned it.
 */
@Component(configurationPid = Supervisor.PID, configurationPolicy = ConfigurationPolicy.OPTIONAL, immediate = true)
public final class Supervisor {
    static final String PID = "narwhal.server";
    private static final Logger LOG = LoggerFactory.getLogger(Supervisor.class);
    private static final int EXIT_CONFIG_ERROR = 2;

    private BundleContext context;
    private ControlServer controlServer;
    private SignalBridge signals;
    private Arbiter arbiter;
    private Thread arbiterThread;
    private ServerSettings settings;

    @Activate
    void activate(BundleContext context) {
        this.context = context;
        try {
            settings = ServerSettings.parse(launchSettings(LaunchProperties.INITIAL_PREFIX));
        } catch (InvalidSettingException e) {
            LOG.error("narwhal.server.cfg: {}", e.getMessage());
            exitProcess(EXIT_CONFIG_ERROR);
            return;
        }
        Path home = Path.of(context.getProperty("narwhal.home"));
        Path runtimeDir = Path.of(context.getProperty("narwhal.runtime.dir"));
        Path socket = runtimeDir.resolve("control.sock");
        WorkerCommand command = new WorkerCommand(home, runtimeDir, socket);
        arbiter = new Arbiter(settings, new PosixProcessHost(command), this::exitProcess);
        try {
            controlServer = new ControlServer(socket, arbiter::submit);
        } catch (IOException | RuntimeException e) {
            // Without its control channel the master cannot supervise: stop rather than hang.
            LOG.error("cannot open the control channel at {}: {}", socket, e.toString());
            arbiter = null;
            exitProcess(1);
            return;
        }
        signals = new SignalBridge(arbiter::submit);
        LOG.info("Starting narwhal {} (master pid {})", context.getBundle().getVersion(), ProcessHandle.current().pid());
        arbiterThread = Thread.ofPlatform().name("narwhal-arbiter").start(arbiter);
    }

    /**
     * A changed file is applied to the running server; an invalid one is refused and harms nothing; a deleted
     * one leaves the server running as it is.
     */
    @Modified
    void modified(Map<String, Object> configuration) {
        if (arbiter == null) {
            return;
        }
        if (!configuration.containsKey(Constants.SERVICE_PID)) {
            LOG.warn("narwhal.server.cfg was removed; keeping the running configuration");
            return;
        }
        try {
            ServerSettings changed = ServerSettings.parse(withOverrides(configuration));
            if (!changed.equals(settings)) {
                settings = changed;
                arbiter.submit(new ArbiterEvent.SettingsChanged(changed));
            }
        } catch (InvalidSettingException e) {
            LOG.error("narwhal.server.cfg: {}; keeping the running configuration", e.getMessage());
        }
    }

    @Deactivate
    void deactivate() throws InterruptedException {
        if (arbiter == null) {
            return;
        }
        arbiter.submit(new ArbiterEvent.Stop(true));
        arbiterThread.join(settings.gracefulTimeout().plusSeconds(10).toMillis());
        signals.close();
        controlServer.close();
    }

    /** The settings the launcher handed over under this prefix (see {@link LaunchProperties}). */
    private Map<String, Object> launchSettings(String prefix) {
        Map<String, Object> settings = new HashMap<>();
        for (String key : ServerSettings.KEYS) {
            String value = context.getProperty(prefix + key);
            if (value != null) {
                settings.put(key, value);
            }
        }
        return settings;
    }

    private Map<String, Object> withOverrides(Map<String, Object> configuration) {
        Map<String, Object> merged = new HashMap<>(configuration);
        merged.putAll(launchSettings(LaunchProperties.OVERRIDE_PREFIX));
        return merged;
    }

    /** Ends the master process: the launcher exits with this status once the framework has stopped. */
    private void exitProcess(int status) {
        ProcessExit.request(context, status);
    }
}
