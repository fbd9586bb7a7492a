package dev.lockscope.analyzer.aggregate;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;

/**
 * JFR names a lock by an address, so one lock can appear at several. A j.u.c. lock's is the object's, and a young
 * object moves with every collection until it is promoted: instances of the same class, waited for at the same site,
 * whose recorded waits follow one another without overlapping in time, with a garbage collection between the last wait
 * at one address and the first at the next, are taken to be one lock that moved ("gc"); distinct locks used one after
 * another with no GC between stay apart. A monitor's is the JDK's monitor structure, which no collection moves but
 * which the VM frees when the object is idle and makes anew at its next contention (JDK 17 and 25 alike; no event
 * records it): a monitor's addresses at one class and site one after another are one lock ("reinflation"). A JVM
 * whose recordings could not have GC events (async-profiler writes none) gives nothing to tell a move by: there
 * waits at one class and site that follow one another are taken as one lock ("succession"), as the report's note
 * says. Locks in concurrent use (striped locks, one per connection) overlap in time and stay apart in every case.
 * "At one site" is loose on purpose: a lock waited for at several sites may have its most-waited site change from one
 * address to the next (a cache segment's short stay at an address mostly waited in {@code storeLoadedValue}, the rest
 * in {@code lockedGetOrLoad}), so two addresses are of one site when the top site of either is among the other's.
 */
final class MovedLockMerger {
    /** Waits that end this close to each other still count as "one after the other" (clock granularity). */
    static final long OVERLAP_SLACK_NANOS = 1_000_000;
    /** Chains looked at for an address's lock, latest first, before it is left a lock of its own. */
    static final int MAX_CANDIDATES = 64;

    private MovedLockMerger() {
    }

    static final String BY_GC = "gc";
    static final String BY_SUCCESSION = "succession";
    static final String BY_REINFLATION = "reinflation";

    /**
     * {@code gcEnds}: per JVM, the sorted end times of its garbage collections; {@code withoutGcEvents}: the JVMs
     * whose recordings could not have recorded any.
     */
    static List<LockStats> merge(List<LockStats> all, Map<Integer, long[]> gcEnds, Set<Integer> withoutGcEvents) {
        Map<List<Object>, List<LockStats>> groups = new HashMap<>();
        List<LockStats> out = new ArrayList<>();
        for (LockStats s : all) {
            LockKey k = s.key();
            if (k.address() == 0) {
                out.add(s);
                continue;
            }
            List<Object> group = List.of(k.jvm(), k.kind(), k.family(), String.valueOf(k.lockClass()));
            groups.computeIfAbsent(group, g -> new ArrayList<>()).add(s);
        }
        for (List<LockStats> group : groups.values()) {
            long[] gcs = gcEnds.getOrDefault(group.get(0).key().jvm(), new long[0]);
            boolean noGcEvents = withoutGcEvents.contains(group.get(0).key().jvm());
            // The JDK's monitor events name the monitor (the VM's ObjectMonitor), not the object: a collection
            // leaves it where it is, and a new one is made when the VM has freed an idle monitor and the object is
            // contended again, which no event records. So its addresses one after another are one lock re-inflated.
            boolean jdkMonitor = !noGcEvents && "monitor".equals(group.get(0).key().family());
            String mergedBy = noGcEvents ? BY_SUCCESSION : jdkMonitor ? BY_REINFLATION : BY_GC;
            group.sort(Comparator.comparingLong(LockStats::firstEndNanos));
            for (List<LockStats> chain : chains(group, gcs, noGcEvents || jdkMonitor)) {
                flush(chain, out, mergedBy);
            }
        }
        return out;
    }

