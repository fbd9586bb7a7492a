package dev.lockscope.analyzer.report;

import dev.lockscope.analyzer.report.Report.FlameNode;
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
 * @param acquiredAt        where the owners took the lock, most time first, then "unknown" for the rest by reason
 * @param topFrames         the first application frame of the owners' stacks (samples and events), most time first
 *                          (at most 5), with the samples or events and time behind each
 * @param flame             the owners' stacks during the waits (the holder flame graph), root {@code ownedNanos} wide
 * @param ownerCpu          the owners on a CPU, preempted, or off a CPU by their own doing, as the agent measured
 */
public record HolderProfile(String unavailableReason, String ownerFrom, long waits, long ownedNanos,
                            long waitsWithoutOwner, long waitsLeftOut, List<State> states, List<ChainLink> waitedFor,
                            List<ChainLink> waitedForBy, boolean chainRoot, List<Acquired> acquiredAt,
                            List<Named> topFrames, FlameNode flame, OwnerCpu ownerCpu) {

    /** A profile without acquire sites or stacks. */
    public HolderProfile(String unavailableReason, String ownerFrom, long waits, long ownedNanos,
                         long waitsWithoutOwner, long waitsLeftOut, List<State> states, List<ChainLink> waitedFor,
                         List<ChainLink> waitedForBy, boolean chainRoot) {
        this(unavailableReason, ownerFrom, waits, ownedNanos, waitsWithoutOwner, waitsLeftOut, states, waitedFor,
                waitedForBy, chainRoot, List.of(), List.of(), FlameNode.none(),
                OwnerCpu.unavailable(unavailableReason));
    }

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
                states, waitedFor, by, root, acquiredAt, topFrames, flame, ownerCpu);
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
     * Where the owners took the lock, for the waits whose owner held it from there.
     *
     * @param site             {@code pkg.Class.method:line} as the lock's sites are named, or "unknown"
     * @param share            of the profile's {@code ownedNanos}
     * @param nanos            the owned time of those waits
     * @param waits            profiled waits whose owner held it from there
     * @param acquisitionWaits of them, waits placed by the owner's own recorded acquisition (its last wait for this
     *                         lock ending by the wait's end)
     * @param stackWaits       of them, waits placed by a frame of the owner's stacks in the wait that lies in a method
     *                         where threads waited for this lock
     * @param source           estimated (both ways infer the hold's start), or missing for "unknown"
     * @param origin           how it was found, or for "unknown" why it is not known
     */
    public record Acquired(String site, double share, long nanos, long waits, long acquisitionWaits, long stackWaits,
                           String source, String origin) {
    }

    /**
     * The owners' CPU during the profiled waits the lockscope agent measured (its {@code dev.lockscope.LockWait}
     * events, from the native probe's eBPF map): shares of those waits' time, adding up to 1.
     *
     * @param unavailableReason why there is none (then the rest is empty), or null
     * @param waits             waits measured
     * @param waitNanos         their time: what the shares are of
     * @param states            on-cpu, preempted, off-cpu-voluntary
     * @param source            measured, or missing
     * @param origin            the agent's source label of the figures
     * @param waitsNotMeasured  the agent's profiled waits that carry no measurement
     */
    public record OwnerCpu(String unavailableReason, long waits, long waitNanos, List<CpuShare> states, String source,
                           String origin, long waitsNotMeasured) {
        public static OwnerCpu unavailable(String reason) {
            return new OwnerCpu(reason == null ? "not measured" : reason, 0, 0, List.of(), "missing", null, 0);
        }

        public boolean available() {
            return unavailableReason == null;
        }

        /** The share of one state, or 0. */
        public double share(String state) {
            return states.stream().filter(s -> s.state().equals(state)).mapToDouble(CpuShare::share).sum();
        }
    }

    /**
     * One part of the owners' measured wait time.
     *
     * @param state on-cpu (running), preempted (runnable but off a CPU after a switch-out as runnable), or
     *              off-cpu-voluntary (blocked, parked, sleeping, in I/O, or woken and not yet running)
     */
    public record CpuShare(String state, String label, double share, long nanos) {
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
