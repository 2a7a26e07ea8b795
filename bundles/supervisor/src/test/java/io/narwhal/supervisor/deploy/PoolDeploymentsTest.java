package io.narwhal.supervisor.deploy;

import io.narwhal.api.server.AppState;
import io.narwhal.api.server.AppStatus;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import io.narwhal.control.ControlMessage;
import io.narwhal.control.ControlMessage.AppActive;
import io.narwhal.control.ControlMessage.AppFailed;
import io.narwhal.control.ControlMessage.AppRemoved;
import io.narwhal.control.ControlMessage.Undeploy;
import io.narwhal.supervisor.deploy.PoolDeployments.Command;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;

/** The pool's deploy table on paper: workers are pids, their answers are handed in by the test. */
class PoolDeploymentsTest {
    private static final List<Integer> ALL = List.of(1, 2, 3);

    /** Revision {@code n} of app {@code name}: a checksum of its own, staged under it. */
    private static AppRevision rev(String name, int n) {
        String checksum = String.format("%064x", name.hashCode() * 1000L + n);
        return new AppRevision(name + ".jar", checksum, "io.example." + name, "1.0." + n,
                Path.of("/run/apps", checksum + ".jar"));
    }

    private static final AppRevision A1 = rev("a", 1);
    private static final AppRevision A2 = rev("a", 2);
    private static final AppRevision A3 = rev("a", 3);
    private static final AppRevision B1 = rev("b", 1);

    private static Command deploy(int pid, AppRevision revision) {
        return new Command(pid, revision.toDeploy());
    }

    private static Command undeploy(int pid, String app) {
        return new Command(pid, new Undeploy(app));
    }

    private static AppActive active(AppRevision revision) {
        return new AppActive(revision.app(), revision.checksum());
    }

    private static AppFailed failed(AppRevision revision) {
        return new AppFailed(revision.app(), revision.checksum(), "activator threw: boom");
    }

    /** A pool started with these apps and workers 1, 2 and 3 booted with them. */
    private static PoolDeployments pool(AppRevision... atStart) {
        PoolDeployments pool = new PoolDeployments(List.of(atStart));
        for (int pid : ALL) {
            pool.workerSpawned(pid, pool.bootSet());
        }
        assertEquals(List.of(), pool.nextCommands(ALL), "workers booted with the apps need nothing more");
        return pool;
    }

    @Test
    void theBootSetIsTheAppsAtStart_inAppOrder() {
        assertEquals(List.of(), new PoolDeployments(List.of()).bootSet());
        PoolDeployments pool = new PoolDeployments(List.of(B1, A1));
        assertEquals(List.of(A1.toDeploy(), B1.toDeploy()), pool.bootSet());
        assertEquals(Map.of("a.jar", A1, "b.jar", B1), pool.serving());
        pool.workerSpawned(1, pool.bootSet());
        assertEquals(Map.of(1, Map.of("a.jar", A1.checksum(), "b.jar", B1.checksum())), pool.running());
        assertEquals(List.of(), pool.nextCommands(List.of(1)));
    }

    @Test
    void aNewRevisionGoesToTheFirstReadyWorkerOnly_andToTheOthersOnceActiveThere() {
        PoolDeployments pool = pool(A1);
        pool.changed(A2);
        List<Integer> order = List.of(2, 1, 3);
        assertEquals(List.of(deploy(2, A2)), pool.nextCommands(order), "the first ready worker, in the order given");
        assertEquals(List.of(), pool.nextCommands(order), "nothing to the others while it is tried");
        assertEquals(List.of(), pool.nextCommands(order), "and nothing twice to the one trying it");
        assertEquals(List.of(A1.toDeploy()), pool.bootSet(), "not served until a worker confirms it");

        pool.outcome(2, active(A2));
        assertEquals(Map.of("a.jar", A2), pool.serving());
        assertEquals(List.of(A2.toDeploy()), pool.bootSet());
        assertEquals(List.of(deploy(1, A2), deploy(3, A2)), pool.nextCommands(order), "then every other worker, once");
        assertEquals(List.of(), pool.nextCommands(order), "no duplicates while they are pending");

        pool.outcome(1, active(A2));
        assertEquals(List.of(), pool.nextCommands(order));
        pool.outcome(3, active(A2));
        assertEquals(List.of(), pool.nextCommands(order));
        assertEquals(Map.of(1, Map.of("a.jar", A2.checksum()), 2, Map.of("a.jar", A2.checksum()),
                3, Map.of("a.jar", A2.checksum())), pool.running());
    }

