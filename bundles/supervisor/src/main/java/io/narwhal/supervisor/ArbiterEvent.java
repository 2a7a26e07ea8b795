package io.narwhal.supervisor;

import io.narwhal.control.ControlMessage;
import io.narwhal.settings.ServerSettings;
import io.narwhal.supervisor.deploy.AppRevision;
import java.nio.channels.SocketChannel;
import java.util.concurrent.CompletableFuture;
import java.util.function.IntUnaryOperator;

/** Everything that can change the arbiter's state arrives as one of these, through one queue. */
sealed interface ArbiterEvent {
    /** A signal the master received; handlers only queue it. */
    record SignalReceived(String name) implements ArbiterEvent {
    }

    /** A worker opened its control channel. */
    record WorkerConnected(int pid, SocketChannel channel) implements ArbiterEvent {
    }

    /** A worker's serving loop is running: it accepts from now on. */
    record WorkerReady(int pid) implements ArbiterEvent {
    }

    /** A worker is alive; its loop last made progress {@code ageMillis} before the message was sent. */
    record Heartbeat(int pid, long receivedNanos, long ageMillis, long requests) implements ArbiterEvent {
    }

    /** What a worker served since it started, and its gauges now, sent with its heartbeats. */
    record StatsReported(int pid, ControlMessage.WorkerStats stats) implements ArbiterEvent {
    }

    /** A worker's control channel closed: it is exiting or dead. */
    record WorkerDisconnected(int pid) implements ArbiterEvent {
    }

    record SettingsChanged(ServerSettings settings) implements ArbiterEvent {
    }

    /** The deploy folder holds a new settled revision of an app. */
    record AppChanged(AppRevision revision) implements ArbiterEvent {
    }

    /** An app's jar left the deploy folder. */
    record AppRemoved(String app) implements ArbiterEvent {
    }

    /** A worker's answer to a deploy or undeploy: AppActive, AppFailed or AppRemoved. */
    record DeployOutcome(int pid, ControlMessage message) implements ArbiterEvent {
    }

    /** Where a worker's apps are mounted now: app name to its mounts. */
    record AppsMounted(int pid, java.util.Map<String, String> mounts) implements ArbiterEvent {
    }

    /** Stop the server: graceful (finish in-flight requests) or quick. */
    record Stop(boolean graceful) implements ArbiterEvent {
    }

    /** An operator's command (the shell): carried out in the loop, its outcome or refusal completing the reply. */
    sealed interface Command extends ArbiterEvent {
        CompletableFuture<?> reply();
    }

    /** The pool as it is now. */
    record Inspect(CompletableFuture<PoolStatus.Snapshot> reply) implements Command {
    }

    /** A new target worker count, from the current one; replied with the target set. */
    record Scale(IntUnaryOperator target, CompletableFuture<Integer> reply) implements Command {
    }

    /** Stops the worker of this id, gracefully or at once; the pool replaces it. */
    record KillWorker(int id, boolean force, CompletableFuture<Void> reply) implements Command {
    }

    /** As HUP. */
    record Reload(CompletableFuture<Void> reply) implements Command {
    }

    /** As USR1. */
    record ReopenLogs(CompletableFuture<Void> reply) implements Command {
    }
}
