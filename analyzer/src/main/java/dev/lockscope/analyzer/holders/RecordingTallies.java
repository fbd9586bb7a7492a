package dev.lockscope.analyzer.holders;

import java.util.List;
import java.util.Map;

/**
 * One recording's holder profile once its waits were joined with its owners' events inside it: a tally per lock
 * group, and no events. This is what a recording keeps of its {@link HolderStore} when many are read.
 *
 * @param groupNames   the recording's groups, by number
 * @param byGroup      the tally of each group that had waits with an owner (or without one, or left out)
 * @param agentGroups  the group of each of the agent's locks with LockWait windows, by lock id
 * @param itemsLeftOut items the recording's store left out past its memory bound
 */
public record RecordingTallies(List<String> groupNames, Map<Integer, HolderTally> byGroup,
                               Map<Long, Integer> agentGroups, long itemsLeftOut) {
}
