package dev.lockscope.events;

import jdk.jfr.Category;
import jdk.jfr.DataAmount;
import jdk.jfr.Description;
import jdk.jfr.Label;
import jdk.jfr.Name;
import jdk.jfr.Period;
import jdk.jfr.StackTrace;
import jdk.jfr.Timespan;

/**
 * What one contended lock did during the last period (all counts are deltas since the previous summary of
 * the same lock). Written periodically for the locks with the most wait time; quiet locks are not written.
 */
@Name(LockSummary.NAME)
@Label("Lock Summary")
@Category({"lockscope", "Locks"})
@Description("Per-lock contention during the last period: waits, wait-time distribution, contended hold times, owners")
@StackTrace(false)
@Period("1 s")
public class LockSummary extends jdk.jfr.Event {
    /** The event's name in a recording: readers find it by this name. */
    public static final String NAME = "dev.lockscope.LockSummary";

    @Label("Lock Class") public String lockClass;
    @Label("Lock Site") @Description("Class.method:line of construction (constructed), or of the first acquire that was contended when the construction is unknown (first-contended); for monitors the first application frame where a thread waited for it (monitor-first-contended), or the monitor's class when no waiter's stack was seen (monitor-class)") public String site;
    @Label("Site Kind") @Description("constructed, first-contended, monitor-first-contended or monitor-class") public String siteKind;
    @Label("Lock Id") @Description("Identity hash of the synchronizer (monitors: object address at the last event)") public long lockId;
    @Label("Source") @Description("Where the figures come from, e.g. 'measured: agent hooks' or 'measured: jdk.JavaMonitorEnter stream'") public String source;
    @Label("Period") @Timespan(Timespan.NANOSECONDS) public long period;

    @Label("Waits") @Description("Waits the agent counted that ended in the period: every contended acquisition of a java.util.concurrent lock, however short; for monitors (Source names the jdk.JavaMonitorEnter stream) the JDK's events above the agent option monitorThreshold. The JDK's own jdk.ThreadPark and jdk.JavaMonitorEnter events keep only waits above their threshold, so a recording's count of them is smaller") public long waits;
    @Label("Virtual-Thread Waits") @Description("Of Waits, those of virtual threads: java.util.concurrent waits (the hooks run on the waiting virtual thread) and, on JDK 24+, monitor waits of virtual threads that unmounted while blocked (Source 'measured: agent hooks (virtual threads unmounted on a monitor)'), which the JDK records no event for") public long virtualWaits;
    @Label("Read Waits") public long readWaits;
    @Label("Write Waits") @Description("Exclusive-mode waits (ReentrantLock, write lock, StampedLock write)") public long writeWaits;
    @Label("Total Wait") @Timespan(Timespan.NANOSECONDS) public long waitTime;
    @Label("Max Wait") @Description("The longest of the period's waits, exact") @Timespan(Timespan.NANOSECONDS) public long maxWait;
    @Label("Wait p50") @Description("Upper bound of the median wait: the end of the log2 bucket holding it, at most Max Wait") @Timespan(Timespan.NANOSECONDS) public long waitP50;
    @Label("Wait p99") @Description("Upper bound of the 99th percentile wait: the end of the log2 bucket holding it, at most Max Wait") @Timespan(Timespan.NANOSECONDS) public long waitP99;
    @Label("Wait Histogram") @Description("Counts per log2 bucket: entry i counts waits in [2^i, 2^(i+1)) ns, comma separated, trailing zeros cut") public String waitHistogram;
    @Label("Max Waiters") @Description("Most threads seen waiting at once") public int maxWaiters;

    @Label("Contended Hold Spans") @Description("Timed hold spans: from a contended acquisition to the release that wakes a waiter, sampled (at most one per lock per the agent option holdSpanEvery, 10 ms by default)") public long holds;
    @Label("Total of Contended Hold Spans") @Description("Sum of the timed spans: divided by Contended Hold Spans, the mean contended hold span") @Timespan(Timespan.NANOSECONDS) public long holdTime;
    @Label("Longest Contended Hold Span") @Timespan(Timespan.NANOSECONDS) public long maxHold;
    @Label("Median Contended Hold Span") @Description("The end of the log2 bucket holding the median span, at most Longest Contended Hold Span; a span runs from a contended acquisition to the release that wakes a waiter, so it may cover several holds and bounds the hold it starts with from above") @Timespan(Timespan.NANOSECONDS) public long holdP50;
    @Label("Hold Histogram") @Description("Contended hold spans per log2 bucket: bucket i counts spans in [2^i, 2^(i+1)) ns") public String holdHistogram;