    @Test
    void aWorkerThatIsNotReadyGetsNothingUntilItIs() {
        PoolDeployments pool = pool(A1);
        pool.changed(A2);
        assertEquals(List.of(), pool.nextCommands(List.of()), "no ready worker: nobody is asked");
        assertEquals(List.of(deploy(3, A2)), pool.nextCommands(List.of(3)), "the first that is ready tries it");
        pool.outcome(3, active(A2));
        assertEquals(List.of(deploy(1, A2)), pool.nextCommands(List.of(3, 1)));
        assertEquals(List.of(), pool.nextCommands(List.of(3, 1)));
        assertEquals(List.of(deploy(2, A2)), pool.nextCommands(ALL), "worker 2 once it is ready");
        assertEquals(List.of(), pool.nextCommands(ALL));
    }

    @Test
    void aFailureOnTheFirstWorkerGoesNowhereElse_andALaterRevisionIsTriedAfresh() {
        PoolDeployments pool = pool(A1);
        pool.changed(A2);
        assertEquals(List.of(deploy(1, A2)), pool.nextCommands(ALL));
        pool.outcome(1, failed(A2));
        for (int i = 0; i < 3; i++) {
            assertEquals(List.of(), pool.nextCommands(ALL), "no other worker, and no retry on the one that failed");
        }
        assertEquals(Map.of("a.jar", A1), pool.serving());
        assertEquals(List.of(A1.toDeploy()), pool.bootSet(), "workers still boot with the good revision");
        pool.workerSpawned(4, pool.bootSet());
        assertEquals(List.of(), pool.nextCommands(List.of(1, 2, 3, 4)), "not even a worker spawned since");

        pool.changed(A3);
        assertEquals(List.of(deploy(1, A3)), pool.nextCommands(List.of(1, 2, 3, 4)), "a new checksum: a new try");
        assertEquals(List.of(), pool.nextCommands(List.of(1, 2, 3, 4)));
        pool.outcome(1, active(A3));
        assertEquals(List.of(deploy(2, A3), deploy(3, A3), deploy(4, A3)), pool.nextCommands(List.of(1, 2, 3, 4)));
        assertEquals(List.of(A3.toDeploy()), pool.bootSet());
    }

    @Test
    void aNewAppThatFailsOnItsFirstWorkerIsNotInTheBootSet() {
        PoolDeployments pool = pool(A1);
        pool.changed(B1);
        assertEquals(List.of(deploy(1, B1)), pool.nextCommands(ALL));
        pool.outcome(1, failed(B1));
        assertEquals(List.of(), pool.nextCommands(ALL));
        assertEquals(List.of(A1.toDeploy()), pool.bootSet());
    }

    @Test
    void aNewAppGoesToOneWorkerFirst_thenEverywhere_andIntoTheBootSet() {
        PoolDeployments pool = pool(A1);
        pool.changed(B1);
        assertEquals(List.of(deploy(1, B1)), pool.nextCommands(ALL));
        assertEquals(List.of(A1.toDeploy()), pool.bootSet());
        pool.outcome(1, active(B1));
        assertEquals(List.of(deploy(2, B1), deploy(3, B1)), pool.nextCommands(ALL));
        assertEquals(List.of(A1.toDeploy(), B1.toDeploy()), pool.bootSet());
    }

    @Test
    void aWorkerSpawnedDuringARolloutBootsWithTheServedRevision_andGetsTheNewOneOnceConfirmed() {
        PoolDeployments pool = pool(A1);
        pool.changed(A2);
        assertEquals(List.of(deploy(1, A2)), pool.nextCommands(ALL));

        assertEquals(List.of(A1.toDeploy()), pool.bootSet());
        pool.workerSpawned(4, pool.bootSet());
        List<Integer> ready = List.of(1, 2, 3, 4);
        assertEquals(List.of(), pool.nextCommands(ready));

        pool.outcome(1, active(A2));
        assertEquals(List.of(deploy(2, A2), deploy(3, A2), deploy(4, A2)), pool.nextCommands(ready));
        pool.workerSpawned(5, pool.bootSet());
        assertEquals(Map.of("a.jar", A2.checksum()), pool.running().get(5), "a worker spawned now boots with it");
        assertEquals(List.of(), pool.nextCommands(List.of(1, 2, 3, 4, 5)));
    }

