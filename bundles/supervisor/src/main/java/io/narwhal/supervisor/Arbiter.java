package io.narwhal.supervisor;

import io.narwhal.control.ControlMessage;
import io.narwhal.launch.ErrorLog;
import io.narwhal.launch.LogLevel;
import io.narwhal.settings.InvalidSettingException;
import io.narwhal.settings.ServerSettings;
import io.narwhal.supervisor.deploy.AppRevision;
import io.narwhal.supervisor.deploy.PoolDeployments;
import io.narwhal.supervisor.posix.ExitStatus;
import io.narwhal.supervisor.WorkerProcess.Stage;
import io.narwhal.supervisor.posix.Posix;
import java.io.IOException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.OptionalInt;
import java.util.Set;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import java.util.function.IntConsumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The master's one loop, after Gunicorn's arbiter. It alone owns the table of workers; signals, control
 * messages and configuration changes only queue events. Each turn it handles the queued events, reaps the
 * dead, kills the silent, and spawns or retires workers to match the target count, so scaling, reloads and
 * deaths never race. With spare_workers, it also keeps that many spares booted (apps and deploys included) but not
 * accepting, and promotes one in place of each serving worker that dies or is retired, instead of waiting for a
 * new JVM to boot.
 */
final class Arbiter implements Runnable {
    private static final Logger LOG = LoggerFactory.getLogger(Arbiter.class);
    private static final long TURN_MILLIS = 100;
    static final int EXIT_BOOT_ERROR = 3;
    private static final Duration QUICK_STOP = Duration.ofSeconds(2);
    /**
     * A booting worker has at least this long before it counts as silent: a short {@code timeout} is about
     * requests, and must not turn a slow boot on a busy machine into a restart loop.
     */
    static final Duration BOOT_ALLOWANCE = Duration.ofSeconds(30);
    /** Settings only the master reads: changing them replaces no worker. */
    private static final Set<String> MASTER_ONLY_SETTINGS = Set.of(ServerSettings.BIND, ServerSettings.WORKERS,
            ServerSettings.MAX_REQUESTS, ServerSettings.MAX_REQUESTS_JITTER, ServerSettings.SPARE_WORKERS,
            ServerSettings.METRICS_BIND, ServerSettings.STATSD_HOST, ServerSettings.STATSD_PREFIX,
            ServerSettings.DOGSTATSD_TAGS);

    private final BlockingQueue<ArbiterEvent> events = new LinkedBlockingQueue<>();
    private final Map<Integer, WorkerProcess> workers = new LinkedHashMap<>();
    private final ProcessHost host;
    private final ServiceManager serviceManager;
    private final IntConsumer exit;
    private ServerSettings settings;
    /** The settings last asked for, before the bind is kept: one asked for twice is applied once. */
    private ServerSettings lastChange;
    private int target;
    private int nextAge = 1;
    private final BootFailures bootFailures = new BootFailures();
    private final PoolCounters counters = new PoolCounters();
    private long stopDeadlineNanos;
    private boolean stopping;
    private boolean killedRemaining;
    private int exitStatus;

    private final PoolDeployments deployments;
    private final SettingsReader reread;

    /** The settings read again from every source (files and flags), for HUP. */
    @FunctionalInterface
    interface SettingsReader {
        ServerSettings read() throws InvalidSettingException;
    }

    Arbiter(ServerSettings settings, ProcessHost host, ServiceManager serviceManager, IntConsumer exit,
            PoolDeployments deployments, SettingsReader reread) {
        this.reread = reread;
        this.settings = settings;
        this.lastChange = settings;
        this.target = settings.workers();
        this.host = host;
        this.serviceManager = serviceManager;
        this.exit = exit;
        this.deployments = deployments;
    }

    void submit(ArbiterEvent event) {
        events.add(event);
    }

    @Override
    public void run() {
        int status;
        try {
            status = start() ? loop() : 1;
        } catch (Throwable failure) {
            LOG.error("the arbiter failed; stopping every worker", failure);
            workers.keySet().forEach(pid -> signal(pid, Posix.SIGKILL));
            status = 1;
        } finally {
            host.closeListener();
        }
        exit.accept(status);
    }

