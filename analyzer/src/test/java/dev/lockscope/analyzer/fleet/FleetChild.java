package dev.lockscope.analyzer.fleet;

import java.nio.file.Path;
import java.time.Duration;
import jdk.jfr.Recording;

/**
 * One JVM of a test fleet: writes {@code COUNT} recordings one after another, each of {@code ROUNDS} rounds in which
 * {@code WAITERS} threads block on a {@link FleetMonitor} while its holder sleeps {@code HOLD_MS} in it (so what the
 * owner did while others waited is a measured sleep).
 * Usage: {@code FleetChild DIR PREFIX COUNT}.
 */
public final class FleetChild {
    static final int ROUNDS = 2;
    static final int WAITERS = 2;
    static final long HOLD_MS = 15;

    /** The planted monitor: its class names it in the report. */
    public static final class FleetMonitor {
    }

    private FleetChild() {
    }

    public static void main(String[] args) throws Exception {
        Path dir = Path.of(args[0]);
        String prefix = args[1];
        int count = Integer.parseInt(args[2]);
        FleetMonitor monitor = new FleetMonitor();
        for (int i = 0; i < count; i++) {
            try (Recording r = new Recording()) {
                for (String e : new String[] {"jdk.JavaMonitorEnter", "jdk.JavaMonitorWait", "jdk.ThreadPark"}) {
                    r.enable(e).withThreshold(Duration.ZERO).withStackTrace();
                }
                r.enable("jdk.JavaThreadStatistics").withPeriod(Duration.ofMillis(20));
                r.enable("jdk.CPULoad").withPeriod(Duration.ofMillis(20));
                r.enable("jdk.CPUInformation");
                r.enable("jdk.JVMInformation");
                r.enable("jdk.ActiveSetting");
                r.enable("jdk.ExecutionSample").withPeriod(Duration.ofMillis(10));
                r.enable("jdk.ThreadSleep").withThreshold(Duration.ZERO).withStackTrace();
                r.start();
                for (int round = 0; round < ROUNDS; round++) {
                    contend(monitor);
                }
                Thread.sleep(40); // a periodic sample or two of CPU load and threads
                r.stop();
                r.dump(dir.resolve(String.format("%s-%03d.jfr", prefix, i)));
            }
        }
    }

    private static void contend(FleetMonitor monitor) throws InterruptedException {
        Thread[] waiters = new Thread[WAITERS];
        synchronized (monitor) {
            for (int w = 0; w < WAITERS; w++) {
                waiters[w] = new Thread(() -> {
                    synchronized (monitor) {
                        monitor.hashCode();
                    }
                }, "fleet-waiter-" + w);
                waiters[w].start();
            }
            for (Thread t : waiters) {
                while (t.getState() != Thread.State.BLOCKED) {
                    Thread.sleep(1);
                }
            }
            Thread.sleep(HOLD_MS);
        }
        for (Thread t : waiters) {
            t.join();
        }
    }
}
