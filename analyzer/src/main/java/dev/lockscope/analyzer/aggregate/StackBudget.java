package dev.lockscope.analyzer.aggregate;

import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.ToIntFunction;

/**
 * The bound on waiting stacks kept across many recordings. Each lock's tree is bounded ({@link StackTrie#MAX_NODES}),
 * but hundreds of recordings bring hundreds of locks each; past {@link #MAX_NODES} nodes in all, the trees of the
 * least waited-for locks are let go, their waits kept as cut at the root (the flame graph then shows them cut, as it
 * shows a full tree's), and their name lists cut to the names a report shows ({@link LockStats#dropDetail}). Locks are ranked by the wait time of their group (JVM, kind, class and top waiting site: the
 * rows {@link MovedLockMerger} may merge into one), then by their own, so a lock the GC moved keeps its trees
 * together. Trimming goes down to three quarters of the bound, so it runs seldom.
 */
final class StackBudget {
    /** About 300 bytes a node (the node, its map entry, its name): some 120 MB at most. */
    static final int MAX_NODES = 400_000;

    private StackBudget() {
    }

    /** Lets the lowest-ranked trees go until at most {@code budget} nodes are left ({@code jvmOf}: a key's JVM). */
    static void trim(Collection<LockStats> all, ToIntFunction<LockKey> jvmOf, int budget) {
        long total = 0;
        for (LockStats s : all) {
            total += s.stackNodes();
        }
        if (total <= budget) {
            return;
        }
        Map<List<Object>, Long> groupNanos = new HashMap<>();
        List<LockStats> ranked = new ArrayList<>(all.size());
        Map<LockStats, List<Object>> groupOf = new java.util.IdentityHashMap<>();
        for (LockStats s : all) {
            List<Object> g = group(s, jvmOf);
            groupOf.put(s, g);
            groupNanos.merge(g, s.totalNanos(), Long::sum);
            ranked.add(s);
        }
        // A stable sort: among equals, the order the locks were taken in (the recordings' order) decides.
        ranked.sort(Comparator.comparingLong((LockStats s) -> groupNanos.get(groupOf.get(s))).reversed()
                .thenComparing(Comparator.comparingLong(LockStats::totalNanos).reversed()));
        long keep = budget * 3L / 4;
        long kept = 0;
        for (LockStats s : ranked) {
            int n = s.stackNodes();
            if (n <= 1) {
                kept += n;
            } else if (kept + n <= keep) {
                kept += n;
            } else {
                s.dropDetail();
                kept++;
            }
        }
    }

    private static List<Object> group(LockStats s, ToIntFunction<LockKey> jvmOf) {
        LockKey k = s.key();
        return List.of(jvmOf.applyAsInt(k), k.kind(), k.family(), String.valueOf(k.lockClass()), topSite(s));
    }

    /** The site with the most wait time, as {@link MovedLockMerger} groups by it. */
    static String topSite(LockStats s) {
        List<TopCounts.Entry> top = s.sites().top(1);
        return top.isEmpty() ? "" : top.get(0).name();
    }
}