    /** Binds the socket; false (and the reason logged) when it cannot. */
    boolean start() {
        String address;
        try {
            address = host.listen(settings.bind());
        } catch (IOException e) {
            LOG.error("{}", e.getMessage());
            return false;
        }
        LOG.info("Listening at: http://{} ({})", address, ProcessHandle.current().pid());
        LOG.info("Using worker: {}", settings.workerClass());
        if (settings.workerClass().equals("sync") && settings.threads() > 1) {
            LOG.warn("threads = {} does not apply to the sync worker, which serves one request at a time",
                    settings.threads());
        }
        return true;
    }

    private int loop() throws InterruptedException {
        while (true) {
            ArbiterEvent first = events.poll(TURN_MILLIS, TimeUnit.MILLISECONDS);
            if (first != null) {
                events.add(first);
            }
            OptionalInt finished = turn();
            if (finished.isPresent()) {
                return finished.getAsInt();
            }
        }
    }

    /** One turn of the loop; the exit status once the master is done. */
    OptionalInt turn() {
        for (ArbiterEvent event = events.poll(); event != null; event = events.poll()) {
            handle(event);
        }
        List<WorkerProcess> reaped = reapDead();
        OptionalInt finished = matchThePool();
        // After the replacements, so deleting a dead worker's framework cache does not hold up a promotion.
        reaped.forEach(worker -> host.workerGone(worker.age));
        serviceManager.update(ServiceState.of(target, stopping, counters.reloads(), workers.values()));
        return finished;
    }

    private OptionalInt matchThePool() {
        if (stopping) {
            if (workers.isEmpty()) {
                return OptionalInt.of(exitStatus);
            }
            killRemainingAfterDeadline();
            return OptionalInt.empty();
        }
        killSilent();
        matchWorkerCount();
        workers.values().forEach(this::promoteIfDue);
        rollOutDeploys();
        return OptionalInt.empty();
    }

    /**
     * Sends each booted worker its share of the pool's deploy commands: spares too, so a promoted spare serves
     * what the pool serves. Serving workers come first, so a rollout's first worker is one that serves.
     */
    private void rollOutDeploys() {
        List<Integer> booted = new ArrayList<>();
        List<Integer> spares = new ArrayList<>();
        workers.values().forEach(worker -> {
            if (worker.isReady() && worker.stage != Stage.RETIRING && worker.control != null) {
                (worker.standsBy() ? spares : booted).add(worker.pid);
            }
        });
        booted.addAll(spares);
        for (PoolDeployments.Command command : deployments.nextCommands(booted)) {
            try {
                workers.get(command.pid()).send(command.message());
            } catch (IOException e) {
                // The worker is dying: reaping it forgets what it was asked.
                LOG.warn("cannot send {} to worker {}: {}", command.message(), command.pid(), e.toString());
            }
        }
    }

    /** The workers alive now, oldest first (for tests). */
    List<WorkerProcess> workers() {
        return List.copyOf(workers.values());
    }

    private void handle(ArbiterEvent event) {
        switch (event) {
            case ArbiterEvent.SignalReceived(String name) -> handleSignal(name);
            case ArbiterEvent.Stop(boolean graceful) -> beginStop(graceful, 0);
            case ArbiterEvent.SettingsChanged(ServerSettings changed) -> applySettings(changed);
            case ArbiterEvent.WorkerConnected(int pid, var channel) -> {
                WorkerProcess worker = workers.get(pid);
                if (worker == null) {
                    LOG.warn("control connection from unknown process {}; closing it", pid);
                    WorkerProcess.closeQuietly(channel);
                } else {
                    worker.control = channel;
                }
            }
            case ArbiterEvent.WorkerReady(int pid) -> {
                WorkerProcess worker = workers.get(pid);
                if (worker != null) {
                    worker.readyNanos = host.nanoTime();
                    worker.lastAliveNanos = worker.readyNanos;
                    bootFailures.ready();
                    LOG.info("{} {} ready in {} ms", worker.standsBy() ? "Spare worker" : "Worker", pid,
                            (worker.readyNanos - worker.spawnedNanos) / 1_000_000);
                }
            }
            case ArbiterEvent.Heartbeat(int pid, long receivedNanos, long ageMillis, long requests) -> {
                WorkerProcess worker = workers.get(pid);
                if (worker != null) {
                    worker.lastAliveNanos = Math.max(worker.lastAliveNanos, receivedNanos - ageMillis * 1_000_000);
                    worker.requests = requests;
                    recycleIfWornOut(worker);
                }
            }
            case ArbiterEvent.StatsReported(int pid, var stats) -> {
                WorkerProcess worker = workers.get(pid);
                if (worker != null) {
                    worker.stats = stats;
                }
            }
            case ArbiterEvent.WorkerDisconnected(int pid) -> {
                LOG.debug("control channel of worker {} closed", pid);
                WorkerProcess worker = workers.get(pid);
                if (worker != null) {
                    if (worker.stage != Stage.RETIRING) {
                        worker.stage = Stage.DISCONNECTED;
                    }
                    worker.closeControl();
                }
            }
            case ArbiterEvent.AppChanged(AppRevision revision) -> deployments.changed(revision);
            case ArbiterEvent.AppRemoved(String app) -> deployments.removed(app);
            case ArbiterEvent.DeployOutcome(int pid, ControlMessage outcome) -> deployments.outcome(pid, outcome);
            case ArbiterEvent.AppsMounted(int pid, var mounts) -> {
                WorkerProcess worker = workers.get(pid);
                if (worker != null) {
                    worker.mounts = mounts;
                }
            }
            case ArbiterEvent.Command command -> answer(command);
        }
    }

