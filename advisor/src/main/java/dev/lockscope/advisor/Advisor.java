package dev.lockscope.advisor;

import static dev.lockscope.advisor.Thresholds.FUTEX_CALLS_DOMINATE;
import static dev.lockscope.advisor.Thresholds.LONG_HOLD_NANOS;
import static dev.lockscope.advisor.Thresholds.LONG_WAIT_NANOS;
import static dev.lockscope.advisor.Thresholds.MIN_SHARE_OF_ACTIVE_TIME;
import static dev.lockscope.advisor.Thresholds.MIN_WAITS_FOR_OWNER_STATES;
import static dev.lockscope.advisor.Thresholds.MOSTLY_READERS;
import static dev.lockscope.advisor.Thresholds.MOSTLY_VIRTUAL_WAITERS;
import static dev.lockscope.advisor.Thresholds.OVERSUBSCRIBED_RUNNABLE_PER_CPU;
import static dev.lockscope.advisor.Thresholds.OWNER_STATE_DECIDES;
import static dev.lockscope.advisor.Thresholds.OWNER_ON_CPU_FOR_SPINNING;
import static dev.lockscope.advisor.Thresholds.OWNER_PREEMPTED_BELOW;
import static dev.lockscope.advisor.Thresholds.OWNER_PREEMPTED_DECIDES;
import static dev.lockscope.advisor.Thresholds.SHORT_HOLD_NANOS;
import static dev.lockscope.advisor.Thresholds.SHORT_WAIT_NANOS;
import static dev.lockscope.advisor.Thresholds.SPAN_BEYOND_WAKE_LATENCY_NANOS;

import java.util.ArrayList;
import java.util.List;

/**
 * Evidence in, one verdict out. The rules are tried in order, cheapest conclusion first: a lock that costs little
 * is left alone whatever else is true; then what its owners did while others waited, where one state took half of
 * that time (waiting for another lock, stopped by GC pauses, blocked in a call): causes outside the lock's design,
 * which no better lock would remove; mostly-readers and oversubscription are structural causes that a better
 * lock would only hide (oversubscription as measured, owners preempted on a run queue half the waiting time, or as
 * inferred, many runnable threads and owners seldom on a CPU); then
 * hold time decides between shortening the section and adopting the adaptive lock. Those later rules read the waits'
 * distribution and shares of them, so they need {@link Thresholds#MIN_WAITS_TO_ADVISE} waits: with fewer the verdict
 * is inconclusive.
 */
public final class Advisor {

    /** What an inconclusive verdict asks for: the evidence listed as missing, each with how to get it. */
    static final String MORE_EVIDENCE = "none yet: the missing evidence listed would decide";

    private Advisor() {
    }