    @Test
    void backToTheServedChecksum_sendsNothingToWorkersAlreadyOnIt() {
        PoolDeployments pool = pool(A1);
        pool.changed(A2);
        pool.changed(rev("a", 1));
        assertEquals(List.of(), pool.nextCommands(ALL), "changed back before anything was sent");
        assertEquals(List.of(A1.toDeploy()), pool.bootSet());
    }

    @Test
    void backToTheServedChecksumDuringATry_movesOnlyTheTryingWorkerBack() {
        PoolDeployments pool = pool(A1);
        pool.changed(A2);
        assertEquals(List.of(deploy(1, A2)), pool.nextCommands(ALL));
        pool.changed(rev("a", 1));
        assertEquals(List.of(), pool.nextCommands(ALL), "workers 2 and 3 run it; worker 1 has not answered");

        pool.outcome(1, active(A2));
        assertEquals(Map.of("a.jar", A1), pool.serving(), "a revision no longer wanted is not served");
        assertEquals(List.of(deploy(1, A1)), pool.nextCommands(ALL), "worker 1 goes back to what the pool serves");
        assertEquals(List.of(), pool.nextCommands(ALL));
        pool.outcome(1, active(A1));
        assertEquals(List.of(), pool.nextCommands(ALL));
        assertEquals(List.of(A1.toDeploy()), pool.bootSet());
    }

    @Test
    void removedUndeploysFromEveryReadyWorkerRunningIt_andAppRemovedClearsIt() {
        PoolDeployments pool = pool(A1, B1);
        pool.removed("a.jar");
        assertEquals(List.of(B1.toDeploy()), pool.bootSet());
        assertEquals(Map.of("b.jar", B1), pool.serving());

        assertEquals(List.of(undeploy(1, "a.jar"), undeploy(2, "a.jar")), pool.nextCommands(List.of(1, 2)));
        assertEquals(List.of(), pool.nextCommands(List.of(1, 2)), "once each");
        assertEquals(List.of(undeploy(3, "a.jar")), pool.nextCommands(ALL), "worker 3 once it is ready");
        assertEquals(List.of(), pool.nextCommands(ALL));

        pool.workerSpawned(4, pool.bootSet());
        for (int pid : ALL) {
            pool.outcome(pid, new AppRemoved("a.jar"));
        }
        assertEquals(Map.of(1, Map.of("b.jar", B1.checksum()), 2, Map.of("b.jar", B1.checksum()),
                3, Map.of("b.jar", B1.checksum()), 4, Map.of("b.jar", B1.checksum())), pool.running());
        assertEquals(List.of(), pool.nextCommands(List.of(1, 2, 3, 4)));
    }

    @Test
    void removedDuringTheFirstTryOfANewApp_undeploysItFromThatWorkerOnceItAnswers() {
        PoolDeployments pool = pool(A1);
        pool.changed(B1);
        assertEquals(List.of(deploy(1, B1)), pool.nextCommands(ALL));
        pool.removed("b.jar");
        assertEquals(List.of(), pool.nextCommands(ALL), "worker 1 has not answered; nobody else has it");
        pool.outcome(1, active(B1));
        assertEquals(Map.of("a.jar", A1), pool.serving());
        assertEquals(List.of(undeploy(1, "b.jar")), pool.nextCommands(ALL));
        pool.outcome(1, new AppRemoved("b.jar"));
        assertEquals(List.of(), pool.nextCommands(ALL));
        assertEquals(List.of(A1.toDeploy()), pool.bootSet());
    }

