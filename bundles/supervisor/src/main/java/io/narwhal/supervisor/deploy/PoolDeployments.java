package io.narwhal.supervisor.deploy;

import io.narwhal.api.server.AppState;
import io.narwhal.api.server.AppStatus;
import io.narwhal.control.ControlMessage;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.function.Consumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The pool's deploy state, kept by the arbiter (and touched only on its thread): for each app the revision the
 * pool serves (confirmed on a worker) and the one wanted, and for each worker what it runs and what it was asked
 * to do. A new revision goes to one worker first; only once it is active there does it go to the others. A
 * revision that fails on that first worker is rolled back there and goes nowhere else. Workers boot with the
 * served revisions, so one spawned during a rollout starts with what the pool is known to serve.
 */
public final class PoolDeployments {
    private static final Logger LOG = LoggerFactory.getLogger(PoolDeployments.class);

    /** A command for one worker. */
    public record Command(int pid, ControlMessage message) {
    }

    /**
     * How an app's deploys went since the master started: new revisions the pool took (confirmed on a first worker),
     * and revisions rolled back (failed there, or the worker died trying them).
     */
    public record DeployCount(String app, long deployed, long rolledBack) {
    }

    /** Per app: the revision the pool serves, confirmed by a worker (or present when the master started). */
    private final Map<String, AppRevision> serving = new TreeMap<>();
    /** Per app: the revision the deploy folder holds now; absent once its file is gone. */
    private final Map<String, AppRevision> wanted = new TreeMap<>();
    private final Map<Integer, WorkerApps> workers = new LinkedHashMap<>();
    /** Every revision still in use, by checksum: what the shell names a worker's revision by. */
    private final Map<String, AppRevision> revisions = new HashMap<>();

    private final Consumer<Set<String>> stagedInUse;
    private final Map<String, DeployCount> deployCounts = new TreeMap<>();

    /** @param atStart the apps in the deploy folder when the master started: served from the first worker on */
    public PoolDeployments(List<AppRevision> atStart) {
        this(atStart, inUse -> { });
    }

    /**
     * @param stagedInUse told the checksums of every revision still served, wanted, run or asked for, after each
     *     change that may have left a staged jar unused
     */
    public PoolDeployments(List<AppRevision> atStart, Consumer<Set<String>> stagedInUse) {
        this.stagedInUse = stagedInUse;
        for (AppRevision revision : atStart) {
            revisions.put(revision.checksum(), revision);
            serving.put(revision.app(), revision);
            wanted.put(revision.app(), revision);
        }
    }

    /** What a worker spawned now boots with. */
    public List<ControlMessage.Deploy> bootSet() {
        return serving.values().stream().map(AppRevision::toDeploy).toList();
    }

    public void workerSpawned(int pid, List<ControlMessage.Deploy> bootedWith) {
        WorkerApps apps = new WorkerApps();
        bootedWith.forEach(deploy -> apps.running.put(deploy.app(), deploy.checksum()));
        workers.put(pid, apps);
    }

    /**
     * A worker that dies while it tries a revision may have been killed by it: that revision goes to no other
     * worker (the file must change to try again), as if it had failed there.
     */
    public void workerGone(int pid) {
        WorkerApps gone = workers.remove(pid);
        if (gone == null) {
            return;
        }
        gone.pending.forEach((app, checksum) -> {
            AppRevision target = wanted.get(app);
            if (target != null && target.checksum().equals(checksum) && !target.equals(serving.get(app))) {
                LOG.error("deploy/{}: worker {} died while trying {}; it goes to no other worker, and the pool keeps {}",
                        app, pid, target.describe(), describeServed(app));
                giveUp(app);
            }
        });
        forgetUnused();
    }

    /** A new settled revision from the deploy folder. */
    public void changed(AppRevision revision) {
        // The file changed to this content again: a revision refused before gets another try.
        workers.values().forEach(worker -> worker.refused.remove(revision.app(), revision.checksum()));
        revisions.put(revision.checksum(), revision);
        AppRevision before = wanted.put(revision.app(), revision);
        AppRevision served = serving.get(revision.app());
        if (served != null && served.checksum().equals(revision.checksum())) {
            LOG.info("deploy/{}: back to the revision the pool serves", revision.app());
        } else {
            LOG.info("deploy/{}: new revision {}{}", revision.app(), revision.describe(),
                    before == null ? "" : ", replacing " + before.describe());
        }
    }

    public void removed(String app) {
        if (wanted.remove(app) != null || serving.containsKey(app)) {
            serving.remove(app);
            LOG.info("deploy/{}: undeploying from every worker", app);
        }
    }

