package dev.lockscope.agent.it;

import java.lang.management.ManagementFactory;
import java.util.concurrent.locks.AbstractQueuedSynchronizer;
import javax.management.Attribute;
import javax.management.MBeanServer;
import javax.management.ObjectName;

/**
 * Creates and contends {@code args[0]} distinct lock instances (a user AQS subclass whose first try fails,
 * so every acquisition takes the slow path without needing a second thread), drops them, and prints the heap
 * still in use after GC, the agent's evictions, and whether turning the agent off at run time stops tracking.
 */
public final class MillionLocksApp {
    /** Fails its first tryAcquire: the acquisition goes through AQS's slow path, as under contention. */
    static final class FlakyMutex extends AbstractQueuedSynchronizer {
        private boolean failedOnce;

        @Override
        protected boolean tryAcquire(int arg) {
            if (!failedOnce) {
                failedOnce = true;
                return false;
            }
            return compareAndSetState(0, 1);
        }

        @Override
        protected boolean tryRelease(int arg) {
            setState(0);
            return true;
        }
    }

    public static void main(String[] args) throws Exception {
        int n = Integer.parseInt(args[0]);
        for (int i = 0; i < n; i++) {
            FlakyMutex m = new FlakyMutex();
            m.acquire(1);
            m.release(1);
        }
        long used = settledHeap();
        System.out.println("heap-used=" + used);
        MBeanServer server = ManagementFactory.getPlatformMBeanServer();
        ObjectName name = new ObjectName("dev.lockscope:type=Agent");
        boolean agent = args.length > 1 && args[1].equals("agent");
        for (int i = 0; i < 50 && agent && !server.isRegistered(name); i++) {
            Thread.sleep(100);
        }
        if (server.isRegistered(name)) {
            long evictions = (Long) server.getAttribute(name, "Evictions");
            int tracked = (Integer) server.getAttribute(name, "TrackedLocks");
            System.out.println("evictions=" + evictions + " tracked=" + tracked + " errors=" + server.getAttribute(name, "HookErrors"));
            server.setAttribute(name, new Attribute("Enabled", Boolean.FALSE));
            for (int i = 0; i < 10_000; i++) {
                FlakyMutex m = new FlakyMutex();
                m.acquire(1);
                m.release(1);
            }
            long after = (Long) server.getAttribute(name, "Evictions");
            System.out.println("off-evictions-unchanged=" + (after == evictions) + " enabled=" + server.getAttribute(name, "Enabled"));
        }
    }

    private static long settledHeap() throws InterruptedException {
        long used = Long.MAX_VALUE;
        for (int i = 0; i < 5; i++) {
            System.gc();
            Thread.sleep(100);
            Runtime rt = Runtime.getRuntime();
            used = Math.min(used, rt.totalMemory() - rt.freeMemory());
        }
        return used;
    }
}
