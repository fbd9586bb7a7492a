package dev.lockscope.analyzer.read;

import dev.lockscope.analyzer.classify.WaitClassifier;
import dev.lockscope.analyzer.model.OwnerEventTypes;
import dev.lockscope.analyzer.model.Frame;
import dev.lockscope.analyzer.model.OwnerCpuSplit;
import dev.lockscope.analyzer.model.WaitEvent;
import dev.lockscope.analyzer.model.WaitSite;
import dev.lockscope.events.AgentStatus;
import dev.lockscope.events.CriticalSection;
import dev.lockscope.events.LockSummary;
import dev.lockscope.events.LockWait;
import java.io.BufferedInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.util.ArrayList;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.LongConsumer;
import org.openjdk.jmc.common.IMCFrame;
import org.openjdk.jmc.common.IMCStackTrace;
import org.openjdk.jmc.common.IMCThread;
import org.openjdk.jmc.common.IMCType;
import org.openjdk.jmc.common.unit.IQuantity;
import org.openjdk.jmc.common.unit.UnitLookup;
import org.openjdk.jmc.flightrecorder.CouldNotLoadRecordingException;
import org.openjdk.jmc.flightrecorder.JfrLoaderToolkit;
import org.openjdk.jmc.flightrecorder.parser.IEventSink;
import org.openjdk.jmc.flightrecorder.parser.IEventSinkFactory;
import org.openjdk.jmc.flightrecorder.parser.IParserExtension;
import org.openjdk.jmc.flightrecorder.parser.ValueField;

/**
 * Reads recordings with the JDK Mission Control parser. Events stream through our own sinks: nothing is kept
 * in JMC's item collections, so memory stays bounded by a few chunks whatever the file's size.
 */
public final class JmcRecordingReader implements RecordingReader {

    /**
     * The JMC parser logs through java.util.logging (e.g. a two-line WARNING for every JDK 21+ recording, whose thread
     * type has a field it does not know); none of it is the user's business, and one-line errors stay one line. Held
     * here so the configured logger is not collected.
     */
    private static final java.util.logging.Logger JMC_LOG = quiet(java.util.logging.Logger.getLogger("org.openjdk.jmc"));

    private static java.util.logging.Logger quiet(java.util.logging.Logger l) {
        l.setLevel(java.util.logging.Level.OFF);
        return l;
    }

    private static final Set<String> WAIT_TYPES = Set.of(WaitClassifier.MONITOR_ENTER, WaitClassifier.MONITOR_WAIT,
            WaitClassifier.THREAD_PARK, WaitClassifier.VIRTUAL_THREAD_PINNED);

    /** The type names of the files read lately: a large recording's parts all ask for its file's. */
    private final EventTypeNames.Recent typeNames = new EventTypeNames.Recent();

    @Override
    public String ownerEventsNotRead() {
        return null;
    }

    @Override
    public void read(ChunkLayout layout, RecordingVisitor visitor, LongConsumer bytesRead) throws RecordingException {
        try (InputStream in = new BufferedInputStream(new ChunksInputStream(layout, bytesRead), 1 << 20)) {
            Map<Long, String> typeNames = this.typeNames.of(layout);
            if (!typeNames.isEmpty()) {
                for (String type : RecordingVisitor.TYPES_NOTED_WHEN_ABSENT) {
                    if (!typeNames.containsValue(type)) {
                        visitor.setting(type, "enabled", "absent");
                    }
                }
            }
            JfrLoaderToolkit.loadEvents(in, List.of(new StreamingExtension(visitor, typeNames)));
        } catch (CouldNotLoadRecordingException | RuntimeException e) {
            String problem = ChunkCheck.firstProblem(layout);
            StackTraceElement ours = problem == null ? OwnFailure.where(e) : null;
            if (ours != null) {
                throw new RecordingException(layout.path() + ": " + OwnFailure.message(e, ours), e);
            }
            // The parser's own words ("Seeking for -6052...", a NullPointerException) mean nothing to a user.
            throw new RecordingException(layout.path() + ": corrupt JFR recording: " + ChunkCheck.explain(problem, e), e);
        } catch (IOException e) {
            throw new RecordingException(layout.path() + ": cannot read: " + e.getMessage(), e);
        }
    }

