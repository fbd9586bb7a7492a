package dev.lockscope.analyzer.report;

import dev.lockscope.advisor.Advisor;
import dev.lockscope.advisor.Durations;
import dev.lockscope.advisor.EvidenceAssembler;
import dev.lockscope.advisor.LockEvidence;
import dev.lockscope.advisor.LockStatistics;
import dev.lockscope.advisor.Thresholds;
import dev.lockscope.advisor.Waits;
import dev.lockscope.analyzer.aggregate.AgentLockStats;
import dev.lockscope.analyzer.aggregate.Aggregator;
import dev.lockscope.analyzer.aggregate.LockStats;
import dev.lockscope.analyzer.aggregate.TopCounts;
import dev.lockscope.analyzer.holders.HolderProfiler;
import dev.lockscope.analyzer.holders.HolderStore;
import dev.lockscope.analyzer.holders.HolderTally;
import dev.lockscope.analyzer.holders.KnownSites;
import dev.lockscope.analyzer.report.HolderProfile.ChainLink;
import dev.lockscope.analyzer.report.Report.AgentFacts;
import dev.lockscope.analyzer.report.Report.LockRow;
import dev.lockscope.analyzer.report.Report.Named;
import dev.lockscope.events.LockSummary;
import dev.lockscope.events.SiteKinds;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

/**
 * The lock rows, in three steps: each lock's row and evidence (JDK events joined with the agent's), the final ranking
 * with the locks only the agent saw, then, with every row's final id known, what each lock's owners did while others
 * waited (naming the other locks they waited for by row) and the advice, which rests on it.
 */
final class LockRows {

    /** A row before its holder profile and advice: what they are made from. */
    private static final class Pending {
        LockRow row;
        final LockStatistics statistics;
        /** Where its recorded waits were (for the share of readers from the agent's sections), or null. */
        final TopCounts waitSites;
        final Set<Integer> windowGroups;
        final Set<Integer> selfGroups;
        final String ownerFrom;
        final String whyNoWindows;
        /** What the row was built from: a JDK lock's statistics or the agent's lock. */
        Object source;
        /** Where threads were recorded waiting for the lock: how an owner's stacks tell where it took it. */
        final KnownSites knownSites;
        HolderProfile profile;

        Pending(LockRow row, LockStatistics statistics, TopCounts waitSites, Set<Integer> windowGroups,
                Set<Integer> selfGroups, String ownerFrom, String whyNoWindows, KnownSites knownSites) {
            this.row = row;
            this.statistics = statistics;
            this.waitSites = waitSites;
            this.windowGroups = windowGroups;
            this.selfGroups = selfGroups;
            this.ownerFrom = ownerFrom;
            this.whyNoWindows = whyNoWindows;
            this.knownSites = knownSites;
        }
    }

    private LockRows() {
    }