    /** A worker's answer to a deploy or undeploy. */
    public void outcome(int pid, ControlMessage message) {
        WorkerApps apps = workers.get(pid);
        if (apps == null) {
            return;
        }
        try {
            record(pid, apps, message);
        } finally {
            forgetUnused();
        }
    }

    private void record(int pid, WorkerApps apps, ControlMessage message) {
        switch (message) {
            case ControlMessage.AppActive(String app, String checksum) -> active(pid, apps, app, checksum);
            case ControlMessage.AppFailed(String app, String checksum, String reason) -> failed(pid, apps, app, checksum, reason);
            case ControlMessage.AppRemoved(String app) -> {
                apps.pending.remove(app);
                apps.running.remove(app);
            }
            default -> throw new IllegalArgumentException("not a deploy outcome: " + message);
        }
    }

    private void active(int pid, WorkerApps apps, String app, String checksum) {
        apps.pending.remove(app);
        apps.running.put(app, checksum);
        AppRevision target = wanted.get(app);
        if (target != null && target.checksum().equals(checksum) && !target.equals(serving.get(app))) {
            serving.put(app, target);
            deployCounts.merge(app, new DeployCount(app, 1, 0), PoolDeployments::plus);
            long others = workers.values().stream().filter(w -> w != apps).count();
            LOG.info("deploy/{}: {} serving on worker {}{}", app, target.describe(), pid,
                    others == 0 ? "" : "; rolling out to the other " + others);
        }
    }

    private void failed(int pid, WorkerApps apps, String app, String checksum, String reason) {
        apps.pending.remove(app);
        apps.refused.put(app, checksum);
        AppRevision target = wanted.get(app);
        String what = target != null && target.checksum().equals(checksum) ? target.describe()
                : "revision " + checksum.substring(0, Math.min(12, checksum.length()));
        AppRevision served = serving.get(app);
        boolean firstWorker = target != null && target.checksum().equals(checksum) && !target.equals(served);
        LOG.error("deploy/{}: {} failed on worker {}: {}; rolled back there{}", app, what, pid, reason,
                firstWorker ? ", no other worker touched; the pool keeps " + describeServed(app) : "");
        if (firstWorker) {
            giveUp(app);
        }
    }

    /**
     * The wanted revision failed: the pool wants what it serves again, so a worker left on another revision (one
     * that was on its way when this one came) goes back to it. A new content of the file starts a new try.
     */
    private void giveUp(String app) {
        deployCounts.merge(app, new DeployCount(app, 0, 1), PoolDeployments::plus);
        AppRevision served = serving.get(app);
        if (served == null) {
            wanted.remove(app);
        } else {
            wanted.put(app, served);
        }
    }

    private String describeServed(String app) {
        AppRevision served = serving.get(app);
        return served == null ? "no version of it" : served.describe();
    }

    private static DeployCount plus(DeployCount one, DeployCount other) {
        return new DeployCount(one.app(), one.deployed() + other.deployed(), one.rolledBack() + other.rolledBack());
    }

    /** Per app that was ever deployed or rolled back since the master started, by name. */
    public List<DeployCount> deployCounts() {
        return List.copyOf(deployCounts.values());
    }

    /**
     * The apps the deploy folder holds that this worker runs no revision of: booting them, or failed there. An app
     * whose only revision failed on its first worker is not wanted any more, so it never shows here.
     */
    public Set<String> missingOn(int pid) {
        WorkerApps apps = workers.get(pid);
        Set<String> missing = new TreeSet<>(wanted.keySet());
        if (apps != null) {
            missing.removeAll(apps.running.keySet());
        }
        return missing;
    }

    /** The commands that move the pool towards the wanted revisions; only ready workers get any. */
    public List<Command> nextCommands(List<Integer> readyWorkers) {
        List<Command> commands = new ArrayList<>();
        Set<String> apps = new TreeSet<>(wanted.keySet());
        workers.values().forEach(worker -> apps.addAll(worker.running.keySet()));
        for (String app : apps) {
            AppRevision target = wanted.get(app);
            if (target == null) {
                undeployEverywhere(app, readyWorkers, commands);
            } else if (target.equals(serving.get(app))) {
                deployEverywhere(target, readyWorkers, commands);
            } else {
                deployToOne(target, readyWorkers, commands);
            }
        }
        return commands;
    }

    private void undeployEverywhere(String app, List<Integer> ready, List<Command> commands) {
        for (int pid : ready) {
            WorkerApps worker = workers.get(pid);
            if (worker != null && worker.running.containsKey(app) && !worker.pending.containsKey(app)) {
                worker.pending.put(app, "");
                commands.add(new Command(pid, new ControlMessage.Undeploy(app)));
            }
        }
    }