    @Test
    void aWorkerThatDiesDuringItsFirstTry_takesTheRevisionDownWithIt() {
        PoolDeployments pool = pool(A1);
        pool.changed(A2);
        assertEquals(List.of(deploy(1, A2)), pool.nextCommands(ALL));
        pool.workerGone(1);
        // The revision may be what killed it: no other worker gets it, new workers boot with the served one.
        assertEquals(List.of(), pool.nextCommands(List.of(2, 3)));
        assertEquals(List.of(A1.toDeploy()), pool.bootSet());
        pool.outcome(1, active(A2));
        assertEquals(Map.of("a.jar", A1), pool.serving(), "an answer from a worker gone is not heard");

        pool.changed(A2);
        assertEquals(List.of(deploy(2, A2)), pool.nextCommands(List.of(2, 3)), "the file changed again: a new try");
    }

    @Test
    void aFailedRevisionIsTriedAgainWhenTheFileChangesBackToIt() {
        PoolDeployments pool = pool(A1);
        pool.changed(A2);
        assertEquals(List.of(deploy(1, A2)), pool.nextCommands(ALL));
        pool.outcome(1, failed(A2));
        assertEquals(List.of(), pool.nextCommands(ALL));
        pool.changed(A2);
        assertEquals(List.of(deploy(1, A2)), pool.nextCommands(ALL));
    }

    @Test
    void aWorkerLeftOnARevisionOnItsWayIsSentBackAfterTheNextOneFails() {
        PoolDeployments pool = pool(A1);
        pool.changed(A2);
        assertEquals(List.of(deploy(1, A2)), pool.nextCommands(ALL));
        pool.changed(A3);
        pool.outcome(1, active(A2));
        assertEquals(List.of(deploy(1, A3)), pool.nextCommands(ALL));
        pool.outcome(1, failed(A3));
        // Worker 1 runs A2, which the pool neither serves nor wants: it goes back to A1.
        assertEquals(List.of(deploy(1, A1)), pool.nextCommands(ALL));
    }

    @Test
    void aWorkerGoneDuringTheRollout_isNotWaitedFor() {
        PoolDeployments pool = pool(A1);
        pool.changed(A2);
        assertEquals(List.of(deploy(1, A2)), pool.nextCommands(ALL));
        pool.outcome(1, active(A2));
        assertEquals(List.of(deploy(2, A2), deploy(3, A2)), pool.nextCommands(ALL));
        pool.workerGone(3);
        pool.workerSpawned(4, pool.bootSet());
        assertEquals(List.of(), pool.nextCommands(List.of(1, 2, 4)), "its replacement boots with the new revision");
    }

    @Test
    void aFailureAfterTheRevisionIsConfirmed_isNotRetriedOnThatWorker() {
        PoolDeployments pool = pool(A1);
        pool.changed(A2);
        assertEquals(List.of(deploy(1, A2)), pool.nextCommands(ALL));
        pool.outcome(1, active(A2));
        assertEquals(List.of(deploy(2, A2), deploy(3, A2)), pool.nextCommands(ALL));
        pool.outcome(2, failed(A2));
        pool.outcome(3, active(A2));
        assertEquals(List.of(), pool.nextCommands(ALL));
        assertEquals(Map.of("a.jar", A2), pool.serving());
        assertEquals(Map.of("a.jar", A1.checksum()), pool.running().get(2), "worker 2 went back to what it had");
    }

    @Test
    void aChangeDuringAFirstTry_waitsForItsAnswer_andTheOlderTryNeverGoesWider() {
        PoolDeployments pool = pool(A1);
        pool.changed(A2);
        assertEquals(List.of(deploy(1, A2)), pool.nextCommands(ALL));
        pool.changed(A3);
        assertEquals(List.of(), pool.nextCommands(ALL), "one try at a time: revision 3 waits for worker 1's answer");
        assertEquals(List.of(), pool.nextCommands(ALL));

        pool.outcome(1, active(A2));
        assertEquals(Map.of("a.jar", A1), pool.serving(), "revision 2 is no longer wanted: not served");
        assertEquals(List.of(A1.toDeploy()), pool.bootSet());
        assertEquals(List.of(deploy(1, A3)), pool.nextCommands(ALL), "revision 3 is tried, on one worker");
        assertEquals(List.of(), pool.nextCommands(ALL));

        pool.outcome(1, active(A3));
        assertEquals(List.of(deploy(2, A3), deploy(3, A3)), pool.nextCommands(ALL));
        assertEquals(List.of(A3.toDeploy()), pool.bootSet());
    }

