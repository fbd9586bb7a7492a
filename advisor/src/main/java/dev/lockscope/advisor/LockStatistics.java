package dev.lockscope.advisor;

/**
 * The raw statistics of one lock over a span (the agent's advice window, or the recordings a report reads), as the
 * agent's counters and the analyzer's rows each have them. Nothing here says where a figure came from:
 * {@link EvidenceAssembler} does, in one place for both sides, and applies the evidence gates. Build one with
 * {@link #builder}; every part left unset is "not seen", which the assembler reports as missing with what it takes.
 *
 * @param lock           how the lock is named
 * @param lockClass      the lock's class (for a monitor, the object's)
 * @param monitor        whether it is a monitor ({@code synchronized})
 * @param waits          the tally the verdict rests on (its count, total and percentiles, what it counts and where
 *                       it was recorded)
 * @param agentWaits     the agent's own tally of the lock: {@code waits} itself where the verdict rests on it,
 *                       {@link Waits#NONE} where the agent did not see the lock
 * @param activeTime     the active thread-time the lock's share is of
 * @param holdSpans      the agent's timed contended hold spans
 * @param ownerOnCpu     the owners' on-CPU share while others waited, and how it was obtained
 * @param futex          futex calls during the waits whose calls were counted
 * @param readWaits      waits to read (a read-write lock's read side, StampedLock's readLock); 0 when none
 * @param writeWaits     waits to write
 * @param runnable       runnable threads per CPU while the lock was contended
 * @param virtualWaits   waits of virtual threads among the agent's tally; -1 where not counted apart
 * @param ownerPreempted the owners' share of the waiting time spent runnable but preempted
 * @param ownerStates    what the owners did while others waited ({@link OwnerStates#NONE}: not looked for)
 */
