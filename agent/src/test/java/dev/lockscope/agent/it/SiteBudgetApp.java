package dev.lockscope.agent.it;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.locks.ReentrantLock;

/**
 * One site that builds {@link #MANY} locks (over the budget the test gives it) and one lock built once. Contends
 * the first and the last of the many, and the single one, once each. Lines marked BUDGET-* are looked up by the
 * tests. Prints "budget done" and nothing else on stdout.
 */
public final class SiteBudgetApp {
    static final int MANY = 1000;

    public static void main(String[] args) throws Exception {
        ReentrantLock single = new ReentrantLock(); // BUDGET-SINGLE
        List<ReentrantLock> many = new ArrayList<>();
        for (int i = 0; i < MANY; i++) {
            many.add(new ReentrantLock()); // BUDGET-MANY
        }
        contend(many.get(0));
        contend(many.get(MANY - 1));
        contend(single);
        Thread.sleep(2500); // let the 1 s periodic summaries and AgentStatus cover everything
        System.out.println("budget done");
    }

    /** One contended acquisition: the main thread holds the lock until the waiter is queued on it. */
    private static void contend(ReentrantLock lock) throws InterruptedException {
        lock.lock();
        Thread waiter = new Thread(() -> {
            lock.lock(); // BUDGET-CONTEND
            lock.unlock();
        }, "budget-waiter");
        try {
            waiter.start();
            while (!lock.hasQueuedThread(waiter)) {
                Thread.sleep(1);
            }
            Thread.sleep(5);
        } finally {
            lock.unlock();
        }
        waiter.join();
    }
}