    private void deployEverywhere(AppRevision target, List<Integer> ready, List<Command> commands) {
        for (int pid : ready) {
            WorkerApps worker = workers.get(pid);
            if (worker != null && worker.needs(target)) {
                worker.pending.put(target.app(), target.checksum());
                commands.add(new Command(pid, target.toDeploy()));
            }
        }
    }

    /**
     * A revision not yet confirmed goes to the first ready worker that can take it, and waits there. One try at a
     * time: while a worker has not answered for an unconfirmed revision (this one, or one it replaced), no other
     * is started.
     */
    private void deployToOne(AppRevision target, List<Integer> ready, List<Command> commands) {
        AppRevision served = serving.get(target.app());
        boolean underWay = workers.values().stream().map(worker -> worker.pending.get(target.app()))
                .anyMatch(asked -> asked != null && !asked.isEmpty()
                        && (served == null || !served.checksum().equals(asked)));
        if (underWay) {
            return;
        }
        for (int pid : ready) {
            WorkerApps worker = workers.get(pid);
            if (worker != null && worker.needs(target)) {
                worker.pending.put(target.app(), target.checksum());
                commands.add(new Command(pid, target.toDeploy()));
                LOG.info("deploy/{}: trying {} on worker {} first", target.app(), target.describe(), pid);
                return;
            }
        }
    }

    /** Staged jars nothing needs go; a refused revision's name stays known, for the shell to show. */
    private void forgetUnused() {
        Set<String> inUse = inUse();
        Set<String> named = new HashSet<>(inUse);
        workers.values().forEach(worker -> named.addAll(worker.refused.values()));
        revisions.keySet().retainAll(named);
        stagedInUse.accept(inUse);
    }

    /**
     * What one worker runs (where it reported it mounted), is asked to run or remove, and has refused, app by app.
     *
     * @param mounts app to its mounts, as the worker reported them
     */
    public List<AppStatus> appsOn(int pid, Map<String, String> mounts) {
        WorkerApps apps = workers.get(pid);
        if (apps == null) {
            return List.of();
        }
        List<AppStatus> rows = new ArrayList<>();
        apps.running.forEach((app, checksum) -> rows.add(status(app, checksum, AppState.ACTIVE,
                mounts.getOrDefault(app, ""))));
        apps.pending.forEach((app, checksum) -> rows.add(checksum.isEmpty()
                ? new AppStatus(app, "", "", "", AppState.UNDEPLOYING, "")
                : status(app, checksum, AppState.DEPLOYING, "")));
        apps.refused.forEach((app, checksum) -> rows.add(status(app, checksum, AppState.FAILED, "")));
        rows.sort(Comparator.comparing(AppStatus::app).thenComparing(AppStatus::state));
        return rows;
    }

    private AppStatus status(String app, String checksum, AppState state, String mount) {
        AppRevision revision = revisions.get(checksum);
        return revision == null ? new AppStatus(app, "", "", checksum, state, mount)
                : new AppStatus(app, revision.symbolicName(), revision.version(), checksum, state, mount);
    }

    /** The revisions something still needs: served, wanted, run by a worker, or asked of one. */
    public Set<String> inUse() {
        Set<String> checksums = new HashSet<>();
        serving.values().forEach(revision -> checksums.add(revision.checksum()));
        wanted.values().forEach(revision -> checksums.add(revision.checksum()));
        workers.values().forEach(worker -> {
            checksums.addAll(worker.running.values());
            checksums.addAll(worker.pending.values());
        });
        return checksums;
    }

    /** Per app, the revision each worker runs (for the shell and tests): pid to app to checksum. */
    public Map<Integer, Map<String, String>> running() {
        Map<Integer, Map<String, String>> view = new HashMap<>();
        workers.forEach((pid, apps) -> view.put(pid, Map.copyOf(apps.running)));
        return view;
    }

    public Map<String, AppRevision> serving() {
        return Map.copyOf(serving);
    }

    /** What one worker runs, has been asked, and has refused. */
    private static final class WorkerApps {
        final Map<String, String> running = new HashMap<>();
        /** App to the checksum asked for ("" for an undeploy), until the worker answers. */
        final Map<String, String> pending = new HashMap<>();
        final Map<String, String> refused = new HashMap<>();

        boolean needs(AppRevision target) {
            return !pending.containsKey(target.app())
                    && !Objects.equals(running.get(target.app()), target.checksum())
                    && !target.checksum().equals(refused.get(target.app()));
        }
    }
}
