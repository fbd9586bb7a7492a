package dev.lockscope.analyzer.aggregate;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Counts and wait totals per name (sites, previous owners), bounded: past {@link #MAX_NAMES} distinct names,
 * new ones are counted under {@code (other)} so a pathological recording cannot grow it without limit.
 */
public final class TopCounts {
    static final int MAX_NAMES = 256;
    public static final String OTHER = "(other)";

    private final Map<String, long[]> byName = new HashMap<>();

    public void add(String name, long count, long nanos) {
        long[] v = byName.get(name);
        if (v == null) {
            if (byName.size() >= MAX_NAMES) {
                name = OTHER;
                v = byName.get(name);
            }
            if (v == null) {
                v = new long[2];
                byName.put(name, v);
            }
        }
        v[0] += count;
        v[1] += nanos;
    }

    public void addAll(TopCounts other) {
        other.byName.forEach((k, v) -> add(k, v[0], v[1]));
    }

    /**
     * Keeps the {@code n} names with the most wait time (as {@link #top} ranks them) and counts the others under
     * {@code (other)}: the same counts and wait in all, fewer names.
     */
    void trimTo(int n) {
        if (byName.size() <= n) {
            return;
        }
        List<Entry> keep = top(n);
        long[] other = new long[2];
        byName.forEach((k, v) -> {
            other[0] += v[0];
            other[1] += v[1];
        });
        byName.clear();
        for (Entry e : keep) {
            byName.put(e.name(), new long[] {e.count(), e.nanos()});
            other[0] -= e.count();
            other[1] -= e.nanos();
        }
        long[] o = byName.computeIfAbsent(OTHER, k -> new long[2]);
        o[0] += other[0];
        o[1] += other[1];
    }

    /** Names counted. */
    int size() {
        return byName.size();
    }

    /** The names counted (a view). */
    Set<String> names() {
        return byName.keySet();
    }

    public boolean isEmpty() {
        return byName.isEmpty();
    }

    /** The {@code n} names with the most wait time, most first. */
    public List<Entry> top(int n) {
        List<Entry> l = new ArrayList<>();
        byName.forEach((k, v) -> l.add(new Entry(k, v[0], v[1])));
        l.sort((a, b) -> a.nanos != b.nanos ? Long.compare(b.nanos, a.nanos) : a.name.compareTo(b.name));
        return l.size() > n ? l.subList(0, n) : l;
    }

    /** One name with its count and total wait. */
    public record Entry(String name, long count, long nanos) {
    }
}
