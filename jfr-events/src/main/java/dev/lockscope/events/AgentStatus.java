package dev.lockscope.events;

import jdk.jfr.Category;
import jdk.jfr.Description;
import jdk.jfr.Label;
import jdk.jfr.Name;
import jdk.jfr.Period;
import jdk.jfr.StackTrace;
import jdk.jfr.Timespan;

/** The agent's own health: is it on, what it hooks, how full its bounded tables are. */
@Name(AgentStatus.NAME)
@Label("Agent Status")
@Category({"lockscope", "Agent"})
@Description("lockscope agent state: enabled, hooks installed, tracked locks, evictions, dropped samples")
@StackTrace(false)
@Period("1 s")
public class AgentStatus extends jdk.jfr.Event {
    /** The event's name in a recording: readers find it by this name. */
    public static final String NAME = "dev.lockscope.AgentStatus";

    @Label("Version") public String version;
    @Label("Enabled") public boolean enabled;
    @Label("Hooks") @Description("Which hooks are installed, e.g. 'aqs,stamped,condition,sites,monitors'") public String hooks;
    @Label("Options") @Description("The options the agent runs with") public String options;
    @Label("Tracked Locks") public int trackedLocks;
    @Label("Lock Capacity") public int lockCapacity;
    @Label("Evictions") @Description("Lock entries evicted from the bounded table since start (their counts stay in per-site totals)") public long evictions;
    @Label("Site Slots Overwritten") @Description("Construction-site bindings lost to the bounded site table since start") public long siteOverwrites;
    @Label("Site Constructions Skipped") @Description("Constructions at rewritten sites beyond the site's budget (agent option siteBudget) since start: not bound to their site, so such a lock gets its first-contended site") public long siteSkips;
    @Label("Samples Dropped") @Description("Per-wait events above the threshold not written because the per-second budget was spent") public long samplesDropped;
    @Label("Adapted Sites") @Description("Construction sites where agent option adapt= made new ReentrantLock(...) build an AdaptiveReentrantLock (';'-separated), then requested sites that matched nothing yet") public String adaptedSites;
    @Label("Start Duration") @Timespan(Timespan.MILLISECONDS) @Description("From premain (or attach) until the JDK lock hooks were live; -1 while starting") public long startDuration;
    @Label("Premain Duration") @Timespan(Timespan.MILLISECONDS) @Description("From premain (or attach) until it returned: what the application's main (or the attach command) waited for the agent") public long premainDuration;
    @Label("Class-Load Transform Time") @Timespan(Timespan.NANOSECONDS) @Description("Time the application's class loading spent in the agent's transformers (construction sites, critical sections) since start") public long transformTime;
    @Label("Section Classes Skipped") @Description("Classes whose critical sections were not classified: over the 16 MB of class files waiting for the agent's thread, or failing to parse") public long sectionClassesSkipped;
    @Label("Own Waits Left Out") @Description("Waits (lock and condition) of the agent's own threads (named lockscope-*), and monitor waits with the agent's code on the waiter's stack, since start: the agent's activity, left out of every lock figure, meter, event and advice") public long ownWaitsLeftOut;
    @Label("Agent-Owned Waits") @Description("Waits of application threads for a lock an agent thread held (java.util.concurrent: the owner when the wait began; synchronized: the monitor's previous owner, waits over the monitor threshold), since start: the agent's cost to the application, left out of that lock's figures") public long agentOwnedWaits;
    @Label("Agent-Owned Wait Time") @Timespan(Timespan.NANOSECONDS) @Description("Total time of those waits since start") public long agentOwnedWaitTime;
    @Label("Lock Wait Stacks") @Description("How dev.lockscope.LockWait stacks start: 'trimmed: ...' at the first frame outside the lock's code and the agent (the acquire site), or 'not trimmed: ' and why") public String lockWaitStacks;
    @Label("Advice Sites Skipped") @Description("Contended lock sites not advised on because the advice already tracked its 1024 sites (their waits still count everywhere else)") public long adviceSitesSkipped;
    @Label("Messages") @Description("The agent's last log lines (at most 16, one per line): what it started, what it could not, its advice; the host's stderr gets only a start and a stop line unless log=verbose") public String messages;
    @Label("Virtual-Thread Monitor Waits") @Description("Whether the agent times monitor waits of virtual threads, which on JDK 24+ unmount while blocked and get no jdk.JavaMonitorEnter event: 'timed: ...' with the count of such waits it could not time and why, or 'not timed: ' and why (e.g. JDK 21-23, where such a thread pins its carrier and the JDK's monitor events see it)") public String virtualThreadMonitors;
    @Label("Hook Errors") @Description("Throwables caught inside hooks since start (never thrown into the application)") public long hookErrors;
    @Label("Background Errors") @Description("Rounds of the agent's background thread (lockscope-agent: site bindings, lock-table sweep, critical sections, site budgets, meters) that threw since start, each caught and counted while the thread carries on; the first one's line is in messages") public long backgroundErrors;

    /**
     * The names of this event's fields in a recording, one per field above and spelled as it is: what a reader looks
     * up (the analyzer's round-trip test holds the two lists equal).
     */
    public static final class Fields {
        public static final String VERSION = "version";
        public static final String ENABLED = "enabled";
        public static final String HOOKS = "hooks";
        public static final String OPTIONS = "options";
        public static final String TRACKED_LOCKS = "trackedLocks";
        public static final String LOCK_CAPACITY = "lockCapacity";
        public static final String EVICTIONS = "evictions";
        public static final String SITE_OVERWRITES = "siteOverwrites";
        public static final String SITE_SKIPS = "siteSkips";
        public static final String SAMPLES_DROPPED = "samplesDropped";
        public static final String ADAPTED_SITES = "adaptedSites";
        public static final String START_DURATION = "startDuration";
        public static final String TRANSFORM_TIME = "transformTime";
        public static final String PREMAIN_DURATION = "premainDuration";
        public static final String SECTION_CLASSES_SKIPPED = "sectionClassesSkipped";
        public static final String OWN_WAITS_LEFT_OUT = "ownWaitsLeftOut";
        public static final String AGENT_OWNED_WAITS = "agentOwnedWaits";
        public static final String AGENT_OWNED_WAIT_TIME = "agentOwnedWaitTime";
        public static final String LOCK_WAIT_STACKS = "lockWaitStacks";
        public static final String ADVICE_SITES_SKIPPED = "adviceSitesSkipped";
        public static final String MESSAGES = "messages";
        public static final String VIRTUAL_THREAD_MONITORS = "virtualThreadMonitors";
        public static final String HOOK_ERRORS = "hookErrors";
        public static final String BACKGROUND_ERRORS = "backgroundErrors";

        private Fields() {
        }
    }
}
