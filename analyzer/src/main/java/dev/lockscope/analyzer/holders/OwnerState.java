package dev.lockscope.analyzer.holders;

import dev.lockscope.analyzer.model.OwnerEventTypes;
import dev.lockscope.analyzer.model.WaitKind;

/**
 * What a lock's owner was doing at a moment of someone else's wait for it, as far as the recording tells. Each state
 * is either measured (the owner's own events with a duration overlap the wait) or sampled (JFR's samplers caught the
 * owner there).
 */
public enum OwnerState {
    RUNNING_JAVA("running-java", "running Java code", true),
    IN_NATIVE("in-native", "in native code", true),
    FILE_IO("file-io", "in file I/O", false),
    SOCKET_IO("socket-io", "in socket I/O", false),
    SLEEPING("sleeping", "sleeping", false),
    WAITING_FOR_SIGNAL("waiting-for-signal", "waiting for a signal", false),
    OTHER_LOCK("other-lock", "waiting for another lock", false),
    GC_OR_SAFEPOINT("gc-or-safepoint", "in GC pauses or safepoints", false),
    /** No event of the owner covers the time (nor did a sampler catch it). */
    UNKNOWN("unknown", "unknown", false);

    private final String key;
    private final String label;
    private final boolean sampled;

    OwnerState(String key, String label, boolean sampled) {
        this.key = key;
        this.label = label;
        this.sampled = sampled;
    }

    /** The JSON name, e.g. {@code file-io}. */
    public String key() {
        return key;
    }

    /** How the text report and the advice say it, e.g. "in file I/O". */
    public String label() {
        return label;
    }

    /** Whether its time comes from samples (each one sampling period) rather than events with a duration. */
    public boolean sampled() {
        return sampled;
    }

    /** The state a blocking-call event type puts its thread in. */
    static OwnerState ofBlockingCall(String type) {
        switch (type) {
            case OwnerEventTypes.THREAD_SLEEP:
                return SLEEPING;
            case OwnerEventTypes.SOCKET_READ:
            case OwnerEventTypes.SOCKET_WRITE:
                return SOCKET_IO;
            default:
                return FILE_IO;
        }
    }

    /** The state a wait of the owner's own puts it in; null for pinning (its blocking shows as its own event). */
    static OwnerState ofWait(WaitKind kind) {
        switch (kind) {
            case LOCK:
                return OTHER_LOCK;
            case CONDITION:
            case OTHER_PARK:
                return WAITING_FOR_SIGNAL;
            default:
                return null;
        }
    }
}
