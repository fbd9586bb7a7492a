package dev.lockscope.analyzer.report;

import dev.lockscope.analyzer.report.Report.Named;
import java.util.List;

/**
 * What a lock's owners did while others waited for it: the JSON row's {@code holders} (docs/report-json.md). Every
 * share is of {@code ownedNanos}: the time the owners of the profiled waits held the lock during those waits.
 *
 * @param unavailableReason why nothing is known (then the rest is empty), or null
 * @param ownerFrom         how each wait's owner is known, and what that owner is taken to be
 * @param waits             waits profiled: their owner was known and its events were kept
 * @param ownedNanos        the time their owners held the lock during them
 * @param waitsWithoutOwner lock waits whose event named no owner
 * @param waitsLeftOut      waits with an owner left out by the memory bound
 * @param states            each state the owners were seen in, most time first, and "unknown" for the rest
 * @param waitedFor         other locks the owners were themselves waiting for, most time first
 * @param waitedForBy       lock rows whose owners waited for this lock, each with its share of that row's time
 * @param chainRoot         the end of a lock chain: another row's owners waited for this lock during at least
 *                          half that row's owned time, and this lock's owners waited for no lock that long
 */
public record HolderProfile(String unavailableReason, String ownerFrom, long waits, long ownedNanos,
                            long waitsWithoutOwner, long waitsLeftOut, List<State> states, List<ChainLink> waitedFor,
                            List<ChainLink> waitedForBy, boolean chainRoot) {

    /** Nothing known, and why. */
    public static HolderProfile unavailable(String reason, long waitsWithoutOwner) {
        return new HolderProfile(reason, null, 0, 0, waitsWithoutOwner, 0, List.of(), List.of(), List.of(), false);
    }

    public boolean available() {
        return unavailableReason == null;
    }

    /** The same profile with the rows whose owners waited for it, and whether it is a chain's root. */
    HolderProfile withWaitedForBy(List<ChainLink> by, boolean root) {
        return new HolderProfile(unavailableReason, ownerFrom, waits, ownedNanos, waitsWithoutOwner, waitsLeftOut,
                states, waitedFor, by, root);
    }

    /** The share of one state, or 0. */
    public double share(String state) {
        return states.stream().filter(s -> s.state().equals(state)).mapToDouble(State::share).sum();
    }

    /**
     * One state of the owners.
     *
     * @param state  its JSON name: running-java, in-native, file-io, socket-io, sleeping, waiting-for-signal, other-lock,
     *               gc-or-safepoint, unknown
     * @param label  how the text and the advice say it ("in file I/O")
     * @param share  its time / the profile's {@code ownedNanos}
     * @param nanos  its time
     * @param source measured, sampled, or missing (unknown)
     * @param origin what the figure was made from
     * @param waits  profiled waits during which an owner was seen in it
     * @param samples samples behind it (sampled states)
     * @param frames where, most time first: the first application frame of the events or samples (for GC pauses and
     *               safepoints, the pause), with their count and time
     * @param events the event types it came from, with their count and time (measured states)
     */
    public record State(String state, String label, double share, long nanos, String source, String origin,
                        long waits, long samples, List<Named> frames, List<Named> events) {
    }

    /**
     * Another lock in a chain.
     *
     * @param lockId the report row's id, or null when the lock is not among the rows shown
     * @param lock   how the lock is named (its identity)
     * @param share  of the waiting row's owned time
     * @param nanos  the time
     */
    public record ChainLink(String lockId, String lock, double share, long nanos) {
        /** "L3 (monitor a.b.C@0x...)" or the lock alone. */
        public String describe() {
            return lockId == null ? lock : lockId + " (" + lock + ")";
        }
    }
}
