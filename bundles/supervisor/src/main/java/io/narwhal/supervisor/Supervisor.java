package io.narwhal.supervisor;

import io.narwhal.api.server.Server;
import io.narwhal.launch.LaunchProperties;
import io.narwhal.launch.ProcessExit;
import io.narwhal.settings.ConfigFile;
import io.narwhal.settings.InvalidSettingException;
import io.narwhal.settings.RunnableSettings;
import io.narwhal.settings.ServerSettings;
import io.narwhal.settings.SettingSources;
import io.narwhal.settings.WorkerClasses;
import io.narwhal.supervisor.deploy.AppRevision;
import io.narwhal.supervisor.deploy.DeployFolder;
import io.narwhal.supervisor.deploy.PoolDeployments;
import org.apache.felix.fileinstall.ArtifactInstaller;
import java.io.IOException;
import java.nio.file.Path;
import java.util.Dictionary;
import java.util.HashMap;
import java.util.Hashtable;
import java.util.List;
import java.util.Map;
import org.osgi.framework.BundleContext;
import org.osgi.framework.Constants;
import org.osgi.framework.ServiceRegistration;
import org.osgi.service.cm.Configuration;
import org.osgi.service.cm.ConfigurationAdmin;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.ConfigurationPolicy;
import org.osgi.service.component.annotations.Deactivate;
import org.osgi.service.component.annotations.Modified;
import org.osgi.service.component.annotations.Reference;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The master: starts from the settings the launcher checked, then follows Config Admin PID
 * {@code narwhal.server} (config/narwhal.server.cfg through FileInstall), the -c file (read again) and the command
 * line's flags always on top; on HUP the arbiter has every source read again. Runs the arbiter on one long-lived thread, which
 * also spawns every worker: a worker's parent-death signal follows the thread that spawned it.
 */
@Component(configurationPid = Supervisor.PID, configurationPolicy = ConfigurationPolicy.OPTIONAL, immediate = true)
public final class Supervisor {
    static final String PID = "narwhal.server";
    private static final Logger LOG = LoggerFactory.getLogger(Supervisor.class);
    private static final int EXIT_CONFIG_ERROR = 2;

    private static final String FILEINSTALL_PID = "org.apache.felix.fileinstall";

    @Reference
    private ConfigurationAdmin configurationAdmin;
    private BundleContext context;
    private DeployFolder deployFolder;
    private ServiceRegistration<ArtifactInstaller> installer;
    private ServiceRegistration<Server> server;
    private Configuration deployWatch;
    private ControlServer controlServer;
    private SignalBridge signals;
    private Arbiter arbiter;
    private Thread arbiterThread;
    private ServerSettings settings;
    private SettingSources sources;
    /** What the worker-type bundles the workers boot with provide: a config edit naming another is refused. */
    private java.util.Set<String> workerClasses;

