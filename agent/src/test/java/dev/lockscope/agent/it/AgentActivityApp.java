package dev.lockscope.agent.it;

import io.micrometer.core.instrument.FunctionTimer;
import io.micrometer.core.instrument.Meter;
import io.micrometer.core.instrument.Metrics;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.io.InputStream;
import java.net.URL;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.ReentrantLock;
import java.util.function.ToDoubleFunction;
import java.util.function.ToLongFunction;

/**
 * An application contending its own locks while the agent is busy beside it. Its contention: one ReentrantLock
 * taken by two threads, and two unrelated {@code Object} monitors, each taken by two threads at its own code site.
 * Beside that, the agent's own activity: the application's Micrometer registry takes the registry's lock and
 * monitor for a while whenever a meter is registered (as a registry that indexes or exports does), and the agent
 * registers its meters there from its own thread, while the registry's exporter threads take the same lock and
 * monitor all the time. So the agent's thread waits for the exporters, and the exporters wait for the agent's
 * thread: neither is contention of the application's own. Runs until the agent's meters for the three contended
 * sites are in the registry, two seconds more, then prints the meters it sees ("app-meter site=... count=...",
 * "agent-cost count=..."), the agent's Prometheus text when a port is given, and "activity done".
 */
public final class AgentActivityApp {
    // The markers of monitor sites sit on the first line inside the synchronized block: the JDK's monitor event names
    // the frame at the instruction after the monitor enter, and so does every report built on it.
    static final ReentrantLock APP_LOCK = new ReentrantLock(); // ACTIVITY-APP-LOCK
    static final ReentrantLock REGISTRY_LOCK = new ReentrantLock(); // ACTIVITY-REGISTRY-LOCK
    static final Object REGISTRY_MONITOR = new Object();
    static final Object ORDERS = new Object();
    static final Object PRICES = new Object();
    static volatile boolean running = true;

    /** The application's registry: registering a meter holds its lock and monitor for a while. */
    static final class LockingRegistry extends SimpleMeterRegistry {
        @Override
        protected <T> FunctionTimer newFunctionTimer(Meter.Id id, T obj, ToLongFunction<T> count, ToDoubleFunction<T> total,
                                                     TimeUnit unit) {
            REGISTRY_LOCK.lock(); // ACTIVITY-REGISTER-LOCK
            try {
                synchronized (REGISTRY_MONITOR) {
                    pause(20); // ACTIVITY-REGISTER-MONITOR
                }
                pause(20);
                return super.newFunctionTimer(id, obj, count, total, unit);
            } finally {
                REGISTRY_LOCK.unlock();
            }
        }
    }

    static void appWork() {
        APP_LOCK.lock(); // ACTIVITY-APP-ACQUIRE
        try {
            pause(2);
        } finally {
            APP_LOCK.unlock();
        }
    }

    static void order() {
        synchronized (ORDERS) {
            pause(2); // ACTIVITY-ORDERS
        }
    }

    static void price() {
        synchronized (PRICES) {
            pause(2); // ACTIVITY-PRICES
        }
    }

    static void exportUnderLock() {
        REGISTRY_LOCK.lock(); // ACTIVITY-EXPORT-LOCK
        try {
            pause(3);
        } finally {
            REGISTRY_LOCK.unlock();
        }
        pause(1);
    }

    static void exportUnderMonitor() {
        synchronized (REGISTRY_MONITOR) {
            pause(3); // ACTIVITY-EXPORT-MONITOR
        }
        pause(1);
    }

    public static void main(String[] args) throws Exception {
        LockingRegistry registry = new LockingRegistry();
        Metrics.addRegistry(registry);
        List<Thread> threads = new ArrayList<>();
        threads.add(loop("activity-exporter-lock", AgentActivityApp::exportUnderLock));
        threads.add(loop("activity-exporter-monitor", AgentActivityApp::exportUnderMonitor));
        for (String n : new String[] {"a", "b"}) {
            threads.add(loop("activity-app-" + n, AgentActivityApp::appWork));
            threads.add(loop("activity-orders-" + n, AgentActivityApp::order));
            threads.add(loop("activity-prices-" + n, AgentActivityApp::price));
        }
        for (Thread t : threads) {
            t.start();
        }
        // The agent registers a site's meters once the site has waits: wait for the three contended sites.
        for (int i = 0; i < 300 && sitesMetered(registry) < 3; i++) {
            Thread.sleep(100);
        }
        Thread.sleep(2000);
        running = false;
        for (Thread t : threads) {
            t.join();
        }
        // The agent refreshes its meters once a second: wait for a stable count.
        Thread.sleep(1500);
        for (FunctionTimer t : registry.find("lockscope.lock.wait").functionTimers()) {
            System.out.println("app-meter site=" + t.getId().getTag("site") + " count=" + (long) t.count());
        }
        FunctionTimer cost = registry.find("lockscope.agent.wait").functionTimer();
        System.out.println("agent-cost count=" + (cost == null ? -1 : (long) cost.count())
                + " totalMs=" + (cost == null ? -1 : (long) cost.totalTime(TimeUnit.MILLISECONDS)));
        if (args.length > 0) {
            try (InputStream in = new URL("http://127.0.0.1:" + args[0] + "/metrics").openStream()) {
                System.out.print(new String(in.readAllBytes(), StandardCharsets.UTF_8));
            }
        }
        System.out.println("activity done");
    }

    private static long sitesMetered(SimpleMeterRegistry registry) {
        return registry.find("lockscope.lock.wait").functionTimers().stream()
                .filter(t -> String.valueOf(t.getId().getTag("site")).contains("AgentActivityApp")).count();
    }

    private static Thread loop(String name, Runnable body) {
        return new Thread(() -> {
            while (running) {
                body.run();
            }
        }, name);
    }

    private static void pause(long ms) {
        try {
            Thread.sleep(ms);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
