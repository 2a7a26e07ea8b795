package io.narwhal.supervisor;

import io.narwhal.settings.InvalidSettingException;
import io.narwhal.settings.ServerSettings;
import io.narwhal.supervisor.posix.ExitStatus;
import io.narwhal.supervisor.posix.Posix;
import java.io.IOException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.function.IntConsumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The master's one loop, after Gunicorn's arbiter. It alone owns the table of workers; signals, control
 * messages and configuration changes only queue events. Each turn it handles the queued events, reaps the
 * dead, kills the silent, and spawns or retires workers to match the target count, so scaling, reloads and
 * deaths never race.
 */
final class Arbiter implements Runnable {
    private static final Logger LOG = LoggerFactory.getLogger(Arbiter.class);
    private static final long TURN_MILLIS = 100;
    private static final int LISTEN_BACKLOG = 2048;
    /** As Gunicorn: workers that keep dying before they serve mean the app cannot boot; stop, exit 3. */
    private static final int BOOT_FAILURES_TOLERATED = 5;
    private static final int EXIT_BOOT_ERROR = 3;
    private static final Duration QUICK_STOP = Duration.ofSeconds(2);

    private final BlockingQueue<ArbiterEvent> events = new LinkedBlockingQueue<>();
    private final Map<Integer, WorkerProcess> workers = new LinkedHashMap<>();
    private final WorkerCommand command;
    private final IntConsumer exit;
    private ServerSettings settings;
    private int target;
    private int nextAge = 1;
    private int listenerFd = -1;
    private int bootFailures;
    private long stopDeadlineNanos;
    private boolean stopping;
    private boolean killedRemaining;
    private int exitStatus;

    Arbiter(ServerSettings settings, WorkerCommand command, IntConsumer exit) {
        this.settings = settings;
        this.target = settings.workers();
        this.command = command;
        this.exit = exit;
    }

    void submit(ArbiterEvent event) {
        events.add(event);
    }

    @Override
    public void run() {
        int status;
        try {
            status = loop();
        } catch (Throwable failure) {
            LOG.error("the arbiter failed; stopping every worker", failure);
            workers.keySet().forEach(pid -> kill(pid, Posix.SIGKILL));
            status = 1;
        } finally {
            closeListener();
        }
        exit.accept(status);
    }

