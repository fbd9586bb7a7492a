package dev.lockscope.analyzer.report;

import dev.lockscope.advisor.Durations;
import dev.lockscope.advisor.Figure;
import dev.lockscope.advisor.OwnerStates;
import dev.lockscope.advisor.Source;
import dev.lockscope.analyzer.aggregate.RecordingFacts;
import dev.lockscope.analyzer.classify.WaitClassifier;
import dev.lockscope.analyzer.holders.AcquireSite;
import dev.lockscope.analyzer.holders.HolderTally;
import dev.lockscope.analyzer.holders.NamedTime;
import dev.lockscope.analyzer.holders.OwnerCpu;
import dev.lockscope.analyzer.model.OwnerEventTypes;
import dev.lockscope.analyzer.holders.OwnerStack;
import dev.lockscope.analyzer.holders.OwnerState;
import dev.lockscope.analyzer.holders.StateTime;
import dev.lockscope.analyzer.model.Frame;
import dev.lockscope.analyzer.report.HolderProfile.ChainLink;
import dev.lockscope.analyzer.report.Report.Named;
import dev.lockscope.events.LockWait;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

/**
 * Turns what the owners did ({@link HolderTally}) into the report's {@link HolderProfile}, each figure with what it
 * was made from (the recordings' sampling periods and thresholds), and into the advisor's {@link OwnerStates}.
 */
final class HolderProfiles {
    static final String MONITOR_OWNER = "jdk.JavaMonitorEnter previousOwner: the thread that held the monitor last "
            + "before the waiter got it, taken as the owner through the wait (less any part of the wait where that "
            + "thread was itself still waiting for this monitor)";
    static final String AGENT_OWNER = LockWait.NAME + " owner: the lock's owner when the wait began (the waits "
            + "the lockscope agent wrote: above its threshold, at most its sampleRate per second), taken as the owner "
            + "through the wait (less any part where that thread was itself waiting for this lock)";
    static final String JUC_WITHOUT_AGENT = "a java.util.concurrent lock's owner is not in JDK events; record with "
            + "the lockscope agent, whose " + LockWait.NAME + " events name it";
    static final String AGENT_WITHOUT_WINDOWS = "no " + LockWait.NAME + " event of the agent named an owner for "
            + "this lock (it writes waits above its threshold, 1 ms in lockscope.jfc; read-write locks' readers, "
            + "semaphores and StampedLock have no exclusive owner)";
    static final String MONITOR_WITHOUT_OWNER = "its jdk.JavaMonitorEnter events name no previous owner";
    static final String ALL_LEFT_OUT = "every wait with a known owner was past the memory bound (see the notes)";

    /** States whose time is a blocking call the owner made while holding the lock. */
    private static final List<OwnerState> BLOCKING = List.of(OwnerState.FILE_IO, OwnerState.SOCKET_IO,
            OwnerState.SLEEPING, OwnerState.WAITING_FOR_SIGNAL);

    private final List<RecordingFacts> recordings;

    HolderProfiles(List<RecordingFacts> recordings) {
        this.recordings = recordings;
    }

    /**
     * The profile of a row from its tally; {@code rowOfGroup} names other locks by their report row, where they have
     * one ({@code identityOfGroup} by their identity there).
     */
    HolderProfile of(HolderTally t, String ownerFrom, String whyNoWindows, Map<Integer, String> rowOfGroup,
                     Map<Integer, String> identityOfGroup) {
        long[] without = t.withoutOwner();
        long[] leftOut = t.leftOut();
        if (t.waits() == 0 || t.ownedNanos() == 0) {
            String why = leftOut[0] > 0 ? ALL_LEFT_OUT : whyNoWindows != null ? whyNoWindows
                    : without[0] > 0 ? MONITOR_WITHOUT_OWNER : "no wait of this lock named its owner";
            return new HolderProfile(why, null, 0, 0, without[0], leftOut[0], List.of(), List.of(), List.of(), false);
        }
        List<HolderProfile.State> states = new ArrayList<>();
        for (StateTime s : t.states()) {
            states.add(new HolderProfile.State(s.state().key(), s.state().label(), (double) s.nanos() / t.ownedNanos(),
                    s.nanos(), source(s.state()).label(), origin(s.state()), s.waits(), s.samples(), named(s.frames()),
                    named(s.events())));
        }
        List<OwnerStack> stacks = t.stacks();
        List<ChainLink> waitedFor = new ArrayList<>();
        for (HolderTally.LockTime l : t.otherLocks()) {
            waitedFor.add(new ChainLink(rowOfGroup.get(l.group()), identityOfGroup.getOrDefault(l.group(), l.name()),
                    (double) l.nanos() / t.ownedNanos(), l.nanos()));
        }
        return new HolderProfile(null, ownerFrom, t.waits(), t.ownedNanos(), without[0], leftOut[0], states,
                waitedFor, List.of(), false, acquiredAt(t), topFrames(stacks), HolderFlame.of(stacks, t.ownedNanos()),
                ownerCpu(t.ownerCpu(), ownerFrom));
    }