    public static Advice advise(LockEvidence e) {
        List<String> evidence = new ArrayList<>();
        List<String> missing = new ArrayList<>();
        // Each tally with what it counts: recorded JFR waits (above the JDK's threshold) and the agent's (every
        // contended acquisition) differ several times over for the same lock.
        Waits waits = e.waits();
        evidence.add(waits.countAndTotal() + ", " + Durations.percent(e.shareOfActiveTime().value())
                + " of active thread-time; " + waits.percentiles() + " " + waits.provenance());
        if (e.agentWaits().known()) {
            evidence.add("also counted: " + e.agentWaits().countAndTotal() + "; " + e.agentWaits().percentiles() + " "
                    + e.agentWaits().provenance());
        }
        evidence.add("active thread-time " + e.shareOfActiveTime().provenance());
        if (e.shareOfActiveTime().value() < MIN_SHARE_OF_ACTIVE_TIME) {
            return new Advice(Verdict.NOT_WORTH_TOUCHING, Confidence.HIGH,
                    "it costs " + Durations.percent(e.shareOfActiveTime().value()) + " of active thread-time, under the "
                            + Durations.percent(MIN_SHARE_OF_ACTIVE_TIME) + " worth a code change",
                    evidence, missing, "none worth having: look at the locks above it first");
        }

        Figure reads = note(e.readShare(), "share of readers", evidence, missing, Advisor::percent);
        Figure runnable = note(e.runnableThreadsPerCpu(), "runnable threads per CPU", evidence, missing,
                v -> String.format(java.util.Locale.ROOT, "%.2f", v));
        Figure ownerOnCpu = note(e.ownerOnCpuShare(), "owner on CPU while others waited", evidence, missing,
                Advisor::percent);
        Figure preempted = note(e.ownerPreemptedShare(), PREEMPTED, evidence, missing, Advisor::percent);
        Figure hold = note(e.typicalHoldNanos(), e.typicalHoldNanos().nameOr("typical hold"), evidence, missing,
                v -> Durations.format((long) v));
        Figure futex = note(e.futexCallsPerAcquisition(), "futex calls per contended acquisition", evidence, missing,
                v -> String.format(java.util.Locale.ROOT, "%.2f", v));
        Figure virtual = e.virtualWaitShare();
        if (virtual.known() && virtual.value() > 0) {
            evidence.add("waits of virtual threads " + percent(virtual.value()) + " " + virtual.provenance());
        }
        boolean virtualWaiters = virtual.known() && virtual.value() >= MOSTLY_VIRTUAL_WAITERS;
        OwnerStates owners = e.ownerStates();
        ownerEvidence(owners, evidence, missing);
        Advice byOwners = byOwnerStates(owners, evidence, missing);
        if (byOwners != null) {
            return byOwners;
        }
        Advice tooFew = tooFewWaits(e, evidence, missing);
        if (tooFew != null) {
            return tooFew;
        }

        boolean exclusive = e.type() == LockType.MONITOR || e.type() == LockType.REENTRANT_LOCK;
        if (exclusive && reads.known() && reads.value() >= MOSTLY_READERS) {
            return new Advice(Verdict.READ_WRITE_LOCK, confidence(reads), percent(reads.value())
                    + " of acquisitions only read, yet each waits for the one before it", evidence, missing,
                    "readers proceed together: wait time falls roughly with the share of readers");
        }

        // Owners measured on a run queue half the waiting time decide by themselves. A small share decides nothing:
        // it is the CPU split of the thread that owned the lock when the wait began, and on a busy lock ownership
        // passes on during a long wait while that thread parks for the lock again (an oversubscribed barging lock
        // measured 3% on a CPU, 8-16% preempted, with five runnable threads per CPU).
        boolean ownersPreempted = preempted.known() && preempted.value() >= OWNER_PREEMPTED_DECIDES;
        boolean oversubscribed = runnable.known() && runnable.value() > OVERSUBSCRIBED_RUNNABLE_PER_CPU
                && (!ownerOnCpu.known() || ownerOnCpu.value() < OWNER_PREEMPTED_BELOW);
        if ((oversubscribed || ownersPreempted) && virtualWaiters) {
            // Fewer virtual threads would not give the CPUs fewer threads to run: the rules below decide.
            evidence.add((oversubscribed ? "more threads runnable than CPUs" : "owners preempted "
                    + percent(preempted.value()) + " of the waiting time") + ", but its waiters are mostly virtual "
                    + "threads, which unmount to wait and are not what the CPUs queue (their carriers are): fewer "
                    + "threads is no remedy here");
        }
        if (ownersPreempted && !virtualWaiters) {
            return preemptedOwners(preempted, e.ownerPreemptedWaits(), runnable, evidence, missing);
        }
        if (oversubscribed && !virtualWaiters) {
            return new Advice(Verdict.FEWER_THREADS, confidence(runnable, ownerOnCpu),
                    "more threads are runnable than there are CPUs, so lock owners are preempted while holding it",
                    evidence, missing, "owners run their sections to the end: fewer, shorter waits; "
                    + "size pools near the number of CPUs for CPU-bound work");
        }

        if (hold.known()) {
            // An upper bound above the limit says nothing about the real hold; under the limit it still bounds it.
            // Unless the bound is beyond a wake-up latency (so not short holds strung together by barging) and owners
            // are known to run: then it is work done under the lock, not a preempted owner.
            if (hold.value() > LONG_HOLD_NANOS && hold.source() == Source.UPPER_BOUND) {
                boolean beyondWake = hold.value() > SPAN_BEYOND_WAKE_LATENCY_NANOS;
                if (beyondWake && ownerOnCpu.known() && ownerOnCpu.value() >= OWNER_PREEMPTED_BELOW) {
                    return shorten(hold, ownerOnCpu, "owners were on a CPU " + percent(ownerOnCpu.value())
                            + " of the waiting time", evidence, missing);
                }
                if (beyondWake && runnable.known() && runnable.value() <= OVERSUBSCRIBED_RUNNABLE_PER_CPU) {
                    return shorten(hold, runnable, "no more threads were runnable than CPUs could run",
                            evidence, missing);
                }
                return new Advice(Verdict.INCONCLUSIVE, Confidence.LOW, "the hold is known only as an upper bound ("
                        + HoldBounds.describe(hold) + "), too loose to tell long holds from preempted owners",
                        evidence, missing, "the owners' CPU state (native probe) would tell");
            }
            if (hold.value() > LONG_HOLD_NANOS) {
                return new Advice(Verdict.SHORTEN_CRITICAL_SECTION, confidence(hold),
                        HoldBounds.describe(hold) + " " + hold.provenance() + ": spinning cannot "
                                + "bridge that, only less work under the lock can", evidence, missing,
                        "wait time falls in proportion to the hold time removed");
            }
            if (hold.value() <= SHORT_HOLD_NANOS && exclusive
                    && (!ownerOnCpu.known() || ownerOnCpu.value() >= OWNER_ON_CPU_FOR_SPINNING)
                    && (!futex.known() || futex.value() >= FUTEX_CALLS_DOMINATE)) {
                String holds = "holds are short (" + HoldBounds.describe(hold) + ", " + hold.source().label() + ")";
                if (virtualWaiters) {
                    return virtualShortHolds(holds, confidence(hold, virtual), evidence, missing);
                }
                return new Advice(Verdict.ADOPT_ADAPTIVE_LOCK, confidence(hold, ownerOnCpu, futex),
                        holds + " and owners keep running, "
                                + "so waiters pay for parking more than for waiting", evidence, missing,
                        "fewer parks and futex calls, higher throughput (see docs/PERFORMANCE.md for measured ratios)");
            }
        } else {
            // No hold times (plain JDK recordings): long waits fit long holds and preempted owners alike, so they
            // decide nothing; short waits at least bound the holds from above.
            if (waits.p50Nanos() > LONG_WAIT_NANOS && owners.onCpu().known()
                    && owners.onCpu().value() >= OWNER_STATE_DECIDES) {
                return new Advice(Verdict.SHORTEN_CRITICAL_SECTION, ownersConfidence(owners, owners.onCpu(), runnable),
                        "median wait " + Durations.format(waits.p50Nanos()) + " (" + waits.counted() + ") and its owners"
                                + " ran Java code" + at(owners.onCpuAt()) + " during " + percent(owners.onCpu().value())
                                + " of the waiting time " + owners.onCpu().provenance() + ": the time is work under "
                                + "the lock (or owners preempted while running it, which samples of Java code do not "
                                + "rule out), which only less work under the lock shortens",
                        evidence, missing, "wait time falls in proportion to the hold time removed");
            }
            if (waits.p50Nanos() > LONG_WAIT_NANOS) {
                return new Advice(Verdict.INCONCLUSIVE, Confidence.LOW,
                        "median wait " + Durations.format(waits.p50Nanos()) + " (" + waits.counted()
                                + ") fits long holds and preempted "
                                + "owners alike; hold times and the owners' CPU state tell them apart", evidence,
                        missing, MORE_EVIDENCE);
            }
            if (waits.p50Nanos() <= SHORT_WAIT_NANOS && exclusive && virtualWaiters) {
                return virtualShortHolds("median wait " + Durations.format(waits.p50Nanos()) + " (" + waits.counted()
                        + ") bounds the holds to short ones", Confidence.LOW, evidence, missing);
            }
            if (waits.p50Nanos() <= SHORT_WAIT_NANOS && exclusive) {
                return new Advice(Verdict.ADOPT_ADAPTIVE_LOCK, Confidence.LOW,
                        "median wait " + Durations.format(waits.p50Nanos()) + " (" + waits.counted()
                                + ") bounds the holds to short ones, "
                                + "where parking costs more than the wait", evidence, missing,
                        "fewer parks and futex calls, higher throughput (see docs/PERFORMANCE.md for measured ratios)");
            }
        }
        return new Advice(Verdict.INCONCLUSIVE, Confidence.LOW,
                "the figures at hand point to no single remedy", evidence, missing, MORE_EVIDENCE);
    }

