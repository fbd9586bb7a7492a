package dev.lockscope.analyzer.read;

import dev.lockscope.analyzer.model.Frame;
import dev.lockscope.analyzer.model.WaitEvent;

/**
 * Receives what a reader finds in a recording. Readers may call it from several parsing threads at once;
 * implementations must be thread-safe.
 */
public interface RecordingVisitor {

    /** The JDK's garbage collection event type. */
    String GARBAGE_COLLECTION = "jdk.GarbageCollection";

    /**
     * Event types a reader reports as {@code setting(type, "enabled", "absent")} when the recording's metadata does
     * not declare them (the recorder could not write them): the wait events, and garbage collections (without them
     * a lock's GC-moved addresses cannot be matched to collections, see MovedLockMerger).
     */
    java.util.List<String> TYPES_NOTED_WHEN_ABSENT = java.util.List.of("jdk.JavaMonitorEnter", "jdk.JavaMonitorWait",
            "jdk.ThreadPark", "jdk.VirtualThreadPinned", GARBAGE_COLLECTION);

    /** A monitor enter, monitor wait, park or pinning event. */
    void waitEvent(WaitEvent event);

    /** A {@code jdk.JavaThreadStatistics} sample: live Java threads at a moment. */
    void threadCount(long timeNanos, long activeThreads);

    /**
     * A {@code jdk.CPULoad} sample: the JVM's user and system CPU load since the last one, each a fraction of all the
     * machine's CPUs (0..1). With {@link #cpuCount} it gives the JVM's CPU time, half of active thread-time.
     */
    void cpuLoad(long timeNanos, double jvmUser, double jvmSystem);

    /** A {@code jdk.CPUInformation}: the hardware threads {@code jdk.CPULoad} divides by. */
    void cpuCount(long hwThreads);

    /** A {@code jdk.ActiveSetting}: the recording's setting for an event type, e.g. its threshold. */
    void setting(String eventType, String name, String value);

    /** A {@code jdk.GarbageCollection}: objects (and so lock addresses) may have moved at {@code endNanos}. */
    void garbageCollection(long endNanos);

    /** A {@code dev.lockscope.LockSummary} written by the lockscope agent (ignored unless overridden). */
    default void agentSummary(dev.lockscope.analyzer.model.AgentSummary summary) {
    }

    /**
     * A {@code dev.lockscope.LockWait}: the agent's lock {@code lockId} was waited for at {@code waitingSite}
     * (ignored unless overridden).
     */
    default void agentWaitSite(long lockId, String waitingSite) {
    }

    /**
     * A {@code dev.lockscope.CriticalSection}: the agent classified the section acquired at
     * {@code className.method:line} as read-only or not (ignored unless overridden).
     */
    default void criticalSection(String className, String method, int line, boolean readOnly) {
    }

    /**
     * A {@code dev.lockscope.AgentStatus}'s {@code adaptedSites}: where agent option adapt= made {@code new
     * ReentrantLock} build the adaptive lock (ignored unless overridden).
     */
    default void agentAdaptedSites(String adaptedSites) {
    }

    /**
     * A thread the recording marks virtual appeared in an event of {@code eventType} (a wait event's thread, a
     * {@code jdk.VirtualThreadStart/End}, an execution sample, a sleep, the agent's events): the program ran virtual
     * threads, whose lock waits JDK recordings mostly lack (ignored unless overridden).
     */
    default void virtualThreadSeen(long javaThreadId, String eventType) {
    }

    /**
     * A carrier thread of the JDK's virtual-thread scheduler appeared in an event: virtual threads ran, even if no
     * event names one (ignored unless overridden).
     */
    default void carrierThreadSeen(long javaThreadId) {
    }

    /**
     * A {@code dev.lockscope.AgentStatus}'s {@code virtualThreadMonitors}: whether the agent timed virtual threads'
     * monitor waits, or why not (ignored unless overridden).
     */
    default void agentVirtualThreadMonitors(String status) {
    }

    /**
     * A {@code jdk.ExecutionSample} or {@code jdk.NativeMethodSample} ({@code type}): JFR's sampler found thread
     * {@code threadId} in Java or native code with {@code stack} (top frame first; empty without a stack trace;
     * ignored unless overridden).
     */
    default void ownerSample(String type, long timeNanos, long threadId, java.util.List<Frame> stack) {
    }

    /**
     * A blocking call of thread {@code threadId} ({@code jdk.ThreadSleep}, {@code jdk.FileRead}, {@code jdk.FileWrite},
     * {@code jdk.FileForce}, {@code jdk.SocketRead}, {@code jdk.SocketWrite}) with the stack that made it (top frame
     * first; empty without a stack trace; ignored unless overridden).
     */
    default void blockingCall(String type, long startNanos, long durationNanos, long threadId,
                              java.util.List<Frame> stack) {
    }

    /**
     * A pause of every Java thread: {@code jdk.GCPhasePause}, {@code jdk.SafepointBegin} (reaching a safepoint) or a
     * safepoint's {@code jdk.ExecuteVMOperation}, {@code name} saying which (ignored unless overridden).
     */
    default void pause(String type, String name, long startNanos, long durationNanos) {
    }

    /**
     * A {@code dev.lockscope.LockWait}: thread {@code threadId} waited for the agent's lock {@code lockId}, owned by
     * {@code ownerThreadId} when the wait began (-1: no exclusive owner), with what the agent measured of that owner
     * during the wait ({@code ownerCpu}, null when not measured; {@code ownerCpuSource} its source or why it is
     * missing; ignored unless overridden).
     */
    default void agentLockWait(long lockId, long startNanos, long durationNanos, long threadId, long ownerThreadId,
                               dev.lockscope.analyzer.model.OwnerCpuSplit ownerCpu, String ownerCpuSource) {
    }

    /** A {@code jdk.JVMInformation}: which JVM made the recording. */
    void jvm(String jvmName, String jvmVersion, long pid, long jvmStartNanos);
}