    /** The rows shown; {@code ids} gets each row's source (its LockStats or AgentLockStats) with its final id. */
    static List<LockRow> build(List<LockStats> stats, Denominator active, List<String> notes, AgentJoin join,
                               Aggregator agg, RecordedWaits recorded, Map<Object, String> ids) {
        stats.sort(Comparator.comparingLong(LockStats::totalNanos).reversed()
                .thenComparing(s -> String.valueOf(s.key().lockClass())));
        boolean agentInRecordings = !agg.agentLocks().isEmpty();
        List<Pending> pending = new ArrayList<>();
        long droppedWaits = 0;
        long droppedNanos = 0;
        for (int i = 0; i < stats.size(); i++) {
            LockStats s = stats.get(i);
            if (i >= ReportBuilder.MAX_ROWS) {
                droppedWaits += s.count();
                droppedNanos += s.totalNanos();
                continue;
            }
            Pending p = jdkRow("L" + (i + 1), s, active, join, agg, recorded, agentInRecordings);
            p.source = s;
            pending.add(p);
        }
        if (droppedWaits > 0) {
            notes.add((stats.size() - ReportBuilder.MAX_ROWS) + " more lock rows not shown: " + droppedWaits
                    + " waits, " + Durations.format(droppedNanos) + " in total");
        }
        if (!join.unmatched().isEmpty()) {
            // Locks only the agent saw (all their waits under the JDK events' threshold): ranked with the rest.
            List<Pending> all = new ArrayList<>(pending);
            for (AgentLockStats a : join.unmatched()) {
                Pending p = agentOnlyRow(a, active, agg);
                p.source = a;
                all.add(p);
            }
            all.sort(Comparator.comparingLong((Pending p) -> p.row.totalWaitNanos()).reversed());
            pending = new ArrayList<>();
            for (int i = 0; i < Math.min(all.size(), ReportBuilder.MAX_ROWS); i++) {
                Pending p = all.get(i);
                p.row = p.row.withId("L" + (i + 1));
                pending.add(p);
            }
            if (all.size() > ReportBuilder.MAX_ROWS) {
                notes.add((all.size() - ReportBuilder.MAX_ROWS) + " more lock rows (with the agent's) not shown");
            }
        }
        for (Pending p : pending) {
            ids.put(p.source, p.row.id());
        }
        holderProfiles(pending, agg, notes);
        List<LockRow> rows = new ArrayList<>(pending.size());
        HolderProfiles profiles = new HolderProfiles(agg.recordings());
        for (Pending p : pending) {
            LockStatistics s = p.statistics.withOwnerStates(profiles.ownerStates(p.profile))
                    .withOwnerPreempted(RowEvidence.ownerPreempted(p.profile.ownerCpu(), p.row.agent() != null,
                            "monitor".equals(p.row.family())));
            LockEvidence e = EvidenceAssembler.of(s);
            if (p.waitSites != null) {
                e = SectionReads.apply(e, p.waitSites, agg.sections());
            }
            rows.add(p.row.withAdviceAndHolders(Advisor.advise(e), p.profile));
        }
        return rows;
    }

    private static Pending jdkRow(String id, LockStats s, Denominator active, AgentJoin join, Aggregator agg,
                                  RecordedWaits recorded, boolean agentInRecordings) {
        AgentLockStats a = join.matchOf(s);
        AgentFacts facts = a == null ? null : join.facts(a);
        Waits waits = recorded.of(s);
        LockRow row = ReportBuilder.row(id, "lock", s, active, facts, waits, recorded.samplingIntervalNanos(s));
        boolean monitor = s.key().family().equals("monitor");
        LockStatistics st = RowEvidence.of(id, s.key().lockClass(), monitor, waits, active, a);
        KnownSites known = KnownSites.of(s, a);
        if (monitor) {
            return new Pending(row, st, s.sites(), s.holderGroups(), s.holderGroups(), HolderProfiles.MONITOR_OWNER,
                    null, known);
        }
        Set<Integer> windows = a == null ? Set.of() : agentGroups(a, agg);
        String why = !agentInRecordings ? HolderProfiles.JUC_WITHOUT_AGENT : HolderProfiles.AGENT_WITHOUT_WINDOWS;
        return new Pending(row, st, s.sites(), windows, s.holderGroups(), HolderProfiles.AGENT_OWNER, why, known);
    }

    /**
     * A lock row from the agent's summaries alone: its waits are the agent's tally (every contended acquisition) and
     * its percentiles upper bounds from log2 buckets, at most the longest wait.
     */
    private static Pending agentOnlyRow(AgentLockStats a, Denominator active, Aggregator agg) {
        AgentFacts facts = AgentJoin.facts(a, "agent only (no JDK event matched)");
        boolean monitor = SiteKinds.isMonitor(a.siteKind());
        double share = active.share(a.waitNanos());
        Waits waits = facts.waits();
        LockStatistics st = RowEvidence.of("", a.lockClass(), monitor, waits, active, a);
        LockRow row = LockRow.builder().id("").kind("lock").family(monitor ? "monitor" : "j.u.c.")
                .lockClass(a.lockClass())
                .sites(List.of(new Named(a.site() + " (" + a.siteKind() + ")", a.waits(), a.waitNanos())))
                .waitsCount(a.waits()).totalWaitNanos(a.waitNanos()).shareOfActiveTime(share)
                .percentiles(waits.p50Nanos(), a.percentileUpperBoundNanos(90), waits.p99Nanos(), a.maxWaitNanos())
                .sourceEvents(List.of(LockSummary.NAME)).agent(facts)
                .waits(waits.counted(), waits.source()).build();
        String why = monitor ? "a monitor only the agent saw: none of its waits reached the JDK events' threshold, "
                + "so no previous owner was recorded" : HolderProfiles.AGENT_WITHOUT_WINDOWS;
        return new Pending(row, st, null, monitor ? Set.of() : agentGroups(a, agg), Set.of(), HolderProfiles.AGENT_OWNER,
                why, KnownSites.of(null, a));
    }