    static final String CPU_MONITOR = "the owners' CPU split is measured by the lockscope agent for the waits it "
            + "writes as " + LockWait.NAME + " events: java.util.concurrent locks only";

    /** The agent's measurement of the owners, or why there is none. */
    static HolderProfile.OwnerCpu ownerCpu(OwnerCpu c, String ownerFrom) {
        if (c.waits() == 0 || c.waitNanos() == 0) {
            String why = !AGENT_OWNER.equals(ownerFrom) ? CPU_MONITOR : c.waitsNotMeasured() > 0
                    ? "the agent measured none of the " + c.waitsNotMeasured() + " profiled waits it wrote: "
                    + c.whyNotMeasured() : "no profiled wait of the agent's";
            return HolderProfile.OwnerCpu.unavailable(why);
        }
        double total = c.waitNanos();
        List<HolderProfile.CpuShare> states = List.of(
                new HolderProfile.CpuShare("on-cpu", "on a CPU", c.onCpuNanos() / total, c.onCpuNanos()),
                new HolderProfile.CpuShare(RowEvidence.PREEMPTED, "runnable but preempted", c.preemptedNanos() / total,
                        c.preemptedNanos()),
                new HolderProfile.CpuShare("off-cpu-voluntary", "off a CPU by their own doing",
                        c.offCpuNanos() / total, c.offCpuNanos()));
        return new HolderProfile.OwnerCpu(null, c.waits(), c.waitNanos(), states, Source.MEASURED.label(), c.source(),
                c.waitsNotMeasured());
    }

    static final int TOP_FRAMES_SHOWN = 5;

    /** The first application frame of each stack (a JDK-only stack: its top frame), added up, most time first. */
    private static List<Named> topFrames(List<OwnerStack> stacks) {
        Map<String, long[]> byFrame = new java.util.HashMap<>();
        for (OwnerStack s : stacks) {
            if (s.rootFirst().isEmpty()) {
                continue;
            }
            Frame top = s.rootFirst().get(s.rootFirst().size() - 1);
            for (int i = s.rootFirst().size() - 1; i >= 0; i--) {
                if (!s.rootFirst().get(i).isJdk()) {
                    top = s.rootFirst().get(i);
                    break;
                }
            }
            long[] v = byFrame.computeIfAbsent(top.toString(), k -> new long[2]);
            v[0] += s.count();
            v[1] += s.nanos();
        }
        List<Named> out = new ArrayList<>();
        byFrame.forEach((name, v) -> out.add(new Named(name, v[0], v[1])));
        out.sort((a, b) -> a.nanos() != b.nanos() ? Long.compare(b.nanos(), a.nanos()) : a.name().compareTo(b.name()));
        return out.size() > TOP_FRAMES_SHOWN ? List.copyOf(out.subList(0, TOP_FRAMES_SHOWN)) : out;
    }

    /** Acquire sites shown: the top ones, the rest added up under "other sites". */
    static final int ACQUIRE_SITES_SHOWN = 5;

    /** Where the owners took the lock, with how each site was found; then "unknown" for the rest by reason. */
    private List<HolderProfile.Acquired> acquiredAt(HolderTally t) {
        List<HolderProfile.Acquired> out = new ArrayList<>();
        long[] other = new long[4];
        int known = 0;
        for (AcquireSite a : t.acquireSites()) {
            double share = (double) a.nanos() / t.ownedNanos();
            if (a.unknown() != null) {
                out.add(new HolderProfile.Acquired("unknown", share, a.nanos(), a.waits(), 0, 0, Source.MISSING.label(),
                        unknownAcquireReason(a.unknown())));
            } else if (known++ < ACQUIRE_SITES_SHOWN) {
                out.add(new HolderProfile.Acquired(a.site(), share, a.nanos(), a.waits(), a.recordedWaits(),
                        a.waits() - a.recordedWaits(), Source.ESTIMATED.label(), acquireOrigin(a.recordedWaits(),
                        a.waits() - a.recordedWaits())));
            } else {
                other[0] += a.nanos();
                other[1] += a.waits();
                other[2] += a.recordedWaits();
                other[3] += a.waits() - a.recordedWaits();
            }
        }
        if (other[1] > 0) {
            out.add(ACQUIRE_SITES_SHOWN, new HolderProfile.Acquired("(other sites)", (double) other[0] / t.ownedNanos(),
                    other[0], other[1], other[2], other[3], Source.ESTIMATED.label(),
                    acquireOrigin(other[2], other[3])));
        }
        return out;
    }