    @Test
    void aChangeDuringAFirstTryThatFails_isTriedAfterTheFailure() {
        PoolDeployments pool = pool(A1);
        pool.changed(A2);
        assertEquals(List.of(deploy(1, A2)), pool.nextCommands(ALL));
        pool.changed(A3);
        assertEquals(List.of(), pool.nextCommands(ALL));

        pool.outcome(1, failed(A2));
        assertEquals(List.of(deploy(1, A3)), pool.nextCommands(ALL));
        pool.outcome(1, active(A3));
        assertEquals(List.of(deploy(2, A3), deploy(3, A3)), pool.nextCommands(ALL));
    }

    @Test
    void aNewRevisionDuringARollout_isTriedOnOneWorker_whileTheOthersFinishTheServedOne() {
        PoolDeployments pool = pool(A1);
        pool.changed(A2);
        assertEquals(List.of(deploy(1, A2)), pool.nextCommands(ALL));
        pool.outcome(1, active(A2));
        assertEquals(List.of(deploy(2, A2), deploy(3, A2)), pool.nextCommands(ALL));

        pool.changed(A3);
        assertEquals(List.of(deploy(1, A3)), pool.nextCommands(ALL), "2 and 3 are busy with the served revision");
        assertEquals(List.of(), pool.nextCommands(ALL));
        pool.outcome(2, active(A2));
        pool.outcome(3, active(A2));
        assertEquals(List.of(), pool.nextCommands(ALL), "revision 3 is not confirmed yet");
        pool.outcome(1, active(A3));
        assertEquals(List.of(deploy(2, A3), deploy(3, A3)), pool.nextCommands(ALL));
    }

    @Test
    void outcomesFromUnknownWorkersAreIgnored_andOtherMessagesAreNotOutcomes() {
        PoolDeployments pool = pool(A1);
        pool.changed(A2);
        pool.outcome(99, active(A2));
        assertEquals(Map.of("a.jar", A1), pool.serving());
        assertThrows(IllegalArgumentException.class, () -> pool.outcome(1, new ControlMessage.Ready()));
    }

    @Test
    void onlyRevisionsSomethingStillNeedsAreInUse() {
        List<Set<String>> told = new ArrayList<>();
        PoolDeployments pool = new PoolDeployments(List.of(A1), told::add);
        pool.workerSpawned(1, pool.bootSet());
        pool.changed(A2);
        assertEquals(List.of(deploy(1, A2)), pool.nextCommands(List.of(1)));
        assertEquals(Set.of(A1.checksum(), A2.checksum()), pool.inUse(), "A2 is asked for, A1 still served");

        pool.outcome(1, active(A2));
        assertEquals(Set.of(A2.checksum()), told.getLast(), "A1 is free once no worker runs it");
    }

    private static final Map<String, String> MOUNTS = Map.of("a.jar", "/a");

    private static AppStatus row(AppRevision revision, AppState state) {
        return new AppStatus(revision.app(), revision.symbolicName(), revision.version(), revision.checksum(), state,
                state == AppState.ACTIVE && revision.app().equals("a.jar") ? "/a" : "");
    }

    @Test
    void appsOnAWorkerShowWhatItRuns_isAsked_andRefused_byVersion() {
        PoolDeployments pool = pool(A1, B1);
        assertEquals(List.of(row(A1, AppState.ACTIVE), row(B1, AppState.ACTIVE)), pool.appsOn(1, MOUNTS));
        pool.changed(A2);
        pool.removed("b.jar");
        pool.nextCommands(List.of(1));
        assertEquals(List.of(row(A1, AppState.ACTIVE), row(A2, AppState.DEPLOYING), row(B1, AppState.ACTIVE),
                new AppStatus("b.jar", "", "", "", AppState.UNDEPLOYING, "")), pool.appsOn(1, MOUNTS));
        pool.outcome(1, failed(A2));
        assertEquals(List.of(row(A1, AppState.ACTIVE), row(A2, AppState.FAILED), row(B1, AppState.ACTIVE),
                new AppStatus("b.jar", "", "", "", AppState.UNDEPLOYING, "")), pool.appsOn(1, MOUNTS), "the refused revision keeps its name and version; b's undeploy still under way");
        assertEquals(List.of(), pool.appsOn(9, MOUNTS), "a worker the pool does not know runs nothing");
    }
}