    /** Hands each event type we use to a sink that forwards it, and drops every other type. */
    private static final class StreamingExtension implements IParserExtension {
        private final RecordingVisitor visitor;
        private final Map<Long, String> typeNames;

        StreamingExtension(RecordingVisitor visitor, Map<Long, String> typeNames) {
            this.visitor = visitor;
            this.typeNames = typeNames;
        }

        @Override
        public IEventSinkFactory getEventSinkFactory(IEventSinkFactory subFactory) {
            return new IEventSinkFactory() {
                @Override
                public IEventSink create(String id, String label, String[] category, String description,
                                         List<ValueField> fields) {
                    if (WAIT_TYPES.contains(id)) {
                        return new WaitSink(id, fields, visitor);
                    }
                    switch (id) {
                        case "jdk.JavaThreadStatistics":
                            return threadStatistics(fields);
                        case "jdk.ActiveSetting":
                            return activeSetting(fields);
                        case "jdk.CPULoad":
                            return cpuLoad(fields);
                        case "jdk.CPUInformation":
                            return cpuInformation(fields);
                        case "jdk.JVMInformation":
                            return jvmInformation(fields);
                        case "jdk.GarbageCollection":
                            return garbageCollection(fields);
                        case LockSummary.NAME:
                            return LockSummarySink.of(fields, visitor);
                        case LockWait.NAME:
                            return agentWait(fields);
                        case CriticalSection.NAME:
                            return criticalSection(fields);
                        case AgentStatus.NAME:
                            return agentStatus(fields);
                        case "jdk.VirtualThreadStart":
                        case "jdk.VirtualThreadEnd":
                            return virtualThreads(id, fields, "eventThread");
                        case "jdk.ThreadStart":
                            return virtualThreads(id, fields, "thread");
                        case OwnerEventTypes.EXECUTION_SAMPLE:
                            return both(sample(id, fields), virtualThreads(id, fields, "sampledThread"));
                        case OwnerEventTypes.NATIVE_SAMPLE:
                            return sample(id, fields);
                        case OwnerEventTypes.THREAD_SLEEP:
                            return both(blockingCall(id, fields), virtualThreads(id, fields, "eventThread"));
                        case OwnerEventTypes.FILE_READ:
                        case OwnerEventTypes.FILE_WRITE:
                        case OwnerEventTypes.FILE_FORCE:
                        case OwnerEventTypes.SOCKET_READ:
                        case OwnerEventTypes.SOCKET_WRITE:
                            return blockingCall(id, fields);
                        case OwnerEventTypes.GC_PHASE_PAUSE:
                        case OwnerEventTypes.SAFEPOINT_BEGIN:
                        case OwnerEventTypes.EXECUTE_VM_OPERATION:
                            return pause(id, fields);
                        default:
                            return values -> { };
                    }
                }

                @Override
                public void flush() {
                    // Nothing buffered: every event went to the visitor as it was parsed.
                }
            };
        }

        private IEventSink threadStatistics(List<ValueField> fields) {
            int time = index(fields, "startTime");
            int active = index(fields, "activeCount");
            return values -> visitor.threadCount(epochNanos(values, time), longValue(values, active, -1));
        }

        private IEventSink cpuLoad(List<ValueField> fields) {
            int time = index(fields, "startTime");
            int user = index(fields, "jvmUser");
            int system = index(fields, "jvmSystem");
            return values -> visitor.cpuLoad(epochNanos(values, time), fraction(values, user), fraction(values, system));
        }

        private IEventSink cpuInformation(List<ValueField> fields) {
            int hw = index(fields, "hwThreads");
            return values -> visitor.cpuCount(longValue(values, hw, -1));
        }