    private static String acquireOrigin(long byAcquisition, long byStack) {
        List<String> parts = new ArrayList<>();
        if (byAcquisition > 0) {
            parts.add(byAcquisition + (byAcquisition == 1 ? " wait" : " waits") + " by the owner's own recorded "
                    + "acquisition (its last jdk.JavaMonitorEnter or jdk.ThreadPark for this lock ending by the wait's "
                    + "end, taken as the start of its hold unless its stacks in the wait left that method)");
        }
        if (byStack > 0) {
            parts.add(byStack + (byStack == 1 ? " wait" : " waits") + " by the owner's stacks in the wait (samples "
                    + "and events): their first frame, from the top, in a method where threads waited for this lock");
        }
        return String.join("; ", parts);
    }

    static String unknownAcquireReason(AcquireSite.Unknown u) {
        switch (u) {
            case NOTHING_RECORDED:
                return "no sample or event of the owner fell in these waits, and no acquisition of the lock by it was "
                        + "recorded (a monitor's or a java.util.concurrent lock's acquisition is recorded only when the "
                        + "owner itself waited for it, above the wait events' threshold)";
            default:
                return "the owner's stacks in these waits hold no frame in a method where threads were recorded "
                        + "waiting for this lock, and no acquisition of the lock by it that its stacks agree with was "
                        + "recorded (an owner that never waits for the lock above the wait events' threshold is never "
                        + "recorded taking it)";
        }
    }

    private static Source source(OwnerState s) {
        return s == OwnerState.UNKNOWN ? Source.MISSING : s.sampled() ? Source.SAMPLED : Source.MEASURED;
    }

    /** What a state's time was made from, with the recordings' periods or thresholds. */
    String origin(OwnerState s) {
        switch (s) {
            case RUNNING_JAVA:
                return "jdk.ExecutionSample of the owners (in Java code when JFR's sampler looked), each counted as "
                        + "one sampling period (" + settings(OwnerEventTypes.EXECUTION_SAMPLE, "period") + "); JFR "
                        + "samples a few threads per period and misses threads it cannot stop at once, so it tends "
                        + "to be low";
            case IN_NATIVE:
                return "jdk.NativeMethodSample of the owners, each counted as one sampling period ("
                        + settings(OwnerEventTypes.NATIVE_SAMPLE, "period") + "); JFR samples one thread in native "
                        + "code per period, so with several there it is low";
            case FILE_IO:
                return overlap(List.of(OwnerEventTypes.FILE_READ, OwnerEventTypes.FILE_WRITE,
                        OwnerEventTypes.FILE_FORCE));
            case SOCKET_IO:
                return overlap(List.of(OwnerEventTypes.SOCKET_READ, OwnerEventTypes.SOCKET_WRITE));
            case SLEEPING:
                return overlap(List.of(OwnerEventTypes.THREAD_SLEEP));
            case WAITING_FOR_SIGNAL:
                return overlap(List.of(WaitClassifier.MONITOR_WAIT, WaitClassifier.THREAD_PARK));
            case OTHER_LOCK:
                return overlap(List.of(WaitClassifier.MONITOR_ENTER, WaitClassifier.THREAD_PARK));
            case GC_OR_SAFEPOINT:
                return "jdk.GCPhasePause, jdk.SafepointBegin and safepoint jdk.ExecuteVMOperation events overlapping "
                        + "the waits, less the owners' own calls then (thresholds: "
                        + thresholds(OwnerEventTypes.PAUSES) + ")";
            default:
                return "no event of the owner covers it, nor did a sampler catch it";
        }
    }

    private String overlap(List<String> types) {
        return "the owners' " + String.join(", ", types) + " events overlapping the waits; calls shorter than the "
                + "events' thresholds are not in it (" + thresholds(types) + ")";
    }

    private String thresholds(List<String> types) {
        List<String> l = new ArrayList<>();
        for (String t : types) {
            l.add(t + " " + settings(t, "threshold"));
        }
        return String.join(", ", l);
    }

    /** A setting of an event type across the recordings: one value, several joined by " / ", or "not recorded". */
    private String settings(String type, String name) {
        Set<String> values = new TreeSet<>();
        for (RecordingFacts f : recordings) {
            if (!"true".equals(f.setting(type, "enabled"))) {
                values.add("not recorded");
            } else {
                String v = f.setting(type, name);
                values.add(v == null ? "unknown" : v);
            }
        }
        return values.isEmpty() ? "unknown" : String.join(" / ", values);
    }

