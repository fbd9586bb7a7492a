package dev.lockscope.analyzer.fleet;

import dev.lockscope.analyzer.aggregate.AgentLockStats;
import dev.lockscope.analyzer.aggregate.Aggregator;
import dev.lockscope.analyzer.aggregate.LockStats;
import dev.lockscope.analyzer.holders.HolderProfiler;
import dev.lockscope.analyzer.holders.HolderTally;
import dev.lockscope.analyzer.holders.KnownSites;
import dev.lockscope.analyzer.model.WaitKind;
import dev.lockscope.analyzer.report.AgentMatches;
import java.util.HashMap;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * One recording, read into its own aggregator, reduced to what a merge of many keeps: its waits with a known owner
 * are joined with its owners' events inside it, one tally per lock group, with the self groups the report uses (a
 * monitor row's own groups; for the agent's windows, the groups of the JDK row the agent's lock matches), so adding
 * the tallies of a row's groups gives the row's profile. Then the owners' events are let go.
 */
final class RecordingReduction {
    private RecordingReduction() {
    }

    static void reduce(Aggregator part) {
        Map<Integer, HolderTally> tallies = new HashMap<>();
        Set<Integer> groups = part.ownerEventsNotRead() == null ? part.holderGroupsWithWaits() : Set.of();
        if (!groups.isEmpty()) {
            List<LockStats> rows = part.locksAsRead();
            List<LockStats> lockRows = rows.stream().filter(s -> s.key().kind() == WaitKind.LOCK).toList();
            List<AgentLockStats> agentLocks = part.agentLocks();
            Map<AgentLockStats, LockStats> matched = AgentMatches.of(lockRows, agentLocks);
            Map<LockStats, AgentLockStats> agentOf = new IdentityHashMap<>();
            matched.forEach((a, s) -> agentOf.put(s, a));
            Map<Integer, Set<Integer>> selfOf = new HashMap<>();
            // Where threads waited for each group's lock, as the report's rows name it (LockRows does the same).
            Map<Integer, KnownSites> sitesOf = new HashMap<>();
            for (LockStats s : rows) {
                KnownSites known = KnownSites.of(s, agentOf.get(s));
                for (int g : s.holderGroups()) {
                    selfOf.put(g, s.holderGroups());
                    sitesOf.put(g, known);
                }
            }
            for (AgentLockStats a : agentLocks) {
                int g = part.agentHolderGroup(0, a.lockId());
                if (g >= 0 && !selfOf.containsKey(g)) {
                    LockStats s = matched.get(a);
                    selfOf.put(g, s == null ? Set.of() : s.holderGroups());
                    sitesOf.put(g, KnownSites.of(s, a));
                }
            }
            HolderProfiler join = part.holderJoin();
            for (int g : groups) {
                Set<Integer> self = selfOf.get(g);
                if (self == null) {
                    continue; // the agent's windows of a lock it wrote no summary of: no row shows them
                }
                HolderTally t = join.profile(Set.of(g), self, sitesOf.getOrDefault(g, KnownSites.NONE));
                if (!t.isEmpty()) {
                    tallies.put(g, t);
                }
            }
        }
        part.reduce(tallies);
    }
}
