package dev.lockscope.analyzer.holders;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * What one lock's owners did during the waits for it whose owner is known, added up over those waits. The time a wait
 * is counted for is the time its owner held the lock: the window, less any part where that owner was itself still
 * waiting for this lock (a monitor's previous owner may have got it only during the wait).
 */
public final class HolderTally {
    private static final int STATES = OwnerState.values().length;
    static final int TOP_FRAMES = 3;

    private final Names names;
    private final List<String> groupNames;
    private final StackTable stackTable;
    private long waits;
    private long ownedNanos;
    private final long[] stateNanos = new long[STATES];
    private final long[] samples = new long[STATES];
    private final long[] stateWaits = new long[STATES];
    private final List<Map<Integer, long[]>> frames = new ArrayList<>();
    private final List<Map<Byte, long[]>> types = new ArrayList<>();
    private final Map<Integer, long[]> otherLocks = new HashMap<>();
    /**
     * The owners' stacks: (stack id << 16 | event type << 8 | state) -> {events or samples, nanos (sampled: unscaled)};
     * the event type is the interval type's index, {@link #SAMPLE} for samples.
     */
    private final Map<Long, long[]> stackTime = new HashMap<>();
    /** Where the owners took the lock: site name id -> {waits, nanos, waits placed by a recorded acquisition}. */
    private final Map<Integer, long[]> acquireSites = new HashMap<>();
    private final long[][] acquireUnknown = new long[AcquireSite.Unknown.values().length][2];
    /** The agent's measurement of the owners: {waits, wait nanos, on-CPU, preempted, off-CPU nanos}. */
    private final long[] ownerCpu = new long[5];
    private final Map<String, long[]> ownerCpuSources = new HashMap<>();
    private final Map<String, long[]> ownerCpuMissing = new HashMap<>();
    final long[] withoutOwner = new long[2];
    final long[] notKept = new long[2];
    final long[] afterCutoff = new long[2];

    HolderTally(Names names, List<String> groupNames, StackTable stackTable) {
        this.names = names;
        this.groupNames = groupNames;
        this.stackTable = stackTable;
        for (int i = 0; i < STATES; i++) {
            frames.add(new HashMap<>());
            types.add(new HashMap<>());
        }
    }

    /** Time of an event of the owner's, or of a pause ({@code stack} -1), in the window. */
    void measured(OwnerState s, long nanos, int frame, byte type, int stack, boolean[] seen) {
        stateNanos[s.ordinal()] += nanos;
        add(frames.get(s.ordinal()), frame, nanos);
        add(types.get(s.ordinal()), type, nanos);
        if (stack >= 0) {
            add(stackTime, stackKey(stack, type & 0xff, s), nanos);
        }
        seen[s.ordinal()] = true;
    }

    void sampled(OwnerState s, long periodNanos, int frame, int stack, boolean[] seen) {
        stateNanos[s.ordinal()] += periodNanos;
        samples[s.ordinal()]++;
        add(frames.get(s.ordinal()), frame, periodNanos);
        add(stackTime, stackKey(stack, SAMPLE, s), periodNanos);
        seen[s.ordinal()] = true;
    }

    private static final int SAMPLE = 0xff;

    private static long stackKey(int stack, int type, OwnerState s) {
        return ((long) stack << 16) | ((long) type << 8) | s.ordinal();
    }

    /** The window's owned time was held from the site named {@code site}, found as {@code recorded} says. */
    void acquired(int site, boolean recorded, long owned) {
        long[] v = acquireSites.computeIfAbsent(site, k -> new long[3]);
        v[0]++;
        v[1] += owned;
        v[2] += recorded ? 1 : 0;
    }

    /** Where the window's owner took the lock is not known, for {@code why}. */
    void acquiredAtUnknown(AcquireSite.Unknown why, long owned) {
        acquireUnknown[why.ordinal()][0]++;
        acquireUnknown[why.ordinal()][1] += owned;
    }

    /** A window the agent measured the owner in: its split of the wait's {@code waitNanos}. */
    void ownerCpu(dev.lockscope.analyzer.model.OwnerCpuSplit c, long waitNanos) {
        ownerCpu[0]++;
        ownerCpu[1] += waitNanos;
        long on = Math.round(c.onCpu() * waitNanos);
        long preempted = Math.round(c.preempted() * waitNanos);
        ownerCpu[2] += on;
        ownerCpu[3] += preempted;
        ownerCpu[4] += Math.max(0, waitNanos - on - preempted);
        add(ownerCpuSources, String.valueOf(c.source()), waitNanos);
    }

    /** A window of the agent's that did not measure its owner, and why. */
    void ownerCpuNotMeasured(String why) {
        add(ownerCpuMissing, why, 0);
    }

    /** What the agent measured of the owners in the profiled waits it wrote. */
    public OwnerCpu ownerCpu() {
        long notMeasured = 0;
        for (long[] v : ownerCpuMissing.values()) {
            notMeasured += v[0];
        }
        return new OwnerCpu(ownerCpu[0], ownerCpu[1], ownerCpu[2], ownerCpu[3], ownerCpu[4],
                most(ownerCpuSources, 1), notMeasured, most(ownerCpuMissing, 0));
    }

    /** The key with the largest value at {@code at}, or null. */
    private static String most(Map<String, long[]> m, int at) {
        String best = null;
        long max = -1;
        for (Map.Entry<String, long[]> e : m.entrySet()) {
            if (e.getValue()[at] > max) {
                max = e.getValue()[at];
                best = e.getKey();
            }
        }
        return best;
    }

    void otherLock(int group, long nanos) {
        add(otherLocks, group, nanos);
    }

    void window(long owned, boolean[] seen) {
        waits++;
        ownedNanos += owned;
        for (int i = 0; i < STATES; i++) {
            if (seen[i]) {
                stateWaits[i]++;
                seen[i] = false;
            }
        }
    }

    /** Whether nothing was tallied: no wait profiled, none without an owner, none left out. */
    public boolean isEmpty() {
        return waits == 0 && withoutOwner[0] == 0 && notKept[0] == 0 && afterCutoff[0] == 0;
    }

    /**
     * Adds another tally (of another recording, with its own names and groups): frames and pauses are matched by
     * name, the other locks' groups renumbered by {@code groupMap}.
     */
    void addAll(HolderTally o, java.util.function.IntUnaryOperator groupMap) {
        waits += o.waits;
        ownedNanos += o.ownedNanos;
        for (int i = 0; i < STATES; i++) {
            stateNanos[i] += o.stateNanos[i];
            samples[i] += o.samples[i];
            stateWaits[i] += o.stateWaits[i];
            Map<Integer, long[]> mine = frames.get(i);
            o.frames.get(i).forEach((id, v) -> addCounts(mine, names.id(o.names.name(id)), v));
            Map<Byte, long[]> myTypes = types.get(i);
            o.types.get(i).forEach((t, v) -> addCounts(myTypes, t, v));
        }
        o.otherLocks.forEach((g, v) -> addCounts(otherLocks, groupMap.applyAsInt(g), v));
        for (int i = 0; i < 2; i++) {
            withoutOwner[i] += o.withoutOwner[i];
            notKept[i] += o.notKept[i];
            afterCutoff[i] += o.afterCutoff[i];
        }
        // The other tally's stacks live in its own table: each is interned again in this one (cut if it is full).
        o.stackTime.forEach((key, v) -> {
            int id = (int) (key >>> 16);
            List<dev.lockscope.analyzer.model.Frame> topFirst = new ArrayList<>(o.stackTable.rootFirst(StackTable.node(id)));
            java.util.Collections.reverse(topFirst);
            int mine = stackTable.id(topFirst) | (StackTable.cut(id) ? StackTable.CUT : 0);
            addCounts(stackTime, stackKey(mine, (int) (key >>> 8) & 0xff, OwnerState.values()[(int) (key & 0xff)]), v);
        });
        o.acquireSites.forEach((site, v) -> {
            long[] m = acquireSites.computeIfAbsent(names.id(o.names.name(site)), k -> new long[3]);
            for (int i = 0; i < 3; i++) {
                m[i] += v[i];
            }
        });
        for (int u = 0; u < acquireUnknown.length; u++) {
            acquireUnknown[u][0] += o.acquireUnknown[u][0];
            acquireUnknown[u][1] += o.acquireUnknown[u][1];
        }
        for (int i = 0; i < ownerCpu.length; i++) {
            ownerCpu[i] += o.ownerCpu[i];
        }
        o.ownerCpuSources.forEach((k, v) -> addCounts(ownerCpuSources, k, v));
        o.ownerCpuMissing.forEach((k, v) -> addCounts(ownerCpuMissing, k, v));
    }

    private static <K> void addCounts(Map<K, long[]> m, K key, long[] v) {
        long[] mine = m.computeIfAbsent(key, k -> new long[2]);
        mine[0] += v[0];
        mine[1] += v[1];
    }

    /** Waits profiled: their owner was known and its events were kept. */
    public long waits() {
        return waits;
    }

    /** The time the owners of those waits held the lock during them: what every share is of. */
    public long ownedNanos() {
        return ownedNanos;
    }

    /** Lock waits that named no owner ({waits, nanos}). */
    public long[] withoutOwner() {
        return withoutOwner.clone();
    }

    /** Waits with an owner left out because the memory bound was reached ({waits, nanos}). */
    public long[] leftOut() {
        return new long[] {notKept[0] + afterCutoff[0], notKept[1] + afterCutoff[1]};
    }

    /**
     * Every state with time, most first, and {@link OwnerState#UNKNOWN} for the rest. Sampled states count one
     * sampling period per sample; when together they claim more than the time no event explains (a sampler's period
     * is nominal), they are scaled down to it.
     */
    public List<StateTime> states() {
        long rest = Math.max(0, ownedNanos - measuredNanos());
        double scale = sampledScale();
        List<StateTime> out = new ArrayList<>();
        long sampledKept = 0;
        for (OwnerState s : OwnerState.values()) {
            long n = stateNanos[s.ordinal()];
            if (s == OwnerState.UNKNOWN || n == 0) {
                continue;
            }
            double f = s.sampled() ? scale : 1;
            long nanos = Math.round(n * f);
            sampledKept += s.sampled() ? nanos : 0;
            out.add(new StateTime(s, nanos, stateWaits[s.ordinal()], samples[s.ordinal()],
                    top(frames.get(s.ordinal()), f, id -> names.name(id)),
                    top(types.get(s.ordinal()), 1, t -> HolderStore.INTERVAL_TYPES.get(t))));
        }
        long unknown = Math.max(0, rest - sampledKept);
        if (unknown > 0) {
            out.add(new StateTime(OwnerState.UNKNOWN, unknown, 0, 0, List.of(), List.of()));
        }
        out.sort((a, b) -> Long.compare(b.nanos(), a.nanos()));
        return out;
    }

    private long measuredNanos() {
        long measured = 0;
        for (OwnerState s : OwnerState.values()) {
            measured += s.sampled() ? 0 : stateNanos[s.ordinal()];
        }
        return measured;
    }

    /** What sampled time is multiplied by: 1, or less where the samples claim more than the measured states leave. */
    private double sampledScale() {
        long sampled = 0;
        for (OwnerState s : OwnerState.values()) {
            sampled += s.sampled() ? stateNanos[s.ordinal()] : 0;
        }
        long rest = Math.max(0, ownedNanos - measuredNanos());
        return sampled > rest ? (double) rest / sampled : 1;
    }

    /**
     * The owners' stacks with their time, as {@link #states()} counts it (sampled time scaled alike), then the pauses,
     * then the unknown rest: together they add up to {@link #ownedNanos()}.
     */
    public List<OwnerStack> stacks() {
        double scale = sampledScale();
        List<OwnerStack> out = new ArrayList<>();
        long known = 0;
        for (Map.Entry<Long, long[]> e : stackTime.entrySet()) {
            int id = (int) (e.getKey() >>> 16);
            int type = (int) (e.getKey() >>> 8) & 0xff;
            OwnerState state = OwnerState.values()[(int) (e.getKey() & 0xff)];
            long nanos = Math.round(e.getValue()[1] * (state.sampled() ? scale : 1));
            known += nanos;
            out.add(new OwnerStack(stackTable.rootFirst(StackTable.node(id)), StackTable.cut(id), state,
                    type == SAMPLE ? null : HolderStore.INTERVAL_TYPES.get(type), e.getValue()[0], nanos));
        }
        for (Map.Entry<Integer, long[]> e : frames.get(OwnerState.GC_OR_SAFEPOINT.ordinal()).entrySet()) {
            known += e.getValue()[1];
            out.add(new OwnerStack(List.of(), false, OwnerState.GC_OR_SAFEPOINT, names.name(e.getKey()),
                    e.getValue()[0], e.getValue()[1]));
        }
        if (ownedNanos > known) {
            out.add(new OwnerStack(List.of(), false, OwnerState.UNKNOWN, null, 0, ownedNanos - known));
        }
        out.sort((a, b) -> Long.compare(b.nanos(), a.nanos()));
        return out;
    }

    /** Where the owners took the lock: every site found, most time first, then the unknown rest by reason. */
    public List<AcquireSite> acquireSites() {
        List<AcquireSite> out = new ArrayList<>();
        acquireSites.forEach((site, v) -> out.add(new AcquireSite(names.name(site), null, v[0], v[1], v[2])));
        out.sort((a, b) -> a.nanos() != b.nanos() ? Long.compare(b.nanos(), a.nanos()) : a.site().compareTo(b.site()));
        for (AcquireSite.Unknown u : AcquireSite.Unknown.values()) {
            long[] v = acquireUnknown[u.ordinal()];
            if (v[0] > 0) {
                out.add(new AcquireSite(null, u, v[0], v[1], 0));
            }
        }
        return out;
    }

    /** The other locks the owners waited for, most time first, each named as its group was. */
    public List<LockTime> otherLocks() {
        List<LockTime> out = new ArrayList<>();
        otherLocks.forEach((g, v) -> out.add(new LockTime(g, groupNames.get(g), v[1])));
        out.sort((a, b) -> Long.compare(b.nanos(), a.nanos()));
        return out;
    }

    /** Time the owners waited for the lock of group {@code group}. */
    public record LockTime(int group, String name, long nanos) {
    }

    private static <K> void add(Map<K, long[]> m, K key, long nanos) {
        long[] v = m.computeIfAbsent(key, k -> new long[2]);
        v[0]++;
        v[1] += nanos;
    }

    private static <K> List<NamedTime> top(Map<K, long[]> m, double scale, java.util.function.Function<K, String> name) {
        List<NamedTime> l = new ArrayList<>();
        m.forEach((k, v) -> l.add(new NamedTime(name.apply(k), v[0], Math.round(v[1] * scale))));
        l.sort((a, b) -> a.nanos() != b.nanos() ? Long.compare(b.nanos(), a.nanos()) : a.name().compareTo(b.name()));
        return l.size() > TOP_FRAMES ? List.copyOf(l.subList(0, TOP_FRAMES)) : List.copyOf(l);
    }
}
