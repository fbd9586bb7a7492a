package dev.lockscope.locks;

import java.util.concurrent.ConcurrentHashMap;

/**
 * Maps Java threads to kernel tids so a spinner can ask the probe about the lock's owner. A thread registers
 * itself the first time it takes a contended path, so the uncontended path stays exactly ReentrantLock's
 * (one CAS and the owner store). Keyed by the JVM thread id, which is never reused; bounded by clearing.
 */
final class TidRegistry {
    private static final int MAX_ENTRIES = 1 << 16;
    private static final ConcurrentHashMap<Long, Integer> TIDS = new ConcurrentHashMap<>();

    private TidRegistry() {
    }

    /** Registers the calling platform thread's tid once. Virtual threads have no stable tid and are skipped. */
    @SuppressWarnings("deprecation") // Thread.getId(): threadId() needs JDK 19
    static void registerCurrent(OwnerProbe probe) {
        Thread t = Thread.currentThread();
        Long id = t.getId();
        if (TIDS.containsKey(id) || VirtualThreads.isVirtual(t)) return;
        int tid = probe.currentTid();
        if (tid <= 0) return;
        if (TIDS.size() >= MAX_ENTRIES) TIDS.clear(); // dead threads' entries; live ones re-register
        TIDS.put(id, tid);
    }

    /** The kernel tid of {@code t}, or -1 if it has not registered. */
    @SuppressWarnings("deprecation")
    static int tidOf(Thread t) {
        Integer tid = TIDS.get(t.getId());
        return tid == null ? -1 : tid;
    }
}
