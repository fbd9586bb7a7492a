package dev.lockscope.analyzer.model;

import java.util.List;

/**
 * One recorded wait, normalised from whichever JFR event reported it.
 *
 * @param source        the JFR event type, e.g. {@code jdk.ThreadPark}
 * @param startNanos    wall-clock start, epoch nanoseconds
 * @param durationNanos how long the thread waited
 * @param threadId      the waiting thread's Java id (or -1)
 * @param threadName    the waiting thread's name
 * @param lockClass     monitor class, park blocker class, or null when the park had no blocker
 * @param address       the monitor's or blocker's address (0 when unknown)
 * @param previousOwner the thread that held the monitor just before (monitor enters only), or null
 * @param frames        the waiting stack, top frame first (possibly truncated)
 * @param previousOwnerId that thread's Java id, or -1
 */
public record WaitEvent(String source, long startNanos, long durationNanos, long threadId, String threadName,
                        String lockClass, long address, String previousOwner, List<Frame> frames,
                        long previousOwnerId) {

    /** A wait whose previous owner's id is not known. */
    public WaitEvent(String source, long startNanos, long durationNanos, long threadId, String threadName,
                     String lockClass, long address, String previousOwner, List<Frame> frames) {
        this(source, startNanos, durationNanos, threadId, threadName, lockClass, address, previousOwner, frames, -1);
    }
}
