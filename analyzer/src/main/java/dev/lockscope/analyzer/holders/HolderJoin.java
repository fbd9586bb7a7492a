package dev.lockscope.analyzer.holders;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Matches each wait whose owner is known with what that owner was recorded doing in the wait's window: its blocking
 * calls and its own waits (measured: their overlap with the window), the JVM's pauses (measured: the part no call of
 * the owner explains), and its samples (sampled: those outside both, one sampling period each), each with its stack;
 * and finds where the owner took the lock ({@link #acquireSite}). Built once the recordings are read; threads and
 * pauses are per JVM, so rotated files of one JVM join across files.
 */
public final class HolderJoin implements HolderProfiler {
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
    // Scratch for one window: the stacks of the owner's events and samples counted in it.
    private int[] observed = new int[16];
    private int observations;
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

    @Override
    public synchronized HolderTally profile(Set<Integer> windowGroups, Set<Integer> selfGroups) {
        return profile(windowGroups, selfGroups, KnownSites.NONE);
    }

    /**
     * As above; {@code known} are the places where threads were recorded waiting for the lock, by which an owner's
     * stacks tell where it took the lock when its own acquisition was not recorded.
     */
    @Override
    public synchronized HolderTally profile(Set<Integer> windowGroups, Set<Integer> selfGroups, KnownSites known) {
        HolderTally t = new HolderTally(store.names, store.groupNames, store.stacks);
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
                            selfGroups, known);
                    ownerCpu(t, store.files.get(f), i, end - start);
                }
            }
        }
        return t;
    }

    private void window(HolderTally t, long s, long e, ThreadTimeline owner, Pauses p, Set<Integer> self,
                        KnownSites known) {
        segs = 0;
        observations = 0;
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
                t.measured(st, b - a, owner.frame(i), owner.type(i), owner.stack(i), seen);
                observe(owner.stack(i));
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
                    t.measured(OwnerState.GC_OR_SAFEPOINT, len, p.name(j), p.type(j), -1, seen);
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
                t.sampled(st, period(owner.sampleFile(k), st), owner.sampleFrame(k), owner.sampleStack(k), seen);
                observe(owner.sampleStack(k));
            }
        }
        long owned = e - s - notHolding;
        t.window(owned, seen);
        if (owned > 0) {
            acquireSite(t, owner, e, self, known, owned);
        }
    }

    /** What the agent measured of the window's owner, where it wrote the window and measured it. */
    private static void ownerCpu(HolderTally t, HolderStore.FileRecord r, int window, long waitNanos) {
        dev.lockscope.analyzer.model.OwnerCpuSplit c = r.ownerCpu.get(window);
        if (c != null) {
            t.ownerCpu(c, waitNanos);
        } else {
            String why = r.ownerCpuMissing.get(window);
            if (why != null) {
                t.ownerCpuNotMeasured(why);
            }
        }
    }

    /** How far back an owner's last recorded acquisition is looked for, in its intervals. */
    private static final int ACQUISITION_LOOKBACK = 64;

    /**
     * Where the window's owner took the lock. First its own last recorded acquisition: its latest wait for this lock
     * that ended by the window's end (a monitor's contended enter, a j.u.c. lock's park), taken to be the hold's
     * beginning unless the owner's stacks in the window all lack that method (it let go and took the lock again,
     * uncontended, elsewhere). Else the first frame, from the top, of its stacks in the window that lies in a method
     * where threads were recorded waiting for this lock. Else unknown.
     */
    private void acquireSite(HolderTally t, ThreadTimeline owner, long e, Set<Integer> self, KnownSites known,
                             long owned) {
        if (owner != null) {
            int stop = Math.max(-1, owner.lastIntervalStartingBefore(e) - ACQUISITION_LOOKBACK);
            for (int i = owner.lastIntervalStartingBefore(e); i > stop; i--) {
                if (self.contains(owner.group(i)) && owner.end(i) <= e) {
                    if (stillInMethodOf(owner.stack(i))) {
                        t.acquired(owner.frame(i), true, owned);
                        return;
                    }
                    break;
                }
            }
            if (!known.isEmpty()) {
                for (int o = 0; o < observations; o++) {
                    for (int n = StackTable.node(observed[o]); n > 0; n = store.stacks.parent(n)) {
                        String site = known.siteOf(store.stacks.frame(n));
                        if (site != null) {
                            t.acquired(store.names.id(site), false, owned);
                            return;
                        }
                    }
                }
            }
        }
        t.acquiredAtUnknown(observations == 0 ? AcquireSite.Unknown.NOTHING_RECORDED
                : AcquireSite.Unknown.NOT_IN_STACKS, owned);
    }

    /**
     * Whether the owner's stacks in the window are consistent with its still holding the lock it took at stack
     * {@code acquisition}: some stack has a frame in the acquiring method (its first application frame), or there is
     * no stack to tell.
     */
    private boolean stillInMethodOf(int acquisition) {
        StackTable st = store.stacks;
        dev.lockscope.analyzer.model.Frame at = null;
        for (int n = StackTable.node(acquisition); n > 0 && at == null; n = st.parent(n)) {
            at = st.frame(n).isJdk() ? null : st.frame(n);
        }
        if (at == null || observations == 0) {
            return true;
        }
        for (int o = 0; o < observations; o++) {
            for (int n = StackTable.node(observed[o]); n > 0; n = st.parent(n)) {
                if (KnownSites.sameMethod(st.frame(n), at)) {
                    return true;
                }
            }
        }
        return false;
    }

    /** Stacks of one window kept for finding its acquire site: enough to see the hold's frames, bounded. */
    private static final int MAX_OBSERVED = 256;

    private void observe(int stack) {
        if (stack == StackTable.EMPTY || observations == MAX_OBSERVED) {
            return;
        }
        if (observations == observed.length) {
            observed = java.util.Arrays.copyOf(observed, observations * 2);
        }
        observed[observations++] = stack;
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