    /** The agent's LockWait groups of its lock, in every recording of the lock's JVM. */
    private static Set<Integer> agentGroups(AgentLockStats a, Aggregator agg) {
        Set<Integer> groups = new TreeSet<>();
        for (int f : agg.filesOfSameJvm(a.jvm())) {
            int g = agg.agentHolderGroup(f, a.lockId());
            if (g >= 0) {
                groups.add(g);
            }
        }
        return groups;
    }

    /** Each row's holder profile, the other locks named by their final row ids, and the chains' roots marked. */
    private static void holderProfiles(List<Pending> pending, Aggregator agg, List<String> notes) {
        String notRead = agg.ownerEventsNotRead();
        if (notRead != null) {
            for (Pending p : pending) {
                p.profile = HolderProfile.unavailable("what owners did is " + notRead, 0);
            }
            return;
        }
        HolderProfiles profiles = new HolderProfiles(agg.recordings());
        Map<Integer, String> rowOfGroup = new HashMap<>();
        Map<Integer, String> identityOfGroup = new HashMap<>();
        for (Pending p : pending) {
            for (int g : p.selfGroups) {
                rowOfGroup.put(g, p.row.id());
                identityOfGroup.put(g, p.row.family() + " " + p.row.identity());
            }
        }
        HolderProfiler join = agg.holderJoin();
        for (Pending p : pending) {
            HolderTally tally = join.profile(p.windowGroups, p.selfGroups, p.knownSites);
            p.profile = profiles.of(tally, p.ownerFrom, p.whyNoWindows, rowOfGroup, identityOfGroup);
        }
        Map<String, List<ChainLink>> waitedForBy = new HashMap<>();
        for (Pending p : pending) {
            for (ChainLink l : p.profile.waitedFor()) {
                if (l.lockId() != null) {
                    waitedForBy.computeIfAbsent(l.lockId(), k -> new ArrayList<>()).add(new ChainLink(p.row.id(),
                            p.row.family() + " " + p.row.identity(), l.share(), l.nanos()));
                }
            }
        }
        for (Pending p : pending) {
            List<ChainLink> by = new ArrayList<>(waitedForBy.getOrDefault(p.row.id(), List.of()));
            by.sort((a, b) -> Double.compare(b.share(), a.share()));
            boolean waitedForLong = by.stream().anyMatch(l -> l.share() >= Thresholds.OWNER_STATE_DECIDES);
            boolean waitsLong = p.profile.waitedFor().stream()
                    .anyMatch(l -> l.share() >= Thresholds.OWNER_STATE_DECIDES);
            p.profile = p.profile.withWaitedForBy(List.copyOf(by), waitedForLong && !waitsLong);
        }
        if (!pending.isEmpty()) {
            notes.addAll(profiles.missingTypeNotes());
        }
        if (agg.holderItemsLeftOut() > 0) {
            int past = agg.recordingsPastHolderBound();
            String where = agg.recordings().size() > 1 && !agg.keepsOwnerEvents() ? " in " + past + " of the " + agg.recordings().size()
                    + " recordings or parts read (a large recording is read in parts; each has its own bound)" : "";
            notes.add("what lock owners did while others waited: past " + HolderStore.MAX_ITEMS + " events and waits "
                    + "(the memory bound)" + where + ", " + agg.holderItemsLeftOut() + " were not kept; waits ending "
                    + "after the first owner event left out are not profiled (each lock's holders say how many)");
        }
    }
}
