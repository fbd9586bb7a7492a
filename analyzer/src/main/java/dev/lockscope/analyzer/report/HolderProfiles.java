package dev.lockscope.analyzer.report;

import dev.lockscope.advisor.Durations;
import dev.lockscope.advisor.Figure;
import dev.lockscope.advisor.OwnerStates;
import dev.lockscope.advisor.Source;
import dev.lockscope.analyzer.aggregate.RecordingFacts;
import dev.lockscope.analyzer.classify.WaitClassifier;
import dev.lockscope.analyzer.holders.HolderTally;
import dev.lockscope.analyzer.holders.NamedTime;
import dev.lockscope.analyzer.holders.OwnerEventTypes;
import dev.lockscope.analyzer.holders.OwnerState;
import dev.lockscope.analyzer.holders.StateTime;
import dev.lockscope.analyzer.report.HolderProfile.ChainLink;
import dev.lockscope.analyzer.report.Report.Named;
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
    static final String AGENT_OWNER = "dev.lockscope.LockWait owner: the lock's owner when the wait began (the waits "
            + "the lockscope agent wrote: above its threshold, at most its sampleRate per second), taken as the owner "
            + "through the wait (less any part where that thread was itself waiting for this lock)";
    static final String JUC_WITHOUT_AGENT = "a java.util.concurrent lock's owner is not in JDK events; record with "
            + "the lockscope agent, whose dev.lockscope.LockWait events name it";
    static final String AGENT_WITHOUT_WINDOWS = "no dev.lockscope.LockWait event of the agent named an owner for "
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
        List<ChainLink> waitedFor = new ArrayList<>();
        for (HolderTally.LockTime l : t.otherLocks()) {
            waitedFor.add(new ChainLink(rowOfGroup.get(l.group()), identityOfGroup.getOrDefault(l.group(), l.name()),
                    (double) l.nanos() / t.ownedNanos(), l.nanos()));
        }
        return new HolderProfile(null, ownerFrom, t.waits(), t.ownedNanos(), without[0], leftOut[0], states,
                waitedFor, List.of(), false);
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