    /**
     * Links a group's addresses (sorted by first wait) into chains, one per lock. Several locks of one class and site
     * may be in use at once and move at one collection (a striped cache's segments, compacted together): each
     * address continues, of the chains of its site that ended before it began (with a collection between, unless
     * {@code anyGap}), the one that ended last. JFR's addresses cannot tell which of several locks moved together
     * went where, so among those the pairing is by order; each lock still gets one row.
     */
    private static List<List<LockStats>> chains(List<LockStats> group, long[] gcs, boolean anyGap) {
        List<Chain> chains = new ArrayList<>();
        // Every chain, by the end of its last wait (ties by creation order).
        TreeMap<ChainEnd, Chain> byLastEnd = new TreeMap<>();
        for (LockStats s : group) {
            long begins = s.firstEndNanos() + OVERLAP_SLACK_NANOS;
            long bound = begins;
            if (!anyGap) {
                // A collection must end between the chain's last wait and this address's first.
                int g = lastAtOrBefore(gcs, begins);
                bound = g < 0 ? Long.MIN_VALUE : Math.min(begins, gcs[g] + OVERLAP_SLACK_NANOS);
            }
            String top = topSite(s);
            Set<String> sites = sitesOf(s);
            Chain chain = bound == Long.MIN_VALUE ? null : latestOfOneSite(byLastEnd, bound, top, sites);
            if (chain != null) {
                byLastEnd.remove(new ChainEnd(chain.lastEndNanos, chain.index));
            } else {
                chain = new Chain(chains.size());
                chains.add(chain);
            }
            chain.add(s, top, sites);
            byLastEnd.put(new ChainEnd(chain.lastEndNanos, chain.index), chain);
        }
        List<List<LockStats>> out = new ArrayList<>(chains.size());
        chains.forEach(c -> out.add(c.addresses));
        return out;
    }

    /**
     * Of the chains that ended at or before {@code bound}, the one that ended last and is of the site of an address
     * whose top site is {@code top} and whose sites are {@code sites}; looks at no more than {@link #MAX_CANDIDATES},
     * so a class with thousands of lock sites stays near-linear (past them, the address starts its own lock: left
     * apart rather than joined to a guess).
     */
    private static Chain latestOfOneSite(TreeMap<ChainEnd, Chain> byLastEnd, long bound, String top, Set<String> sites) {
        int looked = 0;
        for (Chain c : byLastEnd.headMap(new ChainEnd(bound, Integer.MAX_VALUE), true).descendingMap().values()) {
            if (c.ofOneSiteWith(top, sites)) {
                return c;
            }
            if (++looked >= MAX_CANDIDATES) {
                return null;
            }
        }
        return null;
    }

    /** One lock's addresses so far, with the sites it was waited at and each address's top site. */
    private static final class Chain {
        final int index;
        final List<LockStats> addresses = new ArrayList<>();
        final Set<String> sites = new HashSet<>();
        final Set<String> topSites = new HashSet<>();
        long lastEndNanos;

        Chain(int index) {
            this.index = index;
        }

        void add(LockStats s, String top, Set<String> itsSites) {
            addresses.add(s);
            sites.addAll(itsSites);
            topSites.add(top);
            lastEndNanos = s.lastEndNanos();
        }

        /** The top site of either is among the other's sites. */
        boolean ofOneSiteWith(String top, Set<String> theirs) {
            if (sites.contains(top)) {
                return true;
            }
            for (String t : topSites) {
                if (theirs.contains(t)) {
                    return true;
                }
            }
            return false;
        }
    }

    /** Where a chain's waits end, and which chain it is (two chains may end at one instant). */
    private record ChainEnd(long lastEndNanos, int chain) implements Comparable<ChainEnd> {
        @Override
        public int compareTo(ChainEnd o) {
            int c = Long.compare(lastEndNanos, o.lastEndNanos);
            return c != 0 ? c : Integer.compare(chain, o.chain);
        }
    }

    /** Index of the last of {@code sorted} at or before {@code t}, or -1. */
    private static int lastAtOrBefore(long[] sorted, long t) {
        int i = java.util.Arrays.binarySearch(sorted, t);
        return i >= 0 ? i : -i - 2;
    }

    /** One lock from a chain of addresses, named by its last address (where it lives now). */
    private static void flush(List<LockStats> chain, List<LockStats> out, String mergedBy) {
        if (chain.isEmpty()) {
            return;
        }
        if (chain.size() == 1) {
            out.add(chain.get(0));
            return;
        }
        LockStats merged = new LockStats(chain.get(chain.size() - 1).key());
        merged.addAll(chain.get(0));
        for (int i = 1; i < chain.size(); i++) {
            merged.addMoved(chain.get(i), mergedBy);
        }
        out.add(merged);
    }

    private static String topSite(LockStats s) {
        List<TopCounts.Entry> top = s.sites().top(1);
        return top.isEmpty() ? "" : top.get(0).name();
    }

    /** Every site {@code s} was waited at by name ("" when none is, as its top site then reads). */
    private static Set<String> sitesOf(LockStats s) {
        Set<String> names = new HashSet<>(s.sites().names());
        names.remove(TopCounts.OTHER);
        return names.isEmpty() ? Set.of("") : names;
    }
}
