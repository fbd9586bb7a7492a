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
    private long waits;
    private long ownedNanos;
    private final long[] stateNanos = new long[STATES];
    private final long[] samples = new long[STATES];
    private final long[] stateWaits = new long[STATES];
    private final List<Map<Integer, long[]>> frames = new ArrayList<>();
    private final List<Map<Byte, long[]>> types = new ArrayList<>();
    private final Map<Integer, long[]> otherLocks = new HashMap<>();
    final long[] withoutOwner = new long[2];
    final long[] notKept = new long[2];
    final long[] afterCutoff = new long[2];

    HolderTally(Names names, List<String> groupNames) {
        this.names = names;
        this.groupNames = groupNames;
        for (int i = 0; i < STATES; i++) {
            frames.add(new HashMap<>());
            types.add(new HashMap<>());
        }
    }

    void measured(OwnerState s, long nanos, int frame, byte type, boolean[] seen) {
        stateNanos[s.ordinal()] += nanos;
        add(frames.get(s.ordinal()), frame, nanos);
        add(types.get(s.ordinal()), type, nanos);
        seen[s.ordinal()] = true;
    }

    void sampled(OwnerState s, long periodNanos, int frame, boolean[] seen) {
        stateNanos[s.ordinal()] += periodNanos;
        samples[s.ordinal()]++;
        add(frames.get(s.ordinal()), frame, periodNanos);
        seen[s.ordinal()] = true;
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
        long measured = 0;
        long sampled = 0;
        for (OwnerState s : OwnerState.values()) {
            if (s.sampled()) {
                sampled += stateNanos[s.ordinal()];
            } else {
                measured += stateNanos[s.ordinal()];
            }
        }
        long rest = Math.max(0, ownedNanos - measured);
        double scale = sampled > rest ? (double) rest / sampled : 1;
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
