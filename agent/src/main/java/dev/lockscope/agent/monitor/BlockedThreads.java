package dev.lockscope.agent.monitor;

import java.lang.management.ManagementFactory;
import java.lang.management.ThreadInfo;
import java.lang.management.ThreadMXBean;

/**
 * Platform threads blocked entering a monitor, from their thread states ({@link ThreadMXBean}, no stack: no
 * safepoint). A thread still BLOCKED with the same blocked count later is still in the same wait. Virtual threads
 * are not listed by ThreadMXBean; their waits are seen through the JDK's events only.
 */
final class BlockedThreads implements MonitorWaitsInProgress {
    /** Threads looked at per look, the next ones at the next look: bounds a look's cost on hosts with many threads. */
    static final int MAX_LOOKED = 256;
    /** Blocked threads remembered per look; one still waiting is enough. */
    static final int MAX_REMEMBERED = 8;

    private final ThreadMXBean threads;
    private final long[] blockedIds = new long[MAX_REMEMBERED];
    private final long[] blockedCounts = new long[MAX_REMEMBERED];
    private int blocked;
    private int cursor;

    BlockedThreads() {
        this(ManagementFactory.getThreadMXBean());
    }

    BlockedThreads(ThreadMXBean threads) {
        this.threads = threads;
    }

    @Override
    public boolean look() {
        blocked = 0;
        try {
            long[] all = threads.getAllThreadIds();
            long[] ids = all;
            if (all.length > MAX_LOOKED) {
                ids = new long[MAX_LOOKED];
                for (int i = 0; i < MAX_LOOKED; i++) {
                    ids[i] = all[(cursor + i) % all.length];
                }
                cursor = (cursor + MAX_LOOKED) % all.length;
            }
            for (ThreadInfo t : threads.getThreadInfo(ids, 0)) {
                if (t != null && t.getThreadState() == Thread.State.BLOCKED && blocked < MAX_REMEMBERED) {
                    blockedIds[blocked] = t.getThreadId();
                    blockedCounts[blocked] = t.getBlockedCount();
                    blocked++;
                }
            }
        } catch (RuntimeException e) {
            // thread management refused or unsupported here: no wait is seen, events still turn the pace fast
            blocked = 0;
        }
        return blocked > 0;
    }

    @Override
    public boolean sameWaitGoesOn() {
        if (blocked == 0) {
            return false;
        }
        try {
            long[] ids = java.util.Arrays.copyOf(blockedIds, blocked);
            ThreadInfo[] now = threads.getThreadInfo(ids, 0);
            for (int i = 0; i < now.length; i++) {
                // The blocked count rises with every blocked entry: unchanged, it is the wait seen at the look.
                if (now[i] != null && now[i].getThreadState() == Thread.State.BLOCKED && now[i].getBlockedCount() == blockedCounts[i]) {
                    return true;
                }
            }
        } catch (RuntimeException e) {
            // as above
        }
        return false;
    }
}