    /**
     * The gate on too few waits ({@link Thresholds#MIN_WAITS_TO_ADVISE}, counting the larger tally): the rules below
     * read the waits' median, the hold estimated from it, and shares of the waits, which a handful of waits do not
     * settle. It comes after "not worth touching" (a total, which needs no distribution) and after the owners' states
     * (each wait's measured overlap with what its owner did, which step their confidence down on few waits instead).
     * The agent does not advise such a lock at all: its advice has no owners' states, so there would be nothing to
     * say but this.
     */
    private static Advice tooFewWaits(LockEvidence e, List<String> evidence, List<String> missing) {
        Waits most = e.agentWaits().count() > e.waits().count() ? e.agentWaits() : e.waits();
        if (EvidenceAssembler.enoughWaits(most.count())) {
            return null;
        }
        return new Advice(Verdict.INCONCLUSIVE, Confidence.LOW, "only " + most.count() + " " + most.counted()
                + ", under the " + Thresholds.MIN_WAITS_TO_ADVISE + " a verdict needs: the median wait, the hold "
                + "estimated from it and the shares of so few waits move with each one", evidence, missing,
                "none yet: a longer recording would give the waits a verdict needs");
    }

    /**
     * Short holds where the waiters are mostly virtual threads: the adaptive lock is no remedy for them. Its gain is
     * the park and futex calls a waiter saves by spinning while the owner runs; a virtual thread's park is an unmount
     * (no futex call, its carrier runs another thread meanwhile), and the adaptive lock spins one at most 1 us (so it
     * never holds a carrier), then parks it as ReentrantLock does (its benchmark cell: docs/PERFORMANCE.md, "Adaptive
     * locks on virtual threads"). Their waits are the queue itself, which only less time under the lock, or the lock split,
     * shortens.
     */
    private static Advice virtualShortHolds(String holds, Confidence confidence, List<String> evidence,
                                            List<String> missing) {
        return new Advice(Verdict.SHORTEN_CRITICAL_SECTION, confidence, holds + ", but its waiters are mostly virtual "
                + "threads, which the adaptive lock does not help: it spins one at most 1 us and then parks it as "
                + "ReentrantLock does, an unmount rather than a futex call; their waits are the queue for the lock, which "
                + "only less time under it, or the lock split, shortens", evidence, missing,
                "wait time falls in proportion to the hold time removed; a split lock divides the queue");
    }