    @Activate
    void activate(BundleContext context) {
        this.context = context;
        String configFile = context.getProperty(LaunchProperties.CONFIG_FILE);
        sources = new SettingSources(Path.of(context.getProperty("narwhal.home")).resolve(LaunchProperties.SERVER_CONFIG),
                configFile == null ? null : Path.of(configFile),
                ServerSettings.fromProperties(LaunchProperties.FLAG_PREFIX, context::getProperty));
        try {
            settings = LaunchProperties.initialSettings(context::getProperty);
            workerClasses = WorkerClasses.installed(
                    Path.of(context.getProperty("narwhal.home")).resolve(WorkerClasses.WORKER_BUNDLES));
        } catch (InvalidSettingException | IOException e) {
            LOG.error("narwhal.server.cfg: {}", e.getMessage());
            exitProcess(EXIT_CONFIG_ERROR);
            return;
        }
        Path home = Path.of(context.getProperty("narwhal.home"));
        Path runtimeDir = Path.of(context.getProperty("narwhal.runtime.dir"));
        Path socket = runtimeDir.resolve("control.sock");
        WorkerCommand command = new WorkerCommand(home, runtimeDir, socket);
        List<AppRevision> apps;
        try {
            deployFolder = new DeployFolder(Path.of(context.getProperty(LaunchProperties.DEPLOY_DIR)),
                    runtimeDir.resolve("apps"));
            apps = deployFolder.scan();
        } catch (IOException e) {
            LOG.error("cannot read the deploy folder: {}", e.getMessage());
            exitProcess(1);
            return;
        }
        PosixProcessHost host = new PosixProcessHost(command);
        arbiter = new Arbiter(settings, host, SystemdNotifier.fromEnvironment(System.getenv()),
                this::exitProcess, new PoolDeployments(apps, deployFolder::prune), () -> checked(sources.read()));
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
        watchDeployFolder();
        String version = context.getProperty(LaunchProperties.VERSION);
        if (version == null) {
            version = context.getBundle().getVersion().toString();
        }
        LOG.info("Starting narwhal {} (master pid {})", version, ProcessHandle.current().pid());
        arbiterThread = Thread.ofPlatform().name("narwhal-arbiter").start(arbiter);
        server = context.registerService(Server.class, new ServerService(arbiter::submit, host::listeningAt,
                new LiveConfiguration(sources, workerClasses, arbiter::submit), version), null);
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
            ConfigFile.requirePlainValues(configuration);
            Map<String, Object> merged = new HashMap<>(configuration);
            merged.putAll(sources.overrides());
            ServerSettings changed = checked(merged);
            if (!changed.equals(settings)) {
                settings = changed;
                arbiter.submit(new ArbiterEvent.SettingsChanged(changed));
            }
        } catch (InvalidSettingException e) {
            LOG.error("narwhal.server.cfg: {}; keeping the running configuration", e.getMessage());
        }
    }

    /**
     * FileInstall watches the deploy folder once the installer that claims its jars is registered: FileInstall
     * would install a jar no installer claims into the master itself, and the master never runs app code.
     */
    private void watchDeployFolder() {
        deployFolder.listen(new DeployFolder.Listener() {
            @Override
            public void changed(AppRevision revision) {
                arbiter.submit(new ArbiterEvent.AppChanged(revision));
            }

            @Override
            public void removed(String app) {
                arbiter.submit(new ArbiterEvent.AppRemoved(app));
            }
        });
        installer = context.registerService(ArtifactInstaller.class, deployFolder, null);
        try {
            Dictionary<String, Object> watch = new Hashtable<>();
            watch.put("felix.fileinstall.dir", deployFolder.folder().toString());
            watch.put("felix.fileinstall.filter", ".*\\.jar");
            watch.put("felix.fileinstall.poll", "200");
            watch.put("felix.fileinstall.noInitialDelay", "true");
            watch.put("felix.fileinstall.log.level", "2");
            watch.put("felix.fileinstall.tmpdir", Path.of(context.getProperty("narwhal.runtime.dir"), "fileinstall").toString());
            deployWatch = configurationAdmin.createFactoryConfiguration(FILEINSTALL_PID, "?");
            deployWatch.update(watch);
            LOG.info("Watching {} for apps", deployFolder.folder());
        } catch (IOException e) {
            LOG.error("cannot watch the deploy folder {}: {}; apps change only at a restart", deployFolder.folder(),
                    e.toString());
        }
    }

    @Deactivate
    void deactivate() throws InterruptedException {
        if (server != null) {
            server.unregister();
        }
        if (deployWatch != null) {
            try {
                deployWatch.delete();
            } catch (IOException | IllegalStateException e) {
                // the framework is stopping: its watchers go with it
            }
        }
        if (installer != null) {
            installer.unregister();
        }
        if (deployFolder != null) {
            deployFolder.close();
        }
        if (arbiter == null) {
            return;
        }
        arbiter.submit(new ArbiterEvent.Stop(true));
        arbiterThread.join(settings.gracefulTimeout().plusSeconds(10).toMillis());
        signals.close();
        controlServer.close();
    }

    private ServerSettings checked(Map<String, ?> values) throws InvalidSettingException {
        return RunnableSettings.parse(values, workerClasses);
    }

    /** Ends the master process: the launcher exits with this status once the framework has stopped. */
    private void exitProcess(int status) {
        ProcessExit.request(context, status);
    }
}