        private IEventSink activeSetting(List<ValueField> fields) {
            // The setting names its event type by numeric id only; the recording's metadata maps it to a name.
            int type = index(fields, "id");
            int name = index(fields, "name");
            int value = index(fields, "value");
            return values -> {
                String typeName = typeNames.get(longValue(values, type, -1));
                if (typeName != null) {
                    visitor.setting(typeName, String.valueOf(at(values, name)), String.valueOf(at(values, value)));
                }
            };
        }

        private IEventSink garbageCollection(List<ValueField> fields) {
            int start = index(fields, "startTime");
            int duration = index(fields, "duration");
            return values -> visitor.garbageCollection(epochNanos(values, start) + nanos(values, duration));
        }

        private IEventSink agentStatus(List<ValueField> fields) {
            int adapted = index(fields, AgentStatus.Fields.ADAPTED_SITES);
            int virtualMonitors = index(fields, AgentStatus.Fields.VIRTUAL_THREAD_MONITORS);
            return v -> {
                String sites = adapted < 0 ? null : string(v, adapted);
                if (sites != null && !sites.isEmpty()) {
                    visitor.agentAdaptedSites(sites);
                }
                String vt = virtualMonitors < 0 ? null : string(v, virtualMonitors);
                if (vt != null && !vt.isEmpty()) {
                    visitor.agentVirtualThreadMonitors(vt);
                }
            };
        }

        /** One event type read for two purposes (e.g. a sample: where its thread was, and whether it was virtual). */
        private static IEventSink both(IEventSink first, IEventSink second) {
            return v -> {
                first.addEvent(v);
                second.addEvent(v);
            };
        }

        /** Events read only for whether their thread is virtual: the program ran virtual threads. */
        private IEventSink virtualThreads(String type, List<ValueField> fields, String threadField) {
            int thread = index(fields, threadField);
            return v -> ThreadIdentity.note((IMCThread) at(v, thread), type, visitor);
        }

        private IEventSink agentWait(List<ValueField> fields) {
            int lockId = index(fields, LockWait.Fields.LOCK_ID);
            int stack = index(fields, "stackTrace");
            int start = index(fields, "startTime");
            int duration = index(fields, "duration");
            int thread = index(fields, "eventThread");
            int owner = index(fields, LockWait.Fields.OWNER);
            int onCpu = index(fields, LockWait.Fields.OWNER_ON_CPU_SHARE);
            int preempted = index(fields, LockWait.Fields.OWNER_PREEMPTED_SHARE);
            int offCpu = index(fields, LockWait.Fields.OWNER_OFF_CPU_VOLUNTARY_SHARE);
            int cpuSource = index(fields, LockWait.Fields.OWNER_ON_CPU_SOURCE);
            Map<IMCStackTrace, String> sites = new IdentityHashMap<>();
            return v -> {
                ThreadIdentity.note((IMCThread) at(v, thread), LockWait.NAME, visitor);
                IMCStackTrace trace = (IMCStackTrace) at(v, stack);
                if (trace != null) {
                    String site = sites.computeIfAbsent(trace, t -> WaitSite.of(WaitSink.toFrames(t)));
                    visitor.agentWaitSite(longValue(v, lockId, 0), site);
                }
                visitor.agentLockWait(longValue(v, lockId, 0), epochNanos(v, start), nanos(v, duration),
                        threadId(at(v, thread)), threadId(at(v, owner)), OwnerCpuSplit.of(doubleValue(v, onCpu, -1),
                                doubleValue(v, preempted, -1), doubleValue(v, offCpu, -1), string(v, cpuSource)),
                        string(v, cpuSource));
            };
        }

        /** An execution or native-method sample: where the sampled thread was. */
        private IEventSink sample(String type, List<ValueField> fields) {
            int time = index(fields, "startTime");
            int thread = index(fields, "sampledThread");
            int stack = index(fields, "stackTrace");
            StackCache stacks = new StackCache();
            return v -> visitor.ownerSample(type, epochNanos(v, time), threadId(at(v, thread)),
                    stacks.of((IMCStackTrace) at(v, stack)));
        }

