package dev.lockscope.analyzer.cli;

import dev.lockscope.advisor.Durations;
import dev.lockscope.advisor.Verdict;
import dev.lockscope.analyzer.report.Report;
import dev.lockscope.events.SiteKinds;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/**
 * Which lock sites the second run of {@code demo --compare} builds as the adaptive lock, with one line per site
 * saying what the first run advised for it. The sites advised to adopt it; when none was (on a machine whose CPUs
 * are taken by others the demo's hot lock reads "run fewer threads": its owners are preempted), the hottest lock the
 * agent can swap, provided it is worth touching, so the comparison shows what the adaptive lock does here and now.
 * A first run with no such lock is a one-line error: there is nothing worth comparing.
 *
 * @param sites construction sites for agent option {@code adapt=}
 * @param why   what the first run advised for each, one line each
 */
record DemoSwap(Set<String> sites, List<String> why) {

    static DemoSwap of(Report first) {
        List<Report.LockRow> swappable = new ArrayList<>();
        for (Report.LockRow row : first.locks()) {
            if (row.agent() != null && SiteKinds.CONSTRUCTED.equals(row.agent().siteKind()) && row.agent().constructionSite() != null
                    && row.lockClass() != null && row.lockClass().startsWith("java.util.concurrent.locks.ReentrantLock")) {
                swappable.add(row);
            }
        }
        Set<String> sites = new LinkedHashSet<>();
        List<String> why = new ArrayList<>();
        for (Report.LockRow row : swappable) {
            if (row.advice() != null && row.advice().verdict() == Verdict.ADOPT_ADAPTIVE_LOCK
                    && sites.add(row.agent().constructionSite())) {
                why.add(advised(row));
            }
        }
        if (!sites.isEmpty()) {
            return new DemoSwap(sites, why);
        }
        if (swappable.isEmpty()) {
            throw new UserError("run 1's report has no ReentrantLock with a construction site from the agent, so "
                    + "there is no lock to swap and nothing to compare");
        }
        Report.LockRow hot = swappable.get(0);
        if (hot.advice() == null) {
            throw new UserError("run 1's report gave no advice for the lock built at " + hot.agent().constructionSite()
                    + ", so there is no verdict to compare against");
        }
        if (hot.advice().verdict() == Verdict.NOT_WORTH_TOUCHING) {
            throw new UserError("run 1's hottest swappable lock, built at " + hot.agent().constructionSite() + ", cost "
                    + Durations.percent(hot.shareOfActiveTime()) + " of active thread-time: not worth touching, so "
                    + "there is nothing worth comparing");
        }
        return new DemoSwap(Set.of(hot.agent().constructionSite()), List.of(advised(hot)
                + ", not the adaptive lock; run 2 builds it as the adaptive lock anyway, to show what that does here"));
    }

    private static String advised(Report.LockRow row) {
        return "run 1 advised for the lock built at " + row.agent().constructionSite() + " ("
                + Durations.percent(row.shareOfActiveTime()) + " of active thread-time): " + row.advice().verdict().label()
                + " [" + row.advice().verdict().name() + "]";
    }
}