    /** How the evidence calls the owners' measured preempted share. */
    static final String PREEMPTED = "owners runnable but preempted while others waited";

    /**
     * Owners measured on a run queue at least {@link Thresholds#OWNER_PREEMPTED_DECIDES} of the waiting time: fewer
     * threads, with that figure as the reason. One step less sure where it rests on few waits, and one more where the
     * process's own runnable threads were sampled no more than the CPUs: the CPUs then went to other processes or a
     * CPU quota ran out, and fewer threads of this program is only part of the remedy.
     */
    private static Advice preemptedOwners(Figure preempted, long waits, Figure runnable, List<String> evidence,
                                          List<String> missing) {
        Confidence c = confidence(preempted);
        if (waits >= 0 && waits < MIN_WAITS_FOR_OWNER_STATES) {
            c = lower(c);
        }
        boolean calm = runnable.known() && runnable.value() <= OVERSUBSCRIBED_RUNNABLE_PER_CPU;
        if (calm) {
            c = lower(c);
        }
        String reason = "its owners sat preempted (runnable, waiting for a CPU) during " + percent(preempted.value())
                + " of the waiting time " + preempted.provenance() + ": those waits are the CPUs' queue, which no "
                + "better lock or shorter section shortens";
        if (calm) {
            reason += "; yet no more of the program's threads were runnable than CPUs (runnable threads per CPU "
                    + String.format(java.util.Locale.ROOT, "%.2f", runnable.value()) + ", " + runnable.source().label()
                    + "), so other processes or a CPU quota take the CPUs too";
        }
        return new Advice(Verdict.FEWER_THREADS, c, reason, evidence, missing, "owners run their sections to the end: "
                + "fewer, shorter waits; size pools near the number of CPUs for CPU-bound work"
                + (calm ? ", and give the program the CPUs it is sized for (quota, other processes)" : ""));
    }

    private static Confidence lower(Confidence c) {
        return c == Confidence.HIGH ? Confidence.MEDIUM : Confidence.LOW;
    }

