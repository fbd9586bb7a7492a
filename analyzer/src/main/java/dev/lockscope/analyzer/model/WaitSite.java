package dev.lockscope.analyzer.model;

import java.util.List;

/** Where a waiting thread asked for its lock, by its stack: the site that names a lock row. */
public final class WaitSite {
    private WaitSite() {
    }

    /**
     * The first application (non-JDK) frame, where the program asked for the lock. A stack of JDK frames only
     * (an executor's idle worker, JFR's own threads) is named by its first frame above the parking machinery. A frame
     * the recording left unnamed never names a site.
     */
    public static String of(List<Frame> topFirst) {
        for (Frame f : topFirst) {
            if (!f.isJdk() && !Frame.UNNAMED.equals(f.className())) {
                return f.toString();
            }
        }
        for (Frame f : topFirst) {
            if (!isWaitMachinery(f.className())) {
                return "(JDK) " + f;
            }
        }
        return "(no stack trace)";
    }

    private static boolean isWaitMachinery(String className) {
        return className.startsWith("java.util.concurrent.locks.") || className.equals("jdk.internal.misc.Unsafe")
                || className.equals("java.lang.Object") || className.startsWith("java.lang.VirtualThread")
                || className.equals("java.util.concurrent.ForkJoinPool");
    }
}
