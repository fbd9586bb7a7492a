package dev.lockscope.agent.it;

import io.micrometer.core.instrument.FunctionCounter;
import io.micrometer.core.instrument.FunctionTimer;
import io.micrometer.core.instrument.Metrics;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.io.InputStream;
import java.net.URL;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.ReentrantLock;

/**
 * An application with its own Micrometer: the one documented line adds its registry to the global one; it
 * then contends a lock exactly {@link #ROUNDS} times and prints the lockscope meters it sees, and the agent's
 * Prometheus text if a port is given.
 */
public final class MetricsApp {
    static final int ROUNDS = 30;
    static final ReentrantLock LOCK = new ReentrantLock(); // METRICS-LOCK
    /** Round the hog holds the lock in; rounds main has finished. Hand-offs, so every one of main's acquisitions is contended. */
    static volatile int hogRound = -1;
    static volatile int mainDone;

    public static void main(String[] args) throws Exception {
        SimpleMeterRegistry registry = new SimpleMeterRegistry();
        Metrics.addRegistry(registry); // the one line
        // The agent starts its meters and joins its probe once an application's start-up has settled (agent option
        // backgroundStart): a service contends long after that; this program waits for it, then contends.
        for (int i = 0; i < 300 && registry.find("lockscope.lock.wait").meters().isEmpty(); i++) {
            Thread.sleep(100);
        }
        Thread main = Thread.currentThread();
        Thread hog = new Thread(() -> {
            for (int i = 0; i < ROUNDS; i++) {
                LOCK.lock();
                try {
                    hogRound = i;
                    // Release only once main is queued: its acquisition is contended whatever the machine's load.
                    while (!LOCK.hasQueuedThread(main)) {
                        Thread.sleep(1);
                    }
                    Thread.sleep(2);
                } catch (InterruptedException e) {
                    return;
                } finally {
                    LOCK.unlock();
                }
                while (mainDone <= i) {
                    Thread.onSpinWait();
                    Thread.yield();
                }
            }
        }, "metrics-hog");
        hog.start();
        for (int i = 0; i < ROUNDS; i++) {
            while (hogRound < i) {
                Thread.sleep(1);
            }
            LOCK.lock();
            LOCK.unlock();
            mainDone = i + 1;
        }
        hog.join();
        // The agent refreshes its meters once a second: wait until the count is there and stable.
        FunctionTimer wait = null;
        double last = -1;
        for (int i = 0; i < 20; i++) {
            Thread.sleep(1100);
            wait = registry.find("lockscope.lock.wait").tag("site", s -> s.contains("MetricsApp")).functionTimer();
            if (wait != null && wait.count() > 0 && wait.count() == last) {
                break;
            }
            last = wait == null ? -1 : wait.count();
        }
        System.out.println("app-meter site=" + (wait == null ? "none" : wait.getId().getTag("site"))
                + " count=" + (wait == null ? 0 : (long) wait.count())
                + " totalMs=" + (wait == null ? 0 : (long) wait.totalTime(TimeUnit.MILLISECONDS)));
        System.out.println("app-meter-tags=" + registry.find("lockscope.lock.wait").functionTimers().size());
        FunctionCounter futex = registry.find("lockscope.futex.calls").tag("site", s -> s.contains("MetricsApp")).functionCounter();
        System.out.println(futex == null ? "app-futex absent (" + registry.find("lockscope.futex.calls").functionCounters().size() + " meters)"
                : "app-futex site=" + futex.getId().getTag("site") + " source=" + futex.getId().getTag("source") + " count=" + (long) futex.count());
        if (args.length > 0) {
            try (InputStream in = new URL("http://127.0.0.1:" + args[0] + "/metrics").openStream()) {
                System.out.print(new String(in.readAllBytes(), StandardCharsets.UTF_8));
            }
        }
    }
}
