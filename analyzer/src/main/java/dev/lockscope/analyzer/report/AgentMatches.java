package dev.lockscope.analyzer.report;

import dev.lockscope.analyzer.aggregate.AgentLockStats;
import dev.lockscope.analyzer.aggregate.LockStats;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;

/** The agent's locks matched to JDK lock rows, as the report matches them ({@link AgentJoin}), for other packages. */
public final class AgentMatches {
    private AgentMatches() {
    }

    /** Each matched agent lock with the JDK row it matched. */
    public static Map<AgentLockStats, LockStats> of(List<LockStats> lockRows, List<AgentLockStats> agentLocks) {
        AgentJoin join = new AgentJoin(lockRows, agentLocks);
        Map<AgentLockStats, LockStats> m = new IdentityHashMap<>();
        for (LockStats s : lockRows) {
            AgentLockStats a = join.matchOf(s);
            if (a != null) {
                m.put(a, s);
            }
        }
        return m;
    }
}
