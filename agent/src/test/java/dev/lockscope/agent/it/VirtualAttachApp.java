package dev.lockscope.agent.it;

import java.util.ArrayList;
import java.util.List;

/**
 * For attaching to (JDK 24+): four virtual threads contend one monitor for ARGS[0] seconds, or until a line
 * {@code stop} arrives on stdin, each holding it ~2 ms on
 * the CPU (so it stays mounted) and then ~1 ms outside, while the main thread forces a collection now and then. Prints
 * {@code virtual ready} once running, then every 200 ms {@code unhooked N}: how many of java.lang.VirtualThread's
 * calls into lockscope's boot dispatcher found no agent behind them (-1 while no agent has loaded it). At the end,
 * {@code monitor N of M}: a plain counter under the monitor against the sections run (a broken exclusion loses updates).
 */
public final class VirtualAttachApp {
    static final Object MONITOR = new Object();
    static long guarded;
    static volatile boolean stopped;

    public static void main(String[] args) throws Exception {
        long end = System.nanoTime() + Long.parseLong(args[0]) * 1_000_000_000L;
        Thread stdin = new Thread(() -> {
            try (java.io.BufferedReader in = new java.io.BufferedReader(new java.io.InputStreamReader(System.in))) {
                for (String line; (line = in.readLine()) != null; ) {
                    if (line.equals("stop")) {
                        stopped = true;
                    }
                }
            } catch (java.io.IOException e) {
                // no more commands
            }
        }, "stdin");
        stdin.setDaemon(true);
        stdin.start();
        long[] sections = new long[4];
        List<Thread> threads = new ArrayList<>();
        for (int i = 0; i < sections.length; i++) {
            int me = i;
            threads.add(VirtualContentionApp.virtual("vattach-" + i, () -> {
                while (System.nanoTime() < end && !stopped) {
                    synchronized (MONITOR) { // VATTACH-SITE
                        guarded++;
                        VirtualContentionApp.spin(2);
                    }
                    sections[me]++;
                    VirtualContentionApp.spin(1);
                }
            }));
        }
        System.out.println("virtual ready");
        int ticks = 0;
        while (threads.stream().anyMatch(Thread::isAlive)) {
            Thread.sleep(200);
            System.out.println("unhooked " + unhooked());
            if (++ticks % 5 == 0) {
                System.gc();
            }
        }
        for (Thread t : threads) {
            t.join();
        }
        long total = 0;
        for (long s : sections) {
            total += s;
        }
        synchronized (MONITOR) {
            System.out.println("monitor " + guarded + " of " + total);
        }
    }

    /** LockscopeDispatch.virtualCallsUnhooked, read from the boot loader's class; -1 before any agent loaded it. */
    static long unhooked() {
        try {
            return Class.forName("dev.lockscope.agent.dispatch.LockscopeDispatch", false, null)
                    .getField("virtualCallsUnhooked").getLong(null);
        } catch (ReflectiveOperationException | RuntimeException e) {
            return -1;
        }
    }
}
