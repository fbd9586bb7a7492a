package dev.lockscope.events;

/**
 * The {@code source} of a {@code dev.lockscope.LockSummary} whose waits are virtual threads' monitor waits the agent
 * timed itself (JDK 24+: such a thread unmounts while blocked, and the JDK writes no {@code jdk.JavaMonitorEnter}),
 * so the agent and the analyzer name these waits alike.
 */
public final class VirtualThreadWaits {
    public static final String MONITOR_SOURCE = "measured: agent hooks (virtual threads unmounted on a monitor)";

    private VirtualThreadWaits() {
    }

    public static boolean isVirtualMonitorSource(String source) {
        return MONITOR_SOURCE.equals(source);
    }
}