    /** Whether any recording had the event type enabled. */
    boolean recorded(String type) {
        for (RecordingFacts f : recordings) {
            if ("true".equals(f.setting(type, "enabled"))) {
                return true;
            }
        }
        return false;
    }

    /** The report's notes on owner event types no recording had: their time shows as unknown. */
    List<String> missingTypeNotes() {
        List<String> notes = new ArrayList<>();
        Set<String> missing = new LinkedHashSet<>();
        for (String t : OwnerEventTypes.ALL) {
            if (!t.equals(OwnerEventTypes.SAFEPOINT_BEGIN) && !t.equals(OwnerEventTypes.EXECUTE_VM_OPERATION)
                    && !recorded(t)) {
                missing.add(t);
            }
        }
        if (!missing.isEmpty()) {
            notes.add("what lock owners did while others waited: " + String.join(", ", missing) + " not recorded, so "
                    + "that part of the owners' time shows as unknown; record with lockscope.jfc (or the JDK's "
                    + "default settings) to have them");
        }
        return notes;
    }

    /** The advisor's view of a profile: running Java code, blocked in a call, in GC pauses, waiting for another lock. */
    OwnerStates ownerStates(HolderProfile p) {
        if (!p.available()) {
            return OwnerStates.missing(p.unavailableReason());
        }
        String basis = "; over " + p.waits() + " waits with a known owner (" + shortOwner(p) + "), "
                + Durations.format(p.ownedNanos()) + " held";
        HolderProfile.State cpu = state(p, OwnerState.RUNNING_JAVA);
        Figure onCpu = recorded(OwnerEventTypes.EXECUTION_SAMPLE)
                ? Figure.sampled(cpu == null ? 0 : cpu.share(), (cpu == null ? 0 : cpu.samples())
                + " jdk.ExecutionSample of the owners, one sampling period each" + basis)
                : Figure.missing("jdk.ExecutionSample not recorded");
        double blocked = 0;
        HolderProfile.State most = null;
        for (OwnerState s : BLOCKING) {
            HolderProfile.State st = state(p, s);
            if (st != null) {
                blocked += st.share();
                most = most == null || st.nanos() > most.nanos() ? st : most;
            }
        }
        Figure blockedFigure = Figure.measured(blocked, "the owners' blocking-call events overlapping the waits"
                + basis + "; calls under the events' thresholds are not in it");
        HolderProfile.State gc = state(p, OwnerState.GC_OR_SAFEPOINT);
        Figure inGc = recorded(OwnerEventTypes.GC_PHASE_PAUSE)
                ? Figure.measured(gc == null ? 0 : gc.share(), "jdk.GCPhasePause and safepoint events" + basis)
                : Figure.missing("jdk.GCPhasePause not recorded");
        HolderProfile.State lock = state(p, OwnerState.OTHER_LOCK);
        Figure other = Figure.measured(lock == null ? 0 : lock.share(), "the owners' own lock waits (jdk.JavaMonitorEnter,"
                + " jdk.ThreadPark) overlapping the waits" + basis);
        return new OwnerStates(onCpu, cpu == null ? null : topFrame(cpu), blockedFigure,
                most == null ? null : blockedWhat(most), most == null ? null : topFrame(most), inGc, other,
                p.waitedFor().isEmpty() ? null : p.waitedFor().get(0).describe(), p.waits());
    }

    /** "file I/O (jdk.FileForce)": what a blocking state was, by its largest event type. */
    private static String blockedWhat(HolderProfile.State s) {
        String what = s.state().equals(OwnerState.FILE_IO.key()) ? "file I/O"
                : s.state().equals(OwnerState.SOCKET_IO.key()) ? "socket I/O"
                : s.state().equals(OwnerState.SLEEPING.key()) ? "sleep" : "waits for a signal";
        return s.events().isEmpty() ? what : what + " (" + s.events().get(0).name() + ")";
    }

    static String topFrame(HolderProfile.State s) {
        return s.frames().isEmpty() ? null : s.frames().get(0).name();
    }

    /** How the text report says where each wait's owner came from. */
    static String shortOwner(HolderProfile p) {
        return p.ownerFrom() != null && p.ownerFrom().startsWith("jdk.JavaMonitorEnter") ? "owner: previousOwner"
                : "owner: the agent's LockWait owner";
    }

    static HolderProfile.State state(HolderProfile p, OwnerState s) {
        for (HolderProfile.State st : p.states()) {
            if (st.state().equals(s.key())) {
                return st;
            }
        }
        return null;
    }

    private static List<Named> named(List<NamedTime> l) {
        List<Named> out = new ArrayList<>(l.size());
        for (NamedTime n : l) {
            out.add(new Named(n.name(), n.count(), n.nanos()));
        }
        return out;
    }
}