        /** A sleep, file or socket call with its duration and the stack that made it. */
        private IEventSink blockingCall(String type, List<ValueField> fields) {
            int start = index(fields, "startTime");
            int duration = index(fields, "duration");
            int thread = index(fields, "eventThread");
            int stack = index(fields, "stackTrace");
            StackCache stacks = new StackCache();
            return v -> visitor.blockingCall(type, epochNanos(v, start), nanos(v, duration), threadId(at(v, thread)),
                    stacks.of((IMCStackTrace) at(v, stack)));
        }

        /** A GC pause, the time to reach a safepoint, or a VM operation at a safepoint (others stop no thread). */
        private IEventSink pause(String type, List<ValueField> fields) {
            int start = index(fields, "startTime");
            int duration = index(fields, "duration");
            int name = index(fields, "name", "operation");
            int safepoint = index(fields, "safepoint");
            return v -> {
                if (type.equals(OwnerEventTypes.EXECUTE_VM_OPERATION) && !Boolean.TRUE.equals(at(v, safepoint))) {
                    return;
                }
                String what = type.equals(OwnerEventTypes.SAFEPOINT_BEGIN) ? "reaching a safepoint"
                        : name < 0 || at(v, name) == null ? type : String.valueOf(at(v, name));
                visitor.pause(type, what, epochNanos(v, start), nanos(v, duration));
            };
        }

        private IEventSink criticalSection(List<ValueField> fields) {
            int cls = index(fields, CriticalSection.Fields.CLASS_NAME);
            int method = index(fields, CriticalSection.Fields.METHOD);
            int line = index(fields, CriticalSection.Fields.LINE);
            int readOnly = index(fields, CriticalSection.Fields.READ_ONLY);
            return v -> visitor.criticalSection(string(v, cls), string(v, method), (int) longValue(v, line, -1),
                    Boolean.TRUE.equals(at(v, readOnly)));
        }

        private IEventSink jvmInformation(List<ValueField> fields) {
            int name = index(fields, "jvmName");
            int version = index(fields, "jvmVersion");
            int pid = index(fields, "pid");
            int start = index(fields, "jvmStartTime");
            return values -> visitor.jvm(String.valueOf(at(values, name)), String.valueOf(at(values, version)),
                    longValue(values, pid, -1), epochNanos(values, start));
        }
    }

    /** Converts one wait event type's values into {@link WaitEvent}s, caching stacks (they repeat a lot). */
    private static final class WaitSink implements IEventSink {
        private final String type;
        private final RecordingVisitor visitor;
        private final int start;
        private final int duration;
        private final int thread;
        private final int stack;
        private final int lockClass;
        private final int address;
        private final int previousOwner;
        private final int pinnedReason;
        private final int blockingOperation;
        private final Map<IMCStackTrace, List<Frame>> stacks = new IdentityHashMap<>();

        WaitSink(String type, List<ValueField> fields, RecordingVisitor visitor) {
            this.type = type;
            this.visitor = visitor;
            this.start = index(fields, "startTime");
            this.duration = index(fields, "duration");
            this.thread = index(fields, "eventThread");
            this.stack = index(fields, "stackTrace");
            // Pinning has no lock class: its reason (JDK 24+) and blocking operation, in plain words, stand in for it.
            this.lockClass = index(fields, "monitorClass", "parkedClass");
            this.pinnedReason = index(fields, "pinnedReason");
            this.blockingOperation = index(fields, "blockingOperation");
            this.address = index(fields, "address");
            this.previousOwner = index(fields, "previousOwner");
        }

        @Override
        public void addEvent(Object[] values) {
            IMCThread t = (IMCThread) at(values, thread);
            Object cls = at(values, lockClass);
            if (type.equals(WaitClassifier.VIRTUAL_THREAD_PINNED)) {
                cls = PinnedReasons.describe(string(values, pinnedReason), string(values, blockingOperation));
            }
            IMCThread owner = (IMCThread) at(values, previousOwner);
            long id = t == null || t.getThreadId() == null ? -1 : t.getThreadId();
            ThreadIdentity.note(t, type, visitor);
            visitor.waitEvent(new WaitEvent(type, epochNanos(values, start), nanos(values, duration), id,
                    ThreadIdentity.name(t),
                    cls instanceof IMCType ? ((IMCType) cls).getFullName() : cls instanceof String ? (String) cls : null,
                    longValue(values, address, 0),
                    owner == null ? null : ThreadIdentity.name(owner),
                    frames((IMCStackTrace) at(values, stack)), threadId(owner)));
        }

