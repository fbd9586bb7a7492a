package dev.lockscope.events;

import jdk.jfr.Category;
import jdk.jfr.Description;
import jdk.jfr.Label;
import jdk.jfr.Name;
import jdk.jfr.StackTrace;
import jdk.jfr.Timespan;

/**
 * The advisor's verdict about one lock site, computed by the agent from its own figures over a sliding window.
 * Written every summary period for the sites with the most wait time in the window.
 */
@Name("dev.lockscope.LockAdvice")
@Label("Lock Advice")
@Category({"lockscope", "Locks"})
@Description("What to do about a contended lock site: verdict, confidence, the evidence it rests on and what evidence was missing")
@StackTrace(false)
public class LockAdvice extends jdk.jfr.Event {
    @Label("Lock Class") public String lockClass;
    @Label("Lock Site") @Description("Class.method:line of construction (constructed), or of the first acquire that was contended when the construction is unknown (first-contended); for monitors the first application frame where a thread waited for it (monitor-first-contended), or the monitor's class when no waiter's stack was seen (monitor-class)") public String site;
    @Label("Site Kind") @Description("constructed, first-contended, monitor-first-contended or monitor-class") public String siteKind;
    @Label("Verdict") @Description("NOT_WORTH_TOUCHING, READ_WRITE_LOCK, FEWER_THREADS, SHORTEN_CRITICAL_SECTION, ADOPT_ADAPTIVE_LOCK or INCONCLUSIVE") public String verdict;
    @Label("Confidence") @Description("HIGH (every figure measured), MEDIUM (some sampled or estimated), LOW (a figure missing)") public String confidence;
    @Label("Reason") public String reason;
    @Label("Evidence") @Description("The figures the verdict rests on, each with its source, separated by ' | '") public String evidence;
    @Label("Missing Evidence") @Description("Figures that were missing and why, separated by ' | '") public String missingEvidence;
    @Label("Expected Effect") public String expectedEffect;
    @Label("Window") @Description("How much recent time the figures cover") @Timespan(Timespan.NANOSECONDS) public long window;
    @Label("Waits") @Description("Contended acquisitions at this site in the window") public long waits;
    @Label("Total Wait") @Timespan(Timespan.NANOSECONDS) public long waitTime;
}
