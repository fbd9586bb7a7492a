package dev.lockscope.analyzer.holders;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.IntUnaryOperator;

/**
 * The holder profile of several recordings: each recording's waits were joined with its owners' events inside that
 * recording (with the self groups of that recording's rows), and the tallies are kept per lock group, renumbered
 * here. A profile adds up the tallies of its window groups; the self groups were applied in each recording.
 */
public final class HolderTallies implements HolderProfiler {
    private final Names names = new Names();
    private final List<String> groupNames = new ArrayList<>();
    private final Map<Integer, HolderTally> byGroup = new HashMap<>();
    /** The owners' stacks of every tally kept here (each recording's were interned in a table of its own). */
    private final StackTable stacks = new StackTable();

    /** A new group, named as the report names its lock. */
    public synchronized int newGroup(String name) {
        groupNames.add(name);
        return groupNames.size() - 1;
    }

    /** Takes in a recording's tallies, its groups numbered here by {@code groupMap}. */
    public synchronized void addAll(RecordingTallies recording, IntUnaryOperator groupMap) {
        recording.byGroup().entrySet().stream().sorted(Map.Entry.comparingByKey()).forEach(e -> {
            HolderTally t = byGroup.computeIfAbsent(groupMap.applyAsInt(e.getKey()),
                    g -> new HolderTally(names, groupNames, stacks));
            t.addAll(e.getValue(), groupMap);
        });
    }

    /** Tallies kept. */
    public synchronized int size() {
        return byGroup.size();
    }

    @Override
    public HolderTally profile(Set<Integer> windowGroups, Set<Integer> selfGroups, KnownSites known) {
        return profile(windowGroups, selfGroups); // where owners took the lock was found in each recording
    }

    @Override
    public synchronized HolderTally profile(Set<Integer> windowGroups, Set<Integer> selfGroups) {
        HolderTally t = new HolderTally(names, groupNames, stacks);
        for (int g : windowGroups) {
            HolderTally kept = byGroup.get(g);
            if (kept != null) {
                t.addAll(kept, IntUnaryOperator.identity());
            }
        }
        return t;
    }
}
