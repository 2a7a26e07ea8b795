package io.narwhal.supervisor;

import io.narwhal.control.ControlMessage;
import io.narwhal.settings.ServerSettings;
import io.narwhal.supervisor.deploy.AppRevision;
import java.nio.channels.SocketChannel;

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

    /** Stop the server: graceful (finish in-flight requests) or quick. */
    record Stop(boolean graceful) implements ArbiterEvent {
    }
}