        private List<Frame> frames(IMCStackTrace trace) {
            if (trace == null) {
                return List.of();
            }
            return stacks.computeIfAbsent(trace, WaitSink::toFrames);
        }

        static List<Frame> toFrames(IMCStackTrace tr) {
            List<? extends IMCFrame> fs = tr.getFrames();
            List<Frame> out = new ArrayList<>(fs.size());
            for (IMCFrame f : fs) {
                if (f.getMethod() == null) {
                    continue;
                }
                Integer line = f.getFrameLineNumber();
                // A recording may leave a frame's class unnamed (Frame reads it as "?").
                String cls = f.getMethod().getType() == null ? null : f.getMethod().getType().getFullName();
                out.add(new Frame(cls, f.getMethod().getMethodName(), line == null ? -1 : line));
            }
            return List.copyOf(out);
        }
    }

    /** A thread's Java id, or -1 (no thread, or a native one). */
    static long threadId(Object thread) {
        return thread instanceof IMCThread && ((IMCThread) thread).getThreadId() != null
                ? ((IMCThread) thread).getThreadId() : -1;
    }

    /**
     * The frames of the stacks seen lately, by the parser's stack instance (one list per stack, so the visitor can
     * cache what it derives by the list's identity); bounded.
     */
    static final class StackCache {
        private static final int MAX = 16_384;
        private final Map<IMCStackTrace, List<Frame>> stacks = new IdentityHashMap<>();

        List<Frame> of(IMCStackTrace trace) {
            if (trace == null) {
                return List.of();
            }
            List<Frame> frames = stacks.get(trace);
            if (frames == null) {
                if (stacks.size() >= MAX) {
                    stacks.clear();
                }
                frames = WaitSink.toFrames(trace);
                stacks.put(trace, frames);
            }
            return frames;
        }
    }

    static int index(List<ValueField> fields, String... ids) {
        for (String id : ids) {
            for (int i = 0; i < fields.size(); i++) {
                if (fields.get(i).getIdentifier().equals(id)) {
                    return i;
                }
            }
        }
        return -1;
    }

    static Object at(Object[] values, int i) {
        return i < 0 || i >= values.length ? null : values[i];
    }

    static long nanos(Object[] values, int i) {
        Object v = at(values, i);
        return v instanceof IQuantity ? ((IQuantity) v).clampedLongValueIn(UnitLookup.NANOSECOND) : 0;
    }

    static long epochNanos(Object[] values, int i) {
        Object v = at(values, i);
        return v instanceof IQuantity ? ((IQuantity) v).clampedLongValueIn(UnitLookup.EPOCH_NS) : 0;
    }

    static String string(Object[] values, int i) {
        Object v = at(values, i);
        return v == null ? null : v.toString();
    }

    /** A percentage field as a fraction (0..1), or -1 when absent. */
    static double fraction(Object[] values, int i) {
        Object v = at(values, i);
        if (v instanceof IQuantity) {
            return ((IQuantity) v).doubleValueIn(UnitLookup.PERCENT_UNITY);
        }
        return v instanceof Number ? ((Number) v).doubleValue() : -1;
    }

    static double doubleValue(Object[] values, int i, double otherwise) {
        Object v = at(values, i);
        if (v instanceof IQuantity) {
            return ((IQuantity) v).doubleValue();
        }
        if (v instanceof Number) {
            return ((Number) v).doubleValue();
        }
        return otherwise;
    }

    static long longValue(Object[] values, int i, long otherwise) {
        Object v = at(values, i);
        if (v instanceof IQuantity) {
            return ((IQuantity) v).longValue();
        }
        if (v instanceof Number) {
            return ((Number) v).longValue();
        }
        return otherwise;
    }
}