public record LockStatistics(String lock, String lockClass, boolean monitor, Waits waits, Waits agentWaits,
                             ActiveTime activeTime, HoldSpans holdSpans, OwnerOnCpu ownerOnCpu, FutexCalls futex,
                             long readWaits, long writeWaits, RunnableThreads runnable, long virtualWaits,
                             OwnerPreempted ownerPreempted, OwnerStates ownerStates) {

    /** Whether the agent saw the lock at all: without it only the waits are known. */
    public boolean agentSaw() {
        return agentWaits.known();
    }

    /** The same statistics with what the owners did while others waited. */
    public LockStatistics withOwnerStates(OwnerStates states) {
        return toBuilder().ownerStates(states).build();
    }

    /** The same statistics with the owners' preempted share. */
    public LockStatistics withOwnerPreempted(OwnerPreempted preempted) {
        return toBuilder().ownerPreempted(preempted).build();
    }

    /**
     * The denominator of the lock's share: the program's active thread-time (CPU time plus lock waits).
     *
     * @param nanos  its length
     * @param source measured (CPU time known), sampled, or estimated (a fallback that idle threads dilute)
     * @param origin how it was obtained, as the evidence quotes it
     */
    public record ActiveTime(double nanos, Source source, String origin) {
    }

    /**
     * The agent's contended hold spans (a span runs from a contended acquisition to the release that wakes a waiter).
     *
     * @param medianNanos the end of the median's log2 bucket, -1 where the agent wrote no span histogram
     * @param meanNanos   the spans' mean, -1 where not given
     * @param count       how many spans were timed
     */
    public record HoldSpans(long medianNanos, long meanNanos, long count) {
        /** No span timed. */
        public static final HoldSpans NONE = new HoldSpans(-1, -1, 0);
    }

    /** How the owners' on-CPU share was obtained. */
    public enum OnCpuMethod {
        /** The owner's cumulative on-CPU ns read from the native probe when each wait began and ended. */
        AT_WAIT_ENDS,
        /** The owner's on-CPU ns from periodic snapshots, interpolated at each wait's start and end (monitors). */
        INTERPOLATED_SNAPSHOTS,
        /** Not obtained. */
        MISSING
    }

    /**
     * The owners' on-CPU share while others waited.
     *
     * @param share  0..1 (meaningless where missing)
     * @param method how it was obtained
     * @param detail the snapshots' cadence where interpolated (or null), why it is missing where missing (null: the
     *               agent did not see the lock)
     */
    public record OwnerOnCpu(double share, OnCpuMethod method, String detail) {
        public static final OwnerOnCpu NONE = missing(null);

        public static OwnerOnCpu atWaitEnds(double share) {
            return new OwnerOnCpu(share, OnCpuMethod.AT_WAIT_ENDS, null);
        }

        /** @param cadence how often the snapshots were taken, or null where not known */
        public static OwnerOnCpu interpolated(double share, String cadence) {
            return new OwnerOnCpu(share, OnCpuMethod.INTERPOLATED_SNAPSHOTS, cadence);
        }

        public static OwnerOnCpu missing(String why) {
            return new OwnerOnCpu(Double.NaN, OnCpuMethod.MISSING, why);
        }
    }

    /**
     * Futex calls of waiter and owner during the waits whose calls were counted.
     *
     * @param calls        the calls
     * @param countedWaits the waits counted (0: none, then {@code whyMissing} says why)
     * @param whyMissing   why none was counted (null: the agent did not see the lock)
     */
    public record FutexCalls(long calls, long countedWaits, String whyMissing) {
        public static final FutexCalls NONE = missing(null);

        public static FutexCalls counted(long calls, long countedWaits) {
            return new FutexCalls(calls, countedWaits, null);
        }

        public static FutexCalls missing(String why) {
            return new FutexCalls(0, 0, why);
        }
    }

    /**
     * Runnable threads per CPU while the lock was contended, sampled by the agent from /proc.
     *
     * @param perCpu     the figure, -1 where missing
     * @param detail     how the samples were taken and weighted (CPUs, samples), or null
     * @param whyMissing why there is none (null: the agent did not see the lock)
     */
    public record RunnableThreads(double perCpu, String detail, String whyMissing) {
        public static final RunnableThreads NONE = missing(null);

        public static RunnableThreads sampled(double perCpu, String detail) {
            return new RunnableThreads(perCpu, detail, null);
        }

        public static RunnableThreads missing(String why) {
            return new RunnableThreads(-1, null, why);
        }

        public boolean known() {
            return perCpu >= 0;
        }
    }

    /**
     * The owners' share of the waiting time spent runnable but preempted, from their run-queue time (eBPF).
     *
     * @param share      0..1, meaningless where missing
     * @param waits      the waits it rests on (-1 where missing)
     * @param waitNanos  their wait time
     * @param during     which waits were measured, e.g. "the agent's profiled waits (dev.lockscope.LockWait)"
     * @param whyMissing why it is missing, or null where measured
     */
    public record OwnerPreempted(double share, long waits, long waitNanos, String during, String whyMissing) {
        /** Nobody gave it: missing with {@link LockEvidence#PREEMPTED_NOT_MEASURED}. */
        public static final OwnerPreempted NONE = missing(LockEvidence.PREEMPTED_NOT_MEASURED);

        public static OwnerPreempted measured(double share, long waits, long waitNanos, String during) {
            return new OwnerPreempted(share, waits, waitNanos, during, null);
        }

        public static OwnerPreempted missing(String why) {
            return new OwnerPreempted(Double.NaN, -1, 0, null, why);
        }

        public boolean known() {
            return whyMissing == null;
        }
    }

    /** Statistics of {@code lock} whose verdict rests on {@code waits}; everything else not seen until set. */
    public static Builder builder(String lock, String lockClass, boolean monitor, Waits waits) {
        return new Builder(lock, lockClass, monitor, waits);
    }

    public Builder toBuilder() {
        Builder b = new Builder(lock, lockClass, monitor, waits);
        b.agentWaits = agentWaits;
        b.activeTime = activeTime;
        b.holdSpans = holdSpans;
        b.ownerOnCpu = ownerOnCpu;
        b.futex = futex;
        b.readWaits = readWaits;
        b.writeWaits = writeWaits;
        b.runnable = runnable;
        b.virtualWaits = virtualWaits;
        b.ownerPreempted = ownerPreempted;
        b.ownerStates = ownerStates;
        return b;
    }

    /** Sets each part by name; what is left unset was not seen. */
    public static final class Builder {
        private final String lock;
        private final String lockClass;
        private final boolean monitor;
        private final Waits waits;
        private Waits agentWaits = Waits.NONE;
        private ActiveTime activeTime = new ActiveTime(0, Source.MISSING, "not given");
        private HoldSpans holdSpans = HoldSpans.NONE;
        private OwnerOnCpu ownerOnCpu = OwnerOnCpu.NONE;
        private FutexCalls futex = FutexCalls.NONE;
        private long readWaits;
        private long writeWaits;
        private RunnableThreads runnable = RunnableThreads.NONE;
        private long virtualWaits = -1;
        private OwnerPreempted ownerPreempted = OwnerPreempted.NONE;
        private OwnerStates ownerStates = OwnerStates.NONE;

        private Builder(String lock, String lockClass, boolean monitor, Waits waits) {
            this.lock = lock;
            this.lockClass = lockClass;
            this.monitor = monitor;
            this.waits = waits;
        }

        public Builder agentWaits(Waits w) {
            this.agentWaits = w;
            return this;
        }

        public Builder activeTime(ActiveTime a) {
            this.activeTime = a;
            return this;
        }

        public Builder holdSpans(HoldSpans h) {
            this.holdSpans = h;
            return this;
        }

        public Builder ownerOnCpu(OwnerOnCpu o) {
            this.ownerOnCpu = o;
            return this;
        }

        public Builder futex(FutexCalls f) {
            this.futex = f;
            return this;
        }

        public Builder readWrite(long reads, long writes) {
            this.readWaits = reads;
            this.writeWaits = writes;
            return this;
        }

        public Builder runnable(RunnableThreads r) {
            this.runnable = r;
            return this;
        }

        public Builder virtualWaits(long v) {
            this.virtualWaits = v;
            return this;
        }

        public Builder ownerPreempted(OwnerPreempted p) {
            this.ownerPreempted = p;
            return this;
        }

        public Builder ownerStates(OwnerStates s) {
            this.ownerStates = s;
            return this;
        }

        public LockStatistics build() {
            return new LockStatistics(lock, lockClass, monitor, waits, agentWaits, activeTime, holdSpans, ownerOnCpu,
                    futex, readWaits, writeWaits, runnable, virtualWaits, ownerPreempted, ownerStates);
        }
    }
}