    /** An operator's command, carried out as the signal it stands for would be; a refusal completes the reply. */
    private void answer(ArbiterEvent.Command command) {
        try {
            if (stopping && !(command instanceof ArbiterEvent.Inspect)) {
                throw new IllegalStateException("the server is stopping");
            }
            switch (command) {
                case ArbiterEvent.Inspect(var reply) -> reply.complete(
                        PoolStatus.of(settings, target, stopping, workers.values(), deployments, counters,
                        bootFailures, host.nanoTime()));
                case ArbiterEvent.Scale(var change, var reply) -> reply.complete(scaleTo(change.applyAsInt(target)));
                case ArbiterEvent.KillWorker(int id, boolean force, var reply) -> {
                    kill(id, force);
                    reply.complete(null);
                }
                case ArbiterEvent.Reload(var reply) -> {
                    hangUp();
                    reply.complete(null);
                }
                case ArbiterEvent.ReopenLogs(var reply) -> {
                    reopenLogs();
                    reply.complete(null);
                }
            }
        } catch (RuntimeException e) {
            command.reply().completeExceptionally(e);
        }
    }

    private int scaleTo(int workers) {
        if (workers < 1 || workers > ServerSettings.MOST_WORKERS) {
            throw new IllegalArgumentException("the pool takes 1 to " + ServerSettings.MOST_WORKERS
                    + " workers, not " + workers);
        }
        if (workers != target) {
            LOG.info("{} the number of workers to {}", workers > target ? "Increasing" : "Decreasing", workers);
            target = workers;
        }
        return target;
    }

    private void kill(int id, boolean force) {
        WorkerProcess worker = workers.values().stream().filter(candidate -> candidate.age == id).findFirst()
                .orElseThrow(() -> new IllegalArgumentException("no worker " + id + " runs (see narwhal:workers)"));
        if (!force) {
            retire(worker);
            return;
        }
        LOG.info("Killing worker {} (pid {}) at once, as asked", worker.age, worker.pid);
        worker.stage = Stage.RETIRING;
        signal(worker.pid, Posix.SIGKILL);
    }

    /** max_requests: a worn-out worker is replaced like an outdated one, its successor ready first. */
    private void recycleIfWornOut(WorkerProcess worker) {
        if (worker.maxRequests > 0 && worker.requests >= worker.maxRequests && !worker.outdated) {
            worker.outdated = true;
            counters.recycled();
            LOG.info("Worker {} served {} requests (max_requests): replacing it", worker.pid, worker.requests);
        }
    }

    private void handleSignal(String name) {
        LOG.info("Handling signal: {}", name.toLowerCase(Locale.ROOT));
        switch (name) {
            case "TERM" -> beginStop(true, 0);
            case "INT" -> beginStop(false, 0);
            case "TTIN" -> {
                target++;
                LOG.info("Increasing the number of workers to {}", target);
            }
            case "TTOU" -> {
                if (target > 1) {
                    target--;
                    LOG.info("Decreasing the number of workers to {}", target);
                }
            }
            case "HUP" -> hangUp();
            // Received, so the JVM's default action (ending the master, leaving its PID file) never applies.
            case "USR1" -> reopenLogs();
            case "USR2" -> LOG.warn("USR2 (upgrade the master in place) is not supported by narwhal; ignored");
            case "WINCH" -> LOG.info("WINCH ignored: narwhal does not daemonize (as Gunicorn, when not daemonized)");
            default -> LOG.warn("no action for signal {}", name);
        }
    }