    @Label("Condition Waits") @Description("Condition.await / Object.wait calls that ended in the period (kept apart from lock waits)") public long conditionWaits;
    @Label("Condition Wait Time") @Timespan(Timespan.NANOSECONDS) public long conditionWaitTime;

    @Label("Top Owner") @Description("Thread most often owning the lock when a wait began (sampled), by name, or 'virtual thread #ID' / '#ID' for an unnamed thread; for monitor waits the JDK's previousOwner, and for virtual threads' monitor waits the thread that last took the monitor after a wait the agent timed (estimated: the same thread unless one that never waited took it in between)") public String topOwner;
    @Label("Top Owner Share") @Description("Share of waits whose owner at wait start was the top owner") public double topOwnerShare;

    @Label("Owner On-CPU Share") @Description("Wait-time-weighted share of the measured waits during which the owner was on a CPU (owner's cumulative on-CPU ns at wait start and end), or -1 when no wait was measured (see Owner On-CPU Source)") public double ownerOnCpuShare;
    @Label("Owner Measured Wait") @Description("Wait time whose owner on-CPU time was measured: the weight behind Owner On-CPU Share") @Timespan(Timespan.NANOSECONDS) public long ownerMeasuredWaitTime;
    @Label("Owner On-CPU Source") @Description("Where Owner On-CPU Share comes from, or why it is -1") public String ownerOnCpuSource;
    @Label("Futex Calls") @Description("futex syscalls by waiters and owner during the counted waits (Futex Waits), or -1 when no wait was counted (see Futex Source)") public long futexCalls;
    @Label("Futex Waits") @Description("Waits whose futex calls were counted (one counting window covered the whole wait)") public long futexWaits;
    @Label("Futex Source") @Description("Where Futex Calls comes from, or why it is -1") public String futexSource;

    @Label("Runnable Threads per CPU") @Description("This process's threads running or runnable (state R), per available CPU, mean over the period's samples; -1 when not sampled (see Runnable Source)") public double runnableThreadsPerCpu;
    @Label("Runnable Source") @Description("Where Runnable Threads per CPU comes from (e.g. 'sampled (/proc/self/task/*/stat) ...'), or why it is -1") public String runnableSource;

    /**
     * The names of this event's fields in a recording, one per field above and spelled as it is: what a reader looks
     * up (the analyzer's round-trip test holds the two lists equal).
     */
    public static final class Fields {
        public static final String LOCK_CLASS = "lockClass";
        public static final String SITE = "site";
        public static final String SITE_KIND = "siteKind";
        public static final String LOCK_ID = "lockId";
        public static final String SOURCE = "source";
        public static final String PERIOD = "period";
        public static final String WAITS = "waits";
        public static final String VIRTUAL_WAITS = "virtualWaits";
        public static final String READ_WAITS = "readWaits";
        public static final String WRITE_WAITS = "writeWaits";
        public static final String WAIT_TIME = "waitTime";
        public static final String MAX_WAIT = "maxWait";
        public static final String WAIT_P50 = "waitP50";
        public static final String WAIT_P99 = "waitP99";
        public static final String WAIT_HISTOGRAM = "waitHistogram";
        public static final String MAX_WAITERS = "maxWaiters";
        public static final String HOLDS = "holds";
        public static final String HOLD_TIME = "holdTime";
        public static final String MAX_HOLD = "maxHold";
        public static final String HOLD_P50 = "holdP50";
        public static final String HOLD_HISTOGRAM = "holdHistogram";
        public static final String CONDITION_WAITS = "conditionWaits";
        public static final String CONDITION_WAIT_TIME = "conditionWaitTime";
        public static final String TOP_OWNER = "topOwner";
        public static final String TOP_OWNER_SHARE = "topOwnerShare";
        public static final String OWNER_ON_CPU_SHARE = "ownerOnCpuShare";
        public static final String OWNER_MEASURED_WAIT_TIME = "ownerMeasuredWaitTime";
        public static final String OWNER_ON_CPU_SOURCE = "ownerOnCpuSource";
        public static final String FUTEX_CALLS = "futexCalls";
        public static final String FUTEX_WAITS = "futexWaits";
        public static final String FUTEX_SOURCE = "futexSource";
        public static final String RUNNABLE_THREADS_PER_CPU = "runnableThreadsPerCpu";
        public static final String RUNNABLE_SOURCE = "runnableSource";

        private Fields() {
        }
    }
}
