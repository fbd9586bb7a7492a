package dev.lockscope.analyzer.holders;

import java.util.List;

/**
 * The time a lock's owners spent in one state while others waited.
 *
 * @param state   the state
 * @param nanos   its time: measured (events' overlap with the waits) or, for sampled states, one sampling period per
 *                sample, scaled down when the samples claim more than the time no event explains
 * @param waits   waits during which the owner was seen in it
 * @param samples samples behind it (sampled states; 0 otherwise)
 * @param frames  where: the first application frame of the events or samples, most time first (at most 3)
 * @param events  the event types it came from, most time first
 */
public record StateTime(OwnerState state, long nanos, long waits, long samples, List<NamedTime> frames,
                        List<NamedTime> events) {
}