    /**
     * HUP, as Gunicorn's: every configuration source read again and applied, then every worker replaced. A source
     * that does not read keeps the running configuration, named in the log; the workers are replaced all the same.
     */
    private void hangUp() {
        try {
            ServerSettings read = reread.read();
            if (!read.equals(settings)) {
                applySettings(read);
            }
        } catch (InvalidSettingException e) {
            LOG.error("HUP: {}; keeping the running configuration", e.getMessage());
        }
        counters.reloaded();
        LOG.info("Hang up: restarting every worker gracefully");
        workers.values().forEach(worker -> worker.outdated = true);
    }

    /**
     * USR1, as logrotate sends it after moving the files: the master reopens its error log (a file; stderr has nothing
     * to reopen), every worker its error and access logs.
     */
    private void reopenLogs() {
        ErrorLog.reopen();
        LOG.info("Reopening the log files of the master and {} worker(s)", workers.size());
        for (WorkerProcess worker : workers.values()) {
            if (worker.control != null && worker.stage != Stage.RETIRING) {
                try {
                    worker.send(new ControlMessage.ReopenLogs());
                } catch (IOException e) {
                    LOG.warn("cannot ask worker {} to reopen its logs: {}", worker.pid, e.toString());
                }
            }
        }
    }

    private void applySettings(ServerSettings changed) {
        if (changed.equals(lastChange)) {
            // Already applied: the shell applies its edit at once, and the file's watcher then hands it over again.
            return;
        }
        lastChange = changed;
        if (!changed.bind().equals(settings.bind())) {
            LOG.warn("bind changed from {} to {}: the master keeps its socket; restart the master to rebind",
                    settings.bind(), changed.bind());
        }
        if (!java.util.Objects.equals(changed.metricsBind(), settings.metricsBind())) {
            LOG.warn("metrics_bind changed from {} to {}: the admin listener stays where it is; restart the master to"
                    + " move it", settings.metricsBind(), changed.metricsBind());
        }
        ServerSettings previous = settings;
        settings = changed.listeningAs(previous);
        target = settings.workers();
        // At once in the master; the workers read both at boot, so theirs follow with their replacement.
        ErrorLog.apply(settings.errorLog());
        LogLevel.apply(settings.logLevel());
        LOG.info("Configuration applied: {}", settings.toMap());
        if (!readByWorkers(settings).equals(readByWorkers(previous))) {
            workers.values().forEach(worker -> worker.outdated = true);
        }
    }

    /** The settings a worker reads at boot: a change to them replaces the workers. */
    private static Map<String, String> readByWorkers(ServerSettings settings) {
        Map<String, String> read = new LinkedHashMap<>(settings.toMap());
        read.keySet().removeAll(MASTER_ONLY_SETTINGS);
        return read;
    }

    private void beginStop(boolean graceful, int status) {
        if (stopping) {
            if (!graceful) {
                workers.keySet().forEach(pid -> signal(pid, Posix.SIGINT));
            }
            return;
        }
        stopping = true;
        exitStatus = status;
        Duration grace = graceful ? settings.gracefulTimeout() : QUICK_STOP;
        stopDeadlineNanos = host.nanoTime() + grace.toNanos();
        LOG.info("Shutting down: Master ({} stop, {} worker(s))", graceful ? "graceful" : "quick", workers.size());
        // Stop accepting: the kernel socket lives on in the workers until the last one exits.
        host.closeListener();
        int signal = graceful ? Posix.SIGTERM : Posix.SIGINT;
        workers.keySet().forEach(pid -> signal(pid, signal));
    }

    private void killRemainingAfterDeadline() {
        if (!killedRemaining && host.nanoTime() - stopDeadlineNanos > 0) {
            killedRemaining = true;
            LOG.warn("graceful timeout reached: killing {} worker(s)", workers.size());
            workers.keySet().forEach(pid -> signal(pid, Posix.SIGKILL));
        }
    }

