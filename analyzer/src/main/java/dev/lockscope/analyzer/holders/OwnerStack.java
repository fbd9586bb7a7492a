package dev.lockscope.analyzer.holders;

import dev.lockscope.analyzer.model.Frame;
import java.util.List;

/**
 * Time the owners of one lock spent at one stack, in one state, while others waited for it.
 *
 * @param rootFirst the stack, outermost frame first (empty for pauses, the unknown rest, or an event without a stack)
 * @param cut       the stack went deeper, but the stack table was full: only these frames were kept
 * @param state     what the owner was doing there
 * @param event     the event type the time came from ({@code jdk.FileForce}; for a pause, its name and event type:
 *                  {@code GC Pause (jdk.GCPhasePause)}), or null for samples and the unknown rest
 * @param count     events or samples behind it (0 for the unknown rest)
 * @param nanos     its time: events' overlap with the waits, or samples' periods scaled as the states' are
 */
public record OwnerStack(List<Frame> rootFirst, boolean cut, OwnerState state, String event, long count, long nanos) {
}
