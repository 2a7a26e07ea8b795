package io.narwhal.supervisor;

import java.util.Collection;

/**
 * The pool as a service manager sees it, taken from the arbiter's table at the end of a turn.
 *
 * @param target the serving workers asked for
 * @param serving workers accepting on the shared socket (outdated ones included)
 * @param outdated workers still to be replaced (after a HUP, a settings change, max_requests), retiring ones not counted
 * @param alive every worker process not reaped yet: booting, serving, spare, retiring
 * @param reloads HUPs since the master started: one more is a reload begun
 */
record ServiceState(int target, int serving, int outdated, int alive, boolean stopping, long reloads) {
    static ServiceState of(int target, boolean stopping, long reloads, Collection<WorkerProcess> workers) {
        int serving = 0;
        int outdated = 0;
        for (WorkerProcess worker : workers) {
            if (worker.isServing()) {
                serving++;
            }
            if (worker.outdated && worker.stage != WorkerProcess.Stage.RETIRING
                    && worker.stage != WorkerProcess.Stage.DISCONNECTED) {
                outdated++;
            }
        }
        return new ServiceState(target, serving, outdated, workers.size(), stopping, reloads);
    }

    /** As many workers serve as asked for, and none of them is to be replaced. */
    boolean settled() {
        return serving >= target && outdated == 0;
    }
}
