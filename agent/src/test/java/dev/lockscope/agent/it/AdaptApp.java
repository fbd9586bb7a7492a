package dev.lockscope.agent.it;

import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.Condition;
import java.util.concurrent.locks.ReentrantLock;

/**
 * For agent option adapt=: two lock sites of which the test names one (and a fair one in a method), so the
 * swap must hit exactly the named sites. Prints each lock's class, fairness and (for the adaptive lock) its
 * policy, then proves the swapped lock still excludes and signals under contention.
 */
public final class AdaptApp {
    private final ReentrantLock swapped = new ReentrantLock(); // ADAPT-SWAPPED
    private final ReentrantLock kept = new ReentrantLock(); // ADAPT-KEPT
    private long counter;

    static ReentrantLock fair() {
        return new ReentrantLock(true); // ADAPT-FAIR
    }

    public static void main(String[] args) throws Exception {
        AdaptApp app = new AdaptApp();
        ReentrantLock fair = fair();
        describe("swapped", app.swapped);
        describe("kept", app.kept);
        describe("fair", fair);
        int threads = 4;
        int perThread = 200_000;
        Thread[] ts = new Thread[threads];
        for (int i = 0; i < threads; i++) {
            ts[i] = new Thread(() -> {
                for (int n = 0; n < perThread; n++) {
                    app.swapped.lock();
                    try {
                        app.counter++;
                    } finally {
                        app.swapped.unlock();
                    }
                }
            }, "adapt-worker-" + i);
            ts[i].start();
        }
        for (Thread t : ts) {
            t.join();
        }
        System.out.println("counter " + app.counter + " of " + (long) threads * perThread);
        Condition ready = app.swapped.newCondition();
        boolean[] flag = new boolean[1];
        Thread signaller = new Thread(() -> {
            app.swapped.lock();
            try {
                flag[0] = true;
                ready.signalAll();
            } finally {
                app.swapped.unlock();
            }
        });
        app.swapped.lock();
        try {
            signaller.start();
            while (!flag[0]) {
                if (!ready.await(10, TimeUnit.SECONDS)) {
                    break;
                }
            }
        } finally {
            app.swapped.unlock();
        }
        System.out.println("signalled " + flag[0]);
        Thread.sleep(1500); // the agent's status event has a 1 s period: let one be written
    }

    private static void describe(String name, ReentrantLock lock) throws Exception {
        String policy = "";
        try {
            policy = " policy " + lock.getClass().getMethod("policy").invoke(lock);
        } catch (NoSuchMethodException e) {
            // a plain ReentrantLock has no policy
        }
        System.out.println(name + " " + lock.getClass().getName() + " fair=" + lock.isFair() + policy);
    }
}