    /** The workers that ended, out of the table. */
    private List<WorkerProcess> reapDead() {
        List<WorkerProcess> dead = new ArrayList<>();
        for (WorkerProcess worker : workers.values()) {
            try {
                ExitStatus status = host.pollExit(worker.pid);
                if (status != null) {
                    dead.add(worker);
                    logExit(worker, status);
                }
            } catch (IOException e) {
                LOG.error("cannot wait for worker {}: {}", worker.pid, e.getMessage());
                dead.add(worker);
            }
        }
        for (WorkerProcess worker : dead) {
            workers.remove(worker.pid);
            counters.gone(worker);
            deployments.workerGone(worker.pid);
            worker.closeControl();
            if (!worker.isReady() && worker.stage != Stage.RETIRING && !stopping) {
                bootFailed("Worker " + worker.pid + " died before it was ready");
            }
        }
        if (!stopping && bootFailures.stopTheMaster()) {
            LOG.error("Worker failed to boot {} times in a row: stopping. See the worker errors above.",
                    bootFailures.inARow());
            beginStop(false, EXIT_BOOT_ERROR);
        }
        return dead;
    }

    /** Counts a failed boot; once the pool has served, the next boot waits (the reason and the wait logged). */
    private void bootFailed(String reason) {
        Duration delay = bootFailures.failed(host.nanoTime(), reason);
        if (!delay.isZero()) {
            long serving = workers.values().stream().filter(WorkerProcess::isServing).count();
            LOG.error("{}: failed boot {} in a row; the next boot in {} s, serving on with {} worker(s)", reason,
                    bootFailures.inARow(), delay.toSeconds(), serving);
        }
    }

    private void logExit(WorkerProcess worker, ExitStatus status) {
        if (stopping || worker.stage == Stage.RETIRING) {
            LOG.info("Worker exiting (pid: {}): {}", worker.pid, status);
            return;
        }
        counters.died();
        if (status.isKilled()) {
            LOG.error("Worker (pid:{}) was {}{}", worker.pid, status,
                    status.signal() == Posix.SIGKILL && !worker.timedOut ? ". Perhaps out of memory?" : "");
        } else {
            LOG.error("Worker (pid:{}) {}", worker.pid, status);
        }
    }

    private void killSilent() {
        long now = host.nanoTime();
        Duration bootLimit = settings.timeout().compareTo(BOOT_ALLOWANCE) > 0 ? settings.timeout() : BOOT_ALLOWANCE;
        for (WorkerProcess worker : workers.values()) {
            Duration limit = worker.isReady() ? settings.timeout() : bootLimit;
            if (!worker.timedOut && worker.silentFor(now).compareTo(limit) > 0) {
                worker.timedOut = true;
                counters.timedOut();
                LOG.error("WORKER TIMEOUT (pid:{}): silent for {} s; killing it", worker.pid,
                        worker.silentFor(now).toSeconds());
                signal(worker.pid, Posix.SIGKILL);
            }
        }
    }

