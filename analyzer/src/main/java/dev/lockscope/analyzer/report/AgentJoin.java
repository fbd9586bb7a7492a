package dev.lockscope.analyzer.report;

import dev.lockscope.advisor.Figure;
import dev.lockscope.advisor.HoldBounds;
import dev.lockscope.advisor.Waits;
import dev.lockscope.analyzer.aggregate.AgentLockStats;
import dev.lockscope.analyzer.aggregate.LockStats;
import dev.lockscope.analyzer.aggregate.TopCounts;
import dev.lockscope.analyzer.report.Report.AgentFacts;
import dev.lockscope.analyzer.report.Report.Named;
import dev.lockscope.events.SiteKinds;
import java.util.ArrayList;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;

/**
 * Matches the agent's locks to the locks seen in JDK events. They name locks differently: the JDK by address,
 * the agent by identity hash and construction site. Monitors match on class and address, else on class and the
 * site where threads waited (the agent names a monitor by the first application frame of a wait, by the rule
 * these rows' sites follow), else on class alone; java.util.concurrent locks on class and the site where threads
 * waited (from the agent's LockWait stacks). Each JDK row takes the agent lock it matches best (address, then
 * site, then class; more wait time breaks ties). What matches nothing is reported on its own, since the agent sees
 * every contended wait, the JDK only those above its threshold.
 */
final class AgentJoin {
    private final Map<LockStats, AgentLockStats> matches = new IdentityHashMap<>();
    private final List<AgentLockStats> unmatched = new ArrayList<>();
    private final Map<AgentLockStats, String> how = new IdentityHashMap<>();

    AgentJoin(List<LockStats> jdkLocks, List<AgentLockStats> agentLocks) {
        List<AgentLockStats> free = new ArrayList<>(agentLocks);
        List<LockStats> byWait = new ArrayList<>(jdkLocks);
        byWait.sort((a, b) -> Long.compare(b.totalNanos(), a.totalNanos()));
        for (LockStats s : byWait) {
            AgentLockStats best = null;
            Match bestMatch = null;
            for (AgentLockStats a : free) {
                if (a.jvm() != s.key().jvm()) {
                    continue;
                }
                Match m = match(s, a);
                if (m != null && (best == null || m.strength > bestMatch.strength
                        || (m.strength == bestMatch.strength && a.waitNanos() > best.waitNanos()))) {
                    best = a;
                    bestMatch = m;
                }
            }
            if (best != null) {
                matches.put(s, best);
                how.put(best, bestMatch.reason);
                free.remove(best);
            }
        }
        for (AgentLockStats a : free) {
            if (a.waits() > 0) {
                unmatched.add(a);
            }
        }
    }

    static final String ADAPTIVE_LOCK = "dev.lockscope.locks.AdaptiveReentrantLock";

    /** Why a JDK row and an agent lock are one lock, and how sure that is (higher: surer). */
    private record Match(String reason, int strength) {
    }

    private static Match match(LockStats s, AgentLockStats a) {
        String jdkClass = String.valueOf(s.key().lockClass());
        String agentClass = String.valueOf(a.lockClass());
        if (s.key().family().equals("monitor")) {
            if (!SiteKinds.isMonitor(a.siteKind()) || !jdkClass.equals(agentClass)) {
                return null;
            }
            if (a.lockId() == s.key().address()) {
                return new Match("monitor class and address", 3);
            }
            // The agent names a monitor where a thread first waited for it; a moved monitor keeps that site.
            if (SiteKinds.MONITOR_FIRST_CONTENDED.equals(a.siteKind())) {
                for (TopCounts.Entry e : s.sites().top(5)) {
                    if (e.name().equals(a.site())) {
                        return new Match("monitor class and waiting site " + e.name(), 2);
                    }
                }
                return null; // another monitor of this class, waited for elsewhere
            }
            return new Match("monitor class", 1);
        }
        // The adaptive lock keeps ReentrantLock's own synchronizer, so the JDK's events name that.
        String syncOwner = ADAPTIVE_LOCK.equals(agentClass) ? "java.util.concurrent.locks.ReentrantLock" : agentClass;
        boolean sameClass = jdkClass.equals(syncOwner) || jdkClass.startsWith(syncOwner + "$");
        if (!sameClass) {
            return null;
        }
        List<TopCounts.Entry> sites = s.sites().top(5);
        for (TopCounts.Entry e : sites) {
            if (a.waitingSites().contains(e.name())) {
                return new Match("lock class and waiting site " + e.name(), 2);
            }
        }
        return null;
    }

    AgentLockStats matchOf(LockStats s) {
        return matches.get(s);
    }

    List<AgentLockStats> unmatched() {
        return unmatched;
    }

    AgentFacts facts(AgentLockStats a) {
        return facts(a, how.getOrDefault(a, "agent only (no JDK event matched)"));
    }

    static AgentFacts facts(AgentLockStats a, String joinedBy) {
        List<Named> owners = new ArrayList<>();
        for (TopCounts.Entry e : a.owners().top(3)) {
            owners.add(new Named(e.name(), e.count(), e.nanos()));
        }
        long rw = a.readWaits() + a.writeWaits();
        Figure fromWaits = monitor(a) ? Figure.missing("monitor") : HoldBounds.fromWaits(a.percentileUpperBoundNanos(50),
                a.waits());
        return new AgentFacts(a.site(), a.siteKind(), a.lockId(), a.source(), joinedBy, tally(a), a.maxWaitNanos(),
                a.holds(), a.holds() == 0 ? -1 : a.holdNanos() / a.holds(), a.maxHoldNanos(),
                a.readWaits() > 0 && rw > 0 ? (double) a.readWaits() / rw : -1, a.ownerOnCpuShare(),
                a.futexCallsPerWait(), owners, a.conditionWaits(), a.ownerOnCpuSource(), a.runnableThreadsPerCpu(),
                a.runnableSource(), a.medianHoldSpanNanos(), fromWaits.known() ? (long) fromWaits.value() : -1,
                a.holdNanos(), a.ownerOffCpuNanos());
    }

    /** The agent's tally of a lock's waits, with what it counts. */
    static Waits tally(AgentLockStats a) {
        return monitor(a) ? Waits.agentMonitor(a.waits(), a.waitNanos(), a.percentileUpperBoundNanos(50),
                a.percentileUpperBoundNanos(99), a.virtualWaits())
                : Waits.agent(a.waits(), a.waitNanos(), a.percentileUpperBoundNanos(50), a.percentileUpperBoundNanos(99), false);
    }

    /** Monitors reach the agent as the JDK's events above a threshold, not through its hooks. */
    static boolean monitor(AgentLockStats a) {
        return SiteKinds.isMonitor(a.siteKind());
    }
}
