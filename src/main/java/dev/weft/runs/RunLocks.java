package dev.weft.runs;

import java.util.concurrent.locks.ReentrantLock;

/**
 * In-process serialisation of one run's events, taken before the run's row lock: when many steps
 * of one run finish together (a fan-in), their threads wait here instead of each holding a pooled
 * database connection while blocked on the row lock, which starved the pool and every other run
 * with it. The row lock stays the guarantee across processes; this only keeps one process's waiting
 * off the pool. Striped, so memory stays fixed; two runs sharing a stripe merely take turns.
 */
final class RunLocks {

    private final ReentrantLock[] stripes;

    RunLocks(int stripes) {
        this.stripes = new ReentrantLock[stripes];
        for (int i = 0; i < stripes; i++) {
            this.stripes[i] = new ReentrantLock();
        }
    }

    /** Locks the run's stripe (reentrant: a nested call for the same run in one thread goes through). */
    ReentrantLock lock(String runId) {
        ReentrantLock lock = stripes[Math.floorMod(runId.hashCode(), stripes.length)];
        lock.lock();
        return lock;
    }

    /** Locks the run's stripe if no other thread holds it; null when one does. */
    ReentrantLock tryLock(String runId) {
        ReentrantLock lock = stripes[Math.floorMod(runId.hashCode(), stripes.length)];
        return lock.tryLock() ? lock : null;
    }
}