    /**
     * A verdict from what the owners did while others waited, when one state took at least
     * {@link Thresholds#OWNER_STATE_DECIDES} of that time; null otherwise. Running Java code is not decided here: it
     * means work under the lock or a preempted owner, which the rules on holds and runnable threads tell apart.
     */
    private static Advice byOwnerStates(OwnerStates owners, List<String> evidence, List<String> missing) {
        if (!owners.known()) {
            return null;
        }
        Figure other = owners.otherLock();
        if (decides(other)) {
            String lock = owners.otherLockName() == null ? "another lock" : owners.otherLockName();
            return new Advice(Verdict.LOOK_AT_THE_LOCK_ITS_OWNERS_WAIT_FOR, ownersConfidence(owners, other),
                    "its owners were themselves waiting for " + lock + " during " + percent(other.value())
                            + " of the waiting time " + other.provenance() + ": the waits here queue behind that lock",
                    evidence, missing, "this lock's waits fall with the waits for " + lock + ": look at it first; "
                    + "changing this lock alone leaves its owners waiting there");
        }
        Figure gc = owners.inGcOrSafepoint();
        if (decides(gc)) {
            return new Advice(Verdict.NOT_THE_LOCK_GC_PAUSES, ownersConfidence(owners, gc),
                    "its owners were stopped in GC pauses or safepoints during " + percent(gc.value())
                            + " of the waiting time " + gc.provenance() + ": the waits are the pauses', not the lock's",
                    evidence, missing, "waits fall with shorter or fewer pauses (heap size, collector, less "
                    + "allocation); a different lock would not change them");
        }
        Figure blocked = owners.blocked();
        if (decides(blocked)) {
            return new Advice(Verdict.MOVE_BLOCKING_CALL_OUT, ownersConfidence(owners, blocked),
                    "its owners were blocked" + (owners.blockedIn() == null ? "" : ", mostly in " + owners.blockedIn())
                            + at(owners.blockedAt()) + ", during " + percent(blocked.value())
                            + " of the waiting time, holding the lock " + blocked.provenance(),
                    evidence, missing, "waits fall by about that share: with the call outside the critical section "
                    + "(what it needs copied out under the lock), others take the lock while it runs");
        }
        return null;
    }

    private static boolean decides(Figure f) {
        return f.known() && f.value() >= OWNER_STATE_DECIDES;
    }

    private static String at(String frame) {
        return frame == null ? "" : " at " + frame;
    }

    /** The figures' confidence, one step lower when the owners' states rest on few waits. */
    private static Confidence ownersConfidence(OwnerStates owners, Figure... used) {
        Confidence c = confidence(used);
        return owners.waits() >= MIN_WAITS_FOR_OWNER_STATES ? c : lower(c);
    }

    /** One evidence line per state the owners were seen in, or what is missing and why. */
    private static void ownerEvidence(OwnerStates owners, List<String> evidence, List<String> missing) {
        if (!owners.given()) {
            return;
        }
        if (!owners.known()) {
            missing.add("what the owners did while others waited: " + owners.whyUnknown());
            return;
        }
        ownerLine("owners running Java code while others waited", owners.onCpu(), owners.onCpuAt(), evidence);
        ownerLine("owners blocked in a call while others waited" + (owners.blockedIn() == null ? ""
                : " (mostly " + owners.blockedIn() + ")"), owners.blocked(), owners.blockedAt(), evidence);
        ownerLine("owners in GC pauses or safepoints while others waited", owners.inGcOrSafepoint(), null, evidence);
        ownerLine("owners waiting for another lock while others waited", owners.otherLock(), owners.otherLockName(),
                evidence);
    }

    private static void ownerLine(String what, Figure f, String where, List<String> evidence) {
        if (f.known() && f.value() > 0) {
            evidence.add(what + " " + percent(f.value()) + (where == null ? "" : " (" + where + ")") + " "
                    + f.provenance());
        }
    }

    /** Long holds known as an upper bound, with the figure that rules out preempted owners as their cause. */
    private static Advice shorten(Figure hold, Figure notPreempted, String why, List<String> evidence,
                                  List<String> missing) {
        return new Advice(Verdict.SHORTEN_CRITICAL_SECTION, confidence(hold, notPreempted),
                HoldBounds.describe(hold) + " " + hold.provenance() + " and " + why
                        + ", so the time is work under the lock: spinning cannot bridge that, only less work under "
                        + "the lock can", evidence, missing, "wait time falls in proportion to the hold time removed");
    }

    private static Figure note(Figure f, String what, List<String> evidence, List<String> missing,
                               java.util.function.DoubleFunction<String> format) {
        if (f.known()) {
            evidence.add(what + " " + format.apply(f.value()) + " " + f.provenance());
        } else {
            missing.add(what + ": " + f.origin());
        }
        return f;
    }

    /** HIGH if every figure used was measured, MEDIUM if some were sampled or estimated, LOW if one is missing. */
    static Confidence confidence(Figure... used) {
        Confidence c = Confidence.HIGH;
        for (Figure f : used) {
            switch (f.source()) {
                case MISSING:
                    return Confidence.LOW;
                case SAMPLED:
                case ESTIMATED:
                case UPPER_BOUND:
                    c = Confidence.MEDIUM;
                    break;
                default:
                    break;
            }
        }
        return c;
    }

    private static String percent(double v) {
        return Durations.percent(v);
    }
}