    /**
     * Spawns or retires workers to match the target, retiring the oldest first as Gunicorn does. A serving worker
     * missing is a spare promoted if there is one (a ready one first), else a new worker spawned; then the spares
     * are topped up to spare_workers. Outdated workers (after HUP, a settings change, max_requests) are replaced a
     * few at a time ({@link #replacementsAtOnce}), each retired only once a fresh one serves in its place, so capacity
     * never dips however many HUPs or edits come meanwhile: one outdated before it served is retired first, and an
     * outdated spare serves no one and goes at once. Capacity missing outright (a death, a scale-up) is made up at once.
     */
    private void matchWorkerCount() {
        List<WorkerProcess> fresh = new ArrayList<>();
        List<WorkerProcess> spares = new ArrayList<>();
        List<WorkerProcess> outdated = new ArrayList<>();
        for (WorkerProcess worker : workers.values()) {
            if (worker.stage == Stage.RETIRING || worker.stage == Stage.DISCONNECTED) {
                continue;
            }
            if (worker.stage == Stage.SPARE) {
                if (worker.outdated) {
                    retire(worker);
                } else {
                    spares.add(worker);
                }
            } else {
                (worker.outdated ? outdated : fresh).add(worker);
            }
        }
        int missing = target - fresh.size();
        long outdatedServing = outdated.stream().filter(WorkerProcess::isServing).count();
        long uncovered = Math.max(0, missing - outdatedServing);
        long booting = fresh.stream().filter(worker -> !worker.isServing()).count();
        long toStart = uncovered + Math.min(missing - uncovered, Math.max(0, replacementsAtOnce() - booting));
        for (long i = 0; i < toStart; i++) {
            WorkerProcess started = spares.isEmpty() ? spawn(false) : promote(spares);
            if (started != null) {
                fresh.add(started);
            }
        }
        int extra = Math.max(0, fresh.size() - target);
        for (int i = 0; i < extra; i++) {
            retire(fresh.get(i));
        }
        for (int missingSpares = settings.spareWorkers() - spares.size(); missingSpares > 0; missingSpares--) {
            spawn(true);
        }
        for (int i = 0; i < spares.size() - settings.spareWorkers(); i++) {
            retire(spares.get(i));
        }
        long freshServing = fresh.subList(extra, fresh.size()).stream().filter(WorkerProcess::isServing).count();
        long outdatedToKeep = Math.max(0, target - freshServing);
        // Those that never served go first: retiring one of them costs no capacity.
        outdated.sort(Comparator.comparing(WorkerProcess::isServing));
        for (int i = 0; i < outdated.size() - outdatedToKeep; i++) {
            retire(outdated.get(i));
        }
    }

    /**
     * How many replacements of outdated workers boot at once: a quarter of the pool, at least one. Booting JVMs take
     * CPU from the workers serving meanwhile, and a reload need not be faster than the pool can bear.
     */
    private int replacementsAtOnce() {
        return Math.max(1, (target + 3) / 4);
    }

    /** Takes a spare to serve in place of a missing worker, a ready one first. */
    private WorkerProcess promote(List<WorkerProcess> spares) {
        WorkerProcess promoted = spares.stream().filter(WorkerProcess::isReady).findFirst().orElse(spares.getFirst());
        spares.remove(promoted);
        promoted.stage = Stage.PROMOTION_DUE;
        promoteIfDue(promoted);
        return promoted;
    }

    /** Sends PROMOTE to a spare taken to serve, once it can hear it: booted and connected. */
    private void promoteIfDue(WorkerProcess worker) {
        if (worker.stage != Stage.PROMOTION_DUE || !worker.isReady() || worker.control == null) {
            return;
        }
        try {
            worker.send(new ControlMessage.Promote());
            worker.stage = Stage.POOL;
            LOG.info("Worker {} promoted from spare: serving", worker.pid);
        } catch (IOException e) {
            // The spare is dying: once reaped, another takes its place.
            LOG.warn("cannot promote spare worker {}: {}", worker.pid, e.toString());
        }
    }

    /** The new worker; null when it cannot be started (the reason logged) or must wait after a failed boot. */
    private WorkerProcess spawn(boolean spare) {
        if (!bootFailures.mayBoot(host.nanoTime())) {
            return null;
        }
        int age = nextAge++;
        try {
            long maxRequests = settings.maxRequests() == 0 ? 0
                    : settings.maxRequests() + ThreadLocalRandom.current().nextLong(settings.maxRequestsJitter() + 1L);
            List<ControlMessage.Deploy> apps = deployments.bootSet();
            int pid = host.spawnWorker(age, settings, maxRequests, apps, spare);
            deployments.workerSpawned(pid, apps);
            WorkerProcess worker = new WorkerProcess(pid, age, host.nanoTime(), spare, settings.workerClass());
            worker.maxRequests = maxRequests;
            workers.put(pid, worker);
            counters.booted();
            LOG.info("Booting worker with pid: {}{}", pid, spare ? " (spare)" : "");
            return worker;
        } catch (IOException e) {
            LOG.error("cannot start a worker: {}", e.getMessage());
            bootFailed("A worker could not be started");
            return null;
        }
    }

    private void retire(WorkerProcess worker) {
        worker.stage = Stage.RETIRING;
        LOG.info("Retiring worker {} (age {})", worker.pid, worker.age);
        signal(worker.pid, Posix.SIGTERM);
    }

    private void signal(int pid, int signal) {
        try {
            host.signal(pid, signal);
        } catch (IOException e) {
            LOG.error("cannot signal worker {}: {}", pid, e.getMessage());
        }
    }
}
