package dev.lockscope.analyzer.holders;

import java.util.Set;

/** What the owners did during the waits of some lock groups: joined from the events, or added up from joins made. */
public interface HolderProfiler {

    /**
     * What the owners did during the windows of {@code windowGroups}; time in the owner's own waits for a lock of
     * {@code selfGroups} (the same lock: it did not hold it yet) is left out of the window.
     */
    HolderTally profile(Set<Integer> windowGroups, Set<Integer> selfGroups);

    /**
     * As above; {@code known} are the places where threads were recorded waiting for the lock, by which an owner's
     * stacks tell where it took the lock when its own acquisition was not recorded.
     */
    HolderTally profile(Set<Integer> windowGroups, Set<Integer> selfGroups, KnownSites known);
}
