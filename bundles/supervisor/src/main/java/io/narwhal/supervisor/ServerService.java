package io.narwhal.supervisor;

import io.narwhal.api.server.MetricFamily;
import io.narwhal.api.server.Readiness;
import io.narwhal.api.server.Server;
import io.narwhal.api.server.ServerStatus;
import io.narwhal.api.server.SettingStatus;
import io.narwhal.api.server.WorkerStatus;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.function.Consumer;
import java.util.function.Function;
import java.util.function.Supplier;

/**
 * The {@link Server} service: each call becomes an arbiter event and waits for the loop to take it. A loop that
 * does not answer in time is reported as such, never waited on forever.
 */
final class ServerService implements Server {
    /** The loop turns every 100 ms; a command it has not answered within this is stuck behind something. */
    private static final Duration ANSWER_WITHIN = Duration.ofSeconds(10);

    private final Consumer<ArbiterEvent> arbiter;
    private final Supplier<String> listening;
    private final LiveConfiguration configuration;
    private final String version;
    private final long startedNanos = System.nanoTime();

    /** @param listening the socket's address (not the bind setting: systemd may have passed the socket) */
    ServerService(Consumer<ArbiterEvent> arbiter, Supplier<String> listening, LiveConfiguration configuration,
            String version) {
        this.arbiter = arbiter;
        this.listening = listening;
        this.configuration = configuration;
        this.version = version;
    }

    @Override
    public ServerStatus status() {
        return statusOf(ask(ArbiterEvent.Inspect::new));
    }

    @Override
    public Readiness readiness() {
        return this.<PoolStatus.Snapshot>ask(ArbiterEvent.Inspect::new).readiness();
    }

    @Override
    public List<MetricFamily> metrics() {
        PoolStatus.Snapshot pool = ask(ArbiterEvent.Inspect::new);
        return PoolMetrics.of(statusOf(pool), pool);
    }

    private ServerStatus statusOf(PoolStatus.Snapshot pool) {
        // Off the loop: reading /proc for every worker must not hold up supervision.
        List<WorkerStatus> rows = pool.workers().stream().map(worker -> {
            ProcessMemory memory = ProcessMemory.of(worker.pid());
            return worker.withMemory(memory.rssBytes(), memory.pssBytes());
        }).toList();
        return new ServerStatus(ProcessHandle.current().pid(), version,
                Duration.ofNanos(System.nanoTime() - startedNanos), pool.settings().workerClass(), pool.target(),
                pool.settings().spareWorkers(), List.of(listening.get()), pool.stopping(), rows,
                pool.counters(), pool.bootBackoff());
    }

    @Override
    public int scale(int workers) {
        return ask(reply -> new ArbiterEvent.Scale(current -> workers, reply));
    }

    @Override
    public int increase(int by) {
        requirePositive(by);
        return ask(reply -> new ArbiterEvent.Scale(current -> current + by, reply));
    }

    @Override
    public int decrease(int by) {
        requirePositive(by);
        return ask(reply -> new ArbiterEvent.Scale(current -> Math.max(1, current - by), reply));
    }

    @Override
    public void kill(int workerId, boolean force) {
        this.<Void>ask(reply -> new ArbiterEvent.KillWorker(workerId, force, reply));
    }

    @Override
    public List<SettingStatus> configuration() {
        PoolStatus.Snapshot pool = ask(ArbiterEvent.Inspect::new);
        return configuration.describe(pool.settings());
    }

    @Override
    public SettingStatus configure(String key, String value) {
        return configuration.set(key, value);
    }

    @Override
    public void reload() {
        this.<Void>ask(ArbiterEvent.Reload::new);
    }

    @Override
    public void reopenLogs() {
        this.<Void>ask(ArbiterEvent.ReopenLogs::new);
    }

    @Override
    public void stop(boolean graceful) {
        arbiter.accept(new ArbiterEvent.Stop(graceful));
    }

    private static void requirePositive(int by) {
        if (by < 1) {
            throw new IllegalArgumentException("a count of workers is 1 or more, not " + by);
        }
    }

    private <T> T ask(Function<CompletableFuture<T>, ArbiterEvent.Command> command) {
        CompletableFuture<T> reply = new CompletableFuture<>();
        arbiter.accept(command.apply(reply));
        try {
            return reply.get(ANSWER_WITHIN.toMillis(), TimeUnit.MILLISECONDS);
        } catch (ExecutionException e) {
            if (e.getCause() instanceof RuntimeException refusal) {
                throw refusal;
            }
            throw new IllegalStateException(e.getCause());
        } catch (TimeoutException e) {
            throw new IllegalStateException("the master's loop did not answer within " + ANSWER_WITHIN.toSeconds()
                    + " s; it may be stopping");
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while waiting for the master's loop");
        }
    }
}
