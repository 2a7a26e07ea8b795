package io.narwhal.supervisor;

import io.narwhal.control.ControlMessage;
import io.narwhal.settings.BindAddress;
import io.narwhal.settings.ServerSettings;
import io.narwhal.supervisor.posix.ExitStatus;
import io.narwhal.supervisor.posix.Posix;
import java.io.IOException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/** Processes on paper: the test decides when they die and what time it is. */
final class FakeProcessHost implements ProcessHost {
    record Sent(int pid, int signal) {
    }

    final List<Integer> spawned = new ArrayList<>();
    final List<Integer> spawnedSpares = new ArrayList<>();
    final List<ServerSettings> spawnedWith = new ArrayList<>();
    final List<Sent> signals = new ArrayList<>();
    final List<Integer> gone = new ArrayList<>();
    private final Map<Integer, ExitStatus> exits = new HashMap<>();
    IOException listenFailure;
    boolean listening;
    boolean exitOnSignal;
    private int nextPid = 1000;
    private long now = 1_000_000_000L;

    @Override
    public String listen(BindAddress bind) throws IOException {
        if (listenFailure != null) {
            throw listenFailure;
        }
        listening = true;
        return bind.toString();
    }

    @Override
    public void closeListener() {
        listening = false;
    }

    @Override
    public int spawnWorker(int age, ServerSettings settings, long maxRequests, List<ControlMessage.Deploy> apps,
            boolean spare) {
        int pid = nextPid++;
        spawned.add(pid);
        if (spare) {
            spawnedSpares.add(pid);
        }
        spawnedWith.add(settings);
        return pid;
    }

    @Override
    public ExitStatus pollExit(int pid) {
        return exits.remove(pid);
    }

    @Override
    public void signal(int pid, int signal) {
        signals.add(new Sent(pid, signal));
        if (exitOnSignal) {
            exits.put(pid, signal == Posix.SIGKILL ? ExitStatus.killedBy(signal) : ExitStatus.exited(0));
        }
    }

    @Override
    public void workerGone(int age) {
        gone.add(age);
    }

    @Override
    public long nanoTime() {
        return now;
    }

    void advance(Duration duration) {
        now += duration.toNanos();
    }

    void die(int pid, ExitStatus status) {
        exits.put(pid, status);
    }

    List<Integer> signalled(int signal) {
        return signals.stream().filter(sent -> sent.signal() == signal).map(Sent::pid).toList();
    }
}
