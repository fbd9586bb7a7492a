package dev.lockscope.events;

/**
 * The {@code siteKind} of a {@code LockSummary}, {@code LockWait} or {@code LockAdvice}: how its {@code site} names
 * the lock. The agent writes these and the analyzer reads them, so both spell them here.
 */
public final class SiteKinds {
    /** The site is the lock's construction call. */
    public static final String CONSTRUCTED = "constructed";
    /** The first acquire that was contended: the agent could not rewrite the construction (e.g. inside the JDK). */
    public static final String FIRST_CONTENDED = "first-contended";
    /** A monitor named by the code where a thread first waited for it: the same rule as {@link #FIRST_CONTENDED}. */
    public static final String MONITOR_FIRST_CONTENDED = "monitor-first-contended";
    /** A monitor named by its class: no stack of a wait for it seen (only Object.wait calls, or agent option monitorSites=false). */
    public static final String MONITOR_CLASS = "monitor-class";

    private SiteKinds() {
    }

    /** Whether a site of this kind names a monitor ({@code synchronized}) rather than a java.util.concurrent lock. */
    public static boolean isMonitor(String kind) {
        return MONITOR_FIRST_CONTENDED.equals(kind) || MONITOR_CLASS.equals(kind);
    }
}
