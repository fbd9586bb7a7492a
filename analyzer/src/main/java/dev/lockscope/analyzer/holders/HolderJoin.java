package dev.lockscope.analyzer.holders;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Matches each wait whose owner is known with what that owner was recorded doing in the wait's window: its blocking
 * calls and its own waits (measured: their overlap with the window), the JVM's pauses (measured: the part no call of
 * the owner explains), and its samples (sampled: those outside both, one sampling period each). Built once the
 * recordings are read; threads and pauses are per JVM, so rotated files of one JVM join across files.
 */
public final class HolderJoin {
    private final HolderStore store;
    private final int[] jvmOfFile;
    private final long[][] samplePeriods;
    private final Map<Integer, Map<Long, ThreadTimeline>> threads = new HashMap<>();
    private final Map<Integer, Pauses> pauses = new HashMap<>();
    private final Map<Integer, Long> cutoffs = new HashMap<>();
    /** Per group, its windows as (file << 32 | index). */
    private final Map<Integer, List<Long>> windowsByGroup = new HashMap<>();

    // Scratch for one window: the owner's intervals inside it, disjoint and in order.
    private long[] segStarts = new long[16];
    private long[] segEnds = new long[16];
    private int segs;
    private final boolean[] seen = new boolean[OwnerState.values().length];

    HolderJoin(HolderStore store, int[] jvmOfFile, long[][] samplePeriods) {
        this.store = store;
        this.jvmOfFile = jvmOfFile;
        this.samplePeriods = samplePeriods;
        for (int f = 0; f < store.files.size(); f++) {
            HolderStore.FileRecord r = store.files.get(f);
            int jvm = jvmOf(f);
            Map<Long, ThreadTimeline> mine = threads.computeIfAbsent(jvm, j -> new HashMap<>());
            r.threads.forEach((tid, t) -> {
                ThreadTimeline before = mine.putIfAbsent(tid, t);
                if (before != null) {
                    before.addAll(t);
                }
            });
            Pauses p = pauses.putIfAbsent(jvm, r.pauses);
            if (p != null) {
                p.addAll(r.pauses);
            }
            cutoffs.merge(jvm, r.cutoff, Math::min);
            for (int i = 0; i < r.windows.size(); i++) {
                windowsByGroup.computeIfAbsent(r.windows.group(i), g -> new ArrayList<>()).add(((long) f << 32) | i);
            }
        }
        threads.values().forEach(m -> m.values().forEach(ThreadTimeline::seal));
        pauses.values().forEach(Pauses::seal);
    }

    private int jvmOf(int file) {
        return file < jvmOfFile.length ? jvmOfFile[file] : file;
    }

    /**
     * What the owners did during the windows of {@code windowGroups}; time in the owner's own waits for a lock of
     * {@code selfGroups} (the same lock: it did not hold it yet) is left out of the window.
     */
    public synchronized HolderTally profile(Set<Integer> windowGroups, Set<Integer> selfGroups) {
        HolderTally t = new HolderTally(store.names, store.groupNames);
        for (int g : windowGroups) {
            for (HolderStore.FileRecord r : store.files) {
                add(t.withoutOwner, r.withoutOwner.get(g));
                add(t.notKept, r.notKept.get(g));
            }
            for (long w : windowsByGroup.getOrDefault(g, List.of())) {
                int f = (int) (w >>> 32);
                int i = (int) w;
                WaitWindows ws = store.files.get(f).windows;
                int jvm = jvmOf(f);
                long start = ws.start(i);
                long end = ws.end(i);
                if (end > cutoffs.getOrDefault(jvm, Long.MAX_VALUE)) {
                    t.afterCutoff[0]++;
                    t.afterCutoff[1] += end - start;
                    continue;
                }
                if (end > start) {
                    window(t, start, end, threads.getOrDefault(jvm, Map.of()).get(ws.owner(i)), pauses.get(jvm),
                            selfGroups);
                }
            }
        }
        return t;
    }

    private void window(HolderTally t, long s, long e, ThreadTimeline owner, Pauses p, Set<Integer> self) {
        segs = 0;
        long notHolding = 0;
        if (owner != null) {
            long cursor = s;
            for (int i = owner.firstIntervalOverlapping(s, e); i < owner.intervals() && owner.start(i) < e; i++) {
                long a = Math.max(Math.max(owner.start(i), s), cursor);
                long b = Math.min(owner.end(i), e);
                if (b <= a) {
                    continue;
                }
                cursor = b;
                addSeg(a, b);
                if (self.contains(owner.group(i))) {
                    notHolding += b - a;
                    continue;
                }
                OwnerState st = owner.state(i);
                t.measured(st, b - a, owner.frame(i), owner.type(i), seen);
                if (st == OwnerState.OTHER_LOCK) {
                    t.otherLock(owner.group(i), b - a);
                }
            }
        }
        if (p != null) {
            for (int j = p.firstEndingAfter(s); j < p.size() && p.start(j) < e; j++) {
                long a = Math.max(p.start(j), s);
                long b = Math.min(p.end(j), e);
                long len = b - a - covered(a, b);
                if (len > 0) {
                    t.measured(OwnerState.GC_OR_SAFEPOINT, len, p.name(j), p.type(j), seen);
                }
            }
        }
        if (owner != null) {
            for (int k = owner.firstSampleFrom(s); k < owner.samples() && owner.sampleTime(k) < e; k++) {
                long time = owner.sampleTime(k);
                if (inSegs(time) || inPause(p, time)) {
                    continue; // explained by a measured interval already
                }
                OwnerState st = owner.sampleState(k);
                t.sampled(st, period(owner.sampleFile(k), st), owner.sampleFrame(k), seen);
            }
        }
        t.window(e - s - notHolding, seen);
    }

    private long period(int file, OwnerState st) {
        return samplePeriods[file][st == OwnerState.IN_NATIVE ? 1 : 0];
    }

    private void addSeg(long a, long b) {
        if (segs == segStarts.length) {
            segStarts = java.util.Arrays.copyOf(segStarts, segs * 2);
            segEnds = java.util.Arrays.copyOf(segEnds, segs * 2);
        }
        segStarts[segs] = a;
        segEnds[segs] = b;
        segs++;
    }

    /** Time in [a, b) the owner's intervals of this window cover. */
    private long covered(long a, long b) {
        long c = 0;
        for (int i = 0; i < segs; i++) {
            c += Math.max(0, Math.min(b, segEnds[i]) - Math.max(a, segStarts[i]));
        }
        return c;
    }

    private boolean inSegs(long time) {
        for (int i = 0; i < segs; i++) {
            if (time >= segStarts[i] && time < segEnds[i]) {
                return true;
            }
        }
        return false;
    }

    private static boolean inPause(Pauses p, long time) {
        if (p == null) {
            return false;
        }
        int j = p.firstEndingAfter(time);
        return j < p.size() && p.start(j) <= time;
    }

    private static void add(long[] to, long[] v) {
        if (v != null) {
            to[0] += v[0];
            to[1] += v[1];
        }
    }
}
