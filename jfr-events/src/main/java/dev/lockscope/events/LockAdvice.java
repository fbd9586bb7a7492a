package dev.lockscope.events;

import jdk.jfr.Category;
import jdk.jfr.Description;
import jdk.jfr.Label;
import jdk.jfr.Name;
import jdk.jfr.StackTrace;
import jdk.jfr.Timespan;

/**
 * The agent's announced verdict about one lock site, from the advisor on the agent's own figures over a sliding
 * window. The announced verdict changes only when another one has held a whole window (10 rounds); the advisor's
 * verdict on this round alone is {@link #roundVerdict}. Written every round (1 s) for the sites with the most wait
 * time in the window, from the round a site's first verdict is announced.
 */
@Name(LockAdvice.NAME)
@Label("Lock Advice")
@Category({"lockscope", "Locks"})
@Description("What to do about a contended lock site: verdict, confidence, the evidence it rests on and what evidence was missing")
@StackTrace(false)
public class LockAdvice extends jdk.jfr.Event {
    /** The event's name in a recording: readers find it by this name. */
    public static final String NAME = "dev.lockscope.LockAdvice";

    @Label("Lock Class") public String lockClass;
    @Label("Lock Site") @Description("Class.method:line of construction (constructed), or of the first acquire that was contended when the construction is unknown (first-contended); for monitors the first application frame where a thread waited for it (monitor-first-contended), or the monitor's class when no waiter's stack was seen (monitor-class)") public String site;
    @Label("Site Kind") @Description("constructed, first-contended, monitor-first-contended or monitor-class") public String siteKind;
    @Label("Verdict") @Description("NOT_WORTH_TOUCHING, READ_WRITE_LOCK, FEWER_THREADS, SHORTEN_CRITICAL_SECTION, ADOPT_ADAPTIVE_LOCK or INCONCLUSIVE") public String verdict;
    @Label("Confidence") @Description("The advisor's (HIGH every figure measured, MEDIUM some sampled or estimated, LOW a figure missing) when "
            + "the verdict was given in every round of the window; one step lower when it agrees this round but not all window; "
            + "LOW when this round's verdict is another") public String confidence;
    @Label("Reason") public String reason;
    @Label("Evidence") @Description("The figures the verdict rests on, each with its source, separated by ' | '") public String evidence;
    @Label("Missing Evidence") @Description("Figures that were missing and why, separated by ' | '") public String missingEvidence;
    @Label("Expected Effect") public String expectedEffect;
    @Label("Round Verdict") @Description("The advisor's verdict on this round's window; the announced verdict changes to it once the "
            + "announced one was given in no round of a whole window") public String roundVerdict;
    @Label("Agreeing Rounds") @Description("Rounds of the last 10 whose own verdict was the announced one (10: settled)") public int agreeingRounds;
    @Label("Evidence Age") @Description("0 when reason and evidence are this round's; otherwise how long before this round the advisor "
            + "last gave the announced verdict, whose reason and evidence they are") @Timespan(Timespan.NANOSECONDS) public long evidenceAge;
    @Label("Window") @Description("How much recent time the figures cover") @Timespan(Timespan.NANOSECONDS) public long window;
    @Label("Waits") @Description("Waits the agent counted at this site in the window, as LockSummary's Waits: every contended acquisition of a java.util.concurrent lock; for monitors the JDK's events above the agent option monitorThreshold") public long waits;
    @Label("Total Wait") @Timespan(Timespan.NANOSECONDS) public long waitTime;

    /**
     * The names of this event's fields in a recording, one per field above and spelled as it is: what a reader looks
     * up (the analyzer's round-trip test holds the two lists equal).
     */
    public static final class Fields {
        public static final String LOCK_CLASS = "lockClass";
        public static final String SITE = "site";
        public static final String SITE_KIND = "siteKind";
        public static final String VERDICT = "verdict";
        public static final String CONFIDENCE = "confidence";
        public static final String REASON = "reason";
        public static final String EVIDENCE = "evidence";
        public static final String MISSING_EVIDENCE = "missingEvidence";
        public static final String EXPECTED_EFFECT = "expectedEffect";
        public static final String ROUND_VERDICT = "roundVerdict";
        public static final String AGREEING_ROUNDS = "agreeingRounds";
        public static final String EVIDENCE_AGE = "evidenceAge";
        public static final String WINDOW = "window";
        public static final String WAITS = "waits";
        public static final String WAIT_TIME = "waitTime";

        private Fields() {
        }
    }
}