    private int loop() throws InterruptedException {
        try {
            listenerFd = Posix.openListener(settings.bind().resolve(), LISTEN_BACKLOG);
        } catch (IOException | InvalidSettingException e) {
            LOG.error("{}", e.getMessage());
            return 1;
        }
        LOG.info("Listening at: http://{} ({})", settings.bind(), ProcessHandle.current().pid());
        LOG.info("Using worker: {}", settings.workerClass());
        while (true) {
            ArbiterEvent event = events.poll(TURN_MILLIS, TimeUnit.MILLISECONDS);
            while (event != null) {
                handle(event);
                event = events.poll();
            }
            reapDead();
            if (stopping) {
                if (workers.isEmpty()) {
                    return exitStatus;
                }
                killRemainingAfterDeadline();
                continue;
            }
            killSilent();
            matchWorkerCount();
        }
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
                    closeQuietly(channel);
                } else {
                    worker.control = channel;
                }
            }
            case ArbiterEvent.WorkerReady(int pid) -> {
                WorkerProcess worker = workers.get(pid);
                if (worker != null) {
                    worker.readyNanos = System.nanoTime();
                    worker.lastAliveNanos = worker.readyNanos;
                    bootFailures = 0;
                    LOG.info("Worker {} ready in {} ms", pid, (worker.readyNanos - worker.spawnedNanos) / 1_000_000);
                }
            }
            case ArbiterEvent.Heartbeat(int pid, long receivedNanos, long ageMillis, long requests) -> {
                WorkerProcess worker = workers.get(pid);
                if (worker != null) {
                    worker.lastAliveNanos = Math.max(worker.lastAliveNanos, receivedNanos - ageMillis * 1_000_000);
                    worker.requests = requests;
                }
            }
            case ArbiterEvent.WorkerDisconnected(int pid) -> LOG.debug("control channel of worker {} closed", pid);
        }
    }

    private void handleSignal(String name) {
        LOG.info("Handling signal: {}", name.toLowerCase(java.util.Locale.ROOT));
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
            case "HUP" -> {
                LOG.info("Hang up: restarting every worker gracefully");
                workers.values().forEach(worker -> worker.outdated = true);
            }
            default -> LOG.warn("no action for signal {}", name);
        }
    }

    private void applySettings(ServerSettings changed) {
        if (!changed.bind().equals(settings.bind())) {
            LOG.warn("bind changed from {} to {}: the master keeps its socket; restart the master to rebind",
                    settings.bind(), changed.bind());
        }
        ServerSettings previous = settings;
        settings = new ServerSettings(previous.bind(), changed.workers(), changed.workerClass(), changed.threads(),
                changed.timeout(), changed.gracefulTimeout(), changed.keepAlive());
        target = settings.workers();
        LOG.info("Configuration applied: {}", settings.toMap());
        boolean workersNeedNewSettings = !settings.workerClass().equals(previous.workerClass())
                || settings.threads() != previous.threads() || !settings.keepAlive().equals(previous.keepAlive())
                || !settings.timeout().equals(previous.timeout())
                || !settings.gracefulTimeout().equals(previous.gracefulTimeout());
        if (workersNeedNewSettings) {
            workers.values().forEach(worker -> worker.outdated = true);
        }
    }

    private void beginStop(boolean graceful, int status) {
        if (stopping) {
            if (!graceful) {
                workers.keySet().forEach(pid -> kill(pid, Posix.SIGINT));
            }
            return;
        }
        stopping = true;
        exitStatus = status;
        Duration grace = graceful ? settings.gracefulTimeout() : QUICK_STOP;
        stopDeadlineNanos = System.nanoTime() + grace.toNanos();
        LOG.info("Shutting down: Master ({} stop, {} worker(s))", graceful ? "graceful" : "quick", workers.size());
        // Stop accepting: the kernel socket lives on in the workers until the last one exits.
        closeListener();
        int signal = graceful ? Posix.SIGTERM : Posix.SIGINT;
        workers.keySet().forEach(pid -> kill(pid, signal));
    }

    private void killRemainingAfterDeadline() {
        if (!killedRemaining && System.nanoTime() - stopDeadlineNanos > 0) {
            killedRemaining = true;
            LOG.warn("graceful timeout reached: killing {} worker(s)", workers.size());
            workers.keySet().forEach(pid -> kill(pid, Posix.SIGKILL));
        }
    }

    private void reapDead() {
        List<WorkerProcess> dead = new ArrayList<>();
        for (WorkerProcess worker : workers.values()) {
            try {
                ExitStatus status = Posix.waitNoHang(worker.pid);
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
            worker.closeControl();
            command.deleteStorage(worker.age);
            if (!worker.isReady() && !worker.retiring && !stopping) {
                bootFailures++;
            }
        }
        if (!stopping && bootFailures >= BOOT_FAILURES_TOLERATED) {
            LOG.error("Worker failed to boot {} times in a row: stopping. See the worker errors above.", bootFailures);
            beginStop(false, EXIT_BOOT_ERROR);
        }
    }

    private void logExit(WorkerProcess worker, ExitStatus status) {
        if (stopping || worker.retiring) {
            LOG.info("Worker exiting (pid: {}): {}", worker.pid, status);
        } else if (status.isKilled()) {
            LOG.error("Worker (pid:{}) was {}{}", worker.pid, status,
                    status.signal() == Posix.SIGKILL && !worker.timedOut ? ". Perhaps out of memory?" : "");
        } else {
            LOG.error("Worker (pid:{}) {}", worker.pid, status);
        }
    }

    private void killSilent() {
        long now = System.nanoTime();
        for (WorkerProcess worker : workers.values()) {
            if (!worker.timedOut && worker.silentFor(now).compareTo(settings.timeout()) > 0) {
                worker.timedOut = true;
                LOG.error("WORKER TIMEOUT (pid:{}): silent for {} s; killing it", worker.pid,
                        worker.silentFor(now).toSeconds());
                kill(worker.pid, Posix.SIGKILL);
            }
        }
    }

    /**
     * Spawns or retires workers to match the target. An outdated worker (after HUP or a settings change) is
     * retired only once a fresh one is ready to take its place, so capacity never dips.
     */
    private void matchWorkerCount() {
        List<WorkerProcess> fresh = new ArrayList<>();
        List<WorkerProcess> outdated = new ArrayList<>();
        for (WorkerProcess worker : workers.values()) {
            if (!worker.retiring) {
                (worker.outdated ? outdated : fresh).add(worker);
            }
        }
        for (int missing = target - fresh.size(); missing > 0; missing--) {
            spawn();
        }
        for (int extra = fresh.size() - target; extra > 0; extra--) {
            retire(fresh.get(fresh.size() - extra));
        }
        long freshReady = fresh.stream().filter(WorkerProcess::isReady).count();
        long outdatedToKeep = Math.max(0, target - freshReady);
        for (int i = 0; i < outdated.size() - outdatedToKeep; i++) {
            retire(outdated.get(i));
        }
    }

    private void spawn() {
        int age = nextAge++;
        try {
            int pid = Posix.spawn(command.executable(), command.argv(age, settings), WorkerCommand.environment(),
                    listenerFd);
            workers.put(pid, new WorkerProcess(pid, age, System.nanoTime()));
            LOG.info("Booting worker with pid: {}", pid);
        } catch (IOException e) {
            LOG.error("cannot start a worker: {}", e.getMessage());
            bootFailures++;
        }
    }

    private void retire(WorkerProcess worker) {
        worker.retiring = true;
        LOG.info("Retiring worker {} (age {})", worker.pid, worker.age);
        kill(worker.pid, Posix.SIGTERM);
    }

    private static void kill(int pid, int signal) {
        try {
            Posix.kill(pid, signal);
        } catch (IOException e) {
            LOG.error("cannot signal worker {}: {}", pid, e.getMessage());
        }
    }

    private void closeListener() {
        if (listenerFd >= 0) {
            try {
                Posix.close(listenerFd);
            } catch (RuntimeException | IOException e) {
                LOG.debug("closing the listener: {}", e.toString());
            }
            listenerFd = -1;
        }
    }

    private static void closeQuietly(AutoCloseable closeable) {
        try {
            closeable.close();
        } catch (Exception e) {
            // already gone
        }
    }
}
