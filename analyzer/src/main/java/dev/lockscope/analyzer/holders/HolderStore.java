package dev.lockscope.analyzer.holders;

import dev.lockscope.analyzer.classify.WaitClassifier;
import dev.lockscope.analyzer.model.Frame;
import dev.lockscope.analyzer.model.OwnerCpuSplit;
import dev.lockscope.analyzer.model.OwnerEventTypes;
import dev.lockscope.analyzer.model.WaitEvent;
import dev.lockscope.analyzer.model.WaitKind;
import dev.lockscope.analyzer.model.WaitSite;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;

/**
 * What the owners of locks did while others waited, collected as the recordings stream by: every thread's blocking
 * calls, its own waits and its samples (a {@link ThreadTimeline} each), the JVM's pauses, and the waits whose owner
 * is known (windows). Events of an owner may come before or after the wait they overlap, so both sides are kept until
 * the end, when {@link HolderJoin} matches them.
 *
 * <p>Memory is bounded: at most {@link #MAX_ITEMS} intervals, samples, pauses and windows together (about 40 bytes
 * each). Past it nothing more is kept, and the time of the earliest owner-side event left out is remembered: windows
 * ending after it are not profiled (their owners' events may be missing), and the report says how many. Stacks are
 * interned in one {@link StackTable}, bounded by its own node count.
 */
public final class HolderStore {
    public static final int MAX_ITEMS = 1_500_000;

    /** Interval event types, by the byte a timeline keeps. */
    static final List<String> INTERVAL_TYPES = List.of(OwnerEventTypes.THREAD_SLEEP, OwnerEventTypes.FILE_READ,
            OwnerEventTypes.FILE_WRITE, OwnerEventTypes.FILE_FORCE, OwnerEventTypes.SOCKET_READ,
            OwnerEventTypes.SOCKET_WRITE, WaitClassifier.MONITOR_ENTER, WaitClassifier.THREAD_PARK,
            WaitClassifier.MONITOR_WAIT, OwnerEventTypes.GC_PHASE_PAUSE, OwnerEventTypes.SAFEPOINT_BEGIN,
            OwnerEventTypes.EXECUTE_VM_OPERATION);

    private final int maxItems;
    final Names names = new Names();
    final StackTable stacks;
    /** Stack id and first application frame of the stack lists the reader hands over (it reuses them); bounded. */
    private final Map<List<Frame>, long[]> stackOfList = new IdentityHashMap<>();
    private static final int MAX_CACHED_STACKS = 16_384;
    final List<FileRecord> files = new ArrayList<>();
    final List<String> groupNames = new ArrayList<>();
    private final Map<List<Long>, Integer> agentGroups = new HashMap<>();
    private long items;
    private long itemsLeftOut;

    public HolderStore() {
        this(MAX_ITEMS);
    }

    /** A store that keeps at most {@code maxItems} (tests of the bound). */
    HolderStore(int maxItems) {
        this(maxItems, StackTable.MAX_NODES);
    }

    /** A store with its own bounds on items and stack nodes (tests of the bounds). */
    HolderStore(int maxItems, int maxStackNodes) {
        this.maxItems = maxItems;
        this.stacks = new StackTable(maxStackNodes);
    }

    /** One recording file's share of it all. */
    static final class FileRecord {
        final Map<Long, ThreadTimeline> threads = new HashMap<>();
        final Pauses pauses = new Pauses();
        final WaitWindows windows = new WaitWindows();
        /** Owner-side events from this time on may be missing (the memory bound was reached). */
        long cutoff = Long.MAX_VALUE;
        /** Per group: {waits, wait nanos} of lock waits that named no owner. */
        final Map<Integer, long[]> withoutOwner = new HashMap<>();
        /** Per group: {waits, wait nanos} of windows not kept (the memory bound was reached). */
        final Map<Integer, long[]> notKept = new HashMap<>();
        /** The agent's windows: what it measured of the owner (by window index), or why it did not. */
        final Map<Integer, OwnerCpuSplit> ownerCpu = new HashMap<>();
        final Map<Integer, String> ownerCpuMissing = new HashMap<>();
    }

    private FileRecord file(int index) {
        while (files.size() <= index) {
            files.add(new FileRecord());
        }
        return files.get(index);
    }

    /** A new group: the waits of one lock as the aggregator keys it, named as the report names that lock. */
    public synchronized int newGroup(String name) {
        groupNames.add(name);
        return groupNames.size() - 1;
    }

    /** The group of the agent's lock {@code lockId} in recording {@code file} (its LockWait windows). */
    public synchronized int agentGroup(int file, long lockId) {
        return agentGroups.computeIfAbsent(List.of((long) file, lockId), k -> {
            groupNames.add("the lockscope agent's lock " + lockId);
            return groupNames.size() - 1;
        });
    }

    /** The agent's group of {@code lockId} in {@code file}, or -1 when it wrote no window for it. */
    public synchronized int agentGroupIfAny(int file, long lockId) {
        return agentGroups.getOrDefault(List.of((long) file, lockId), -1);
    }

    /**
     * A wait of thread {@code e.threadId()} for lock group {@code group}: an interval of that thread (what it did while
     * owning something else), and for a monitor enter naming its previous owner, a window of that owner.
     */
    public synchronized void wait(int fileIndex, WaitEvent e, WaitKind kind, int group, String site) {
        OwnerState state = OwnerState.ofWait(kind);
        if (state == null || e.threadId() < 0) {
            return;
        }
        FileRecord f = file(fileIndex);
        long start = e.startNanos();
        long end = start + Math.max(0, e.durationNanos());
        if (room(f, start)) {
            f.threads.computeIfAbsent(e.threadId(), t -> new ThreadTimeline()).addInterval(start, end,
                    type(e.source()), state, names.id(site), (int) stack(e.frames())[0], group);
        }
        if (kind == WaitKind.LOCK && e.source().equals(WaitClassifier.MONITOR_ENTER)) {
            window(f, start, end, e.threadId(), e.previousOwnerId(), group);
        }
    }

    /**
     * A dev.lockscope.LockWait: a window of the agent's lock {@code lockId}, owned by {@code ownerThreadId}, with what
     * the agent measured of that owner ({@code ownerCpu}; null when not measured, {@code source} then says why).
     */
    public synchronized void agentWait(int fileIndex, long lockId, long startNanos, long durationNanos, long threadId,
                                       long ownerThreadId, OwnerCpuSplit ownerCpu, String source) {
        FileRecord f = file(fileIndex);
        int window = window(f, startNanos, startNanos + Math.max(0, durationNanos), threadId, ownerThreadId,
                agentGroup(fileIndex, lockId));
        if (window >= 0 && ownerCpu != null) {
            f.ownerCpu.put(window, new OwnerCpuSplit(ownerCpu.onCpu(), ownerCpu.preempted(),
                    ownerCpu.offCpuVoluntary(), interned(ownerCpu.source())));
        } else if (window >= 0) {
            f.ownerCpuMissing.put(window, interned(source == null ? "not written (an agent before this field)"
                    : source));
        }
    }

    /** The agent's source labels repeat event after event: one copy of each, a bounded few. */
    private final Map<String, String> labels = new HashMap<>();

    private String interned(String s) {
        if (s == null) {
            return null;
        }
        String known = labels.get(s);
        if (known == null && labels.size() < 256) {
            labels.put(s, s);
            known = s;
        }
        return known == null ? s : known;
    }

    /** Adds a window; returns its index in the file's windows, or -1 when it has no owner or was not kept. */
    private int window(FileRecord f, long start, long end, long waiter, long owner, int group) {
        if (owner < 0 || owner == waiter) {
            add(f.withoutOwner, group, end - start);
        } else if (room(null, start)) {
            f.windows.add(start, end, waiter, owner, group);
            return f.windows.size() - 1;
        } else {
            add(f.notKept, group, end - start);
        }
        return -1;
    }

    /** A jdk.ExecutionSample or jdk.NativeMethodSample of thread {@code threadId} with its stack (top first). */
    public synchronized void sample(int fileIndex, String type, long timeNanos, long threadId, List<Frame> stack) {
        FileRecord f = file(fileIndex);
        if (threadId >= 0 && room(f, timeNanos)) {
            OwnerState state = type.equals(OwnerEventTypes.NATIVE_SAMPLE) ? OwnerState.IN_NATIVE : OwnerState.RUNNING_JAVA;
            long[] s = stack(stack);
            f.threads.computeIfAbsent(threadId, t -> new ThreadTimeline()).addSample(timeNanos, state, (int) s[1],
                    (int) s[0], fileIndex);
        }
    }

    /** A blocking call (sleep, file or socket I/O) of thread {@code threadId} with its stack (top first). */
    public synchronized void blockingCall(int fileIndex, String type, long startNanos, long durationNanos,
                                          long threadId, List<Frame> stack) {
        FileRecord f = file(fileIndex);
        if (threadId >= 0 && room(f, startNanos)) {
            long[] s = stack(stack);
            f.threads.computeIfAbsent(threadId, t -> new ThreadTimeline()).addInterval(startNanos,
                    startNanos + Math.max(0, durationNanos), type(type), OwnerState.ofBlockingCall(type), (int) s[1],
                    (int) s[0], -1);
        }
    }

    /** {stack id, name id of its first application frame} of a stack given top frame first. */
    private long[] stack(List<Frame> topFirst) {
        long[] s = stackOfList.get(topFirst);
        if (s == null) {
            if (stackOfList.size() >= MAX_CACHED_STACKS) {
                stackOfList.clear();
            }
            s = new long[] {stacks.id(topFirst), names.id(WaitSite.of(topFirst))};
            stackOfList.put(topFirst, s);
        }
        return s;
    }

    /** A pause of every Java thread: a GC pause, a safepoint's VM operation, reaching a safepoint. */
    public synchronized void pause(int fileIndex, String type, String name, long startNanos, long durationNanos) {
        FileRecord f = file(fileIndex);
        if (room(f, startNanos)) {
            f.pauses.add(startNanos, startNanos + Math.max(0, durationNanos), names.id(name + " (" + type + ")"),
                    type(type));
        }
    }

    /** Groups with windows, or waits without an owner or not kept: those a join has something to say about. */
    public synchronized java.util.SortedSet<Integer> groupsWithWaits() {
        java.util.SortedSet<Integer> groups = new java.util.TreeSet<>();
        for (FileRecord f : files) {
            for (int i = 0; i < f.windows.size(); i++) {
                groups.add(f.windows.group(i));
            }
            groups.addAll(f.withoutOwner.keySet());
            groups.addAll(f.notKept.keySet());
        }
        return groups;
    }

    /**
     * What is left of one recording's store once its waits were joined: the tallies {@code byGroup} (made by a join
     * of this store), the groups' names, and the agent's groups by lock id. The events themselves are let go.
     */
    public synchronized RecordingTallies reduced(Map<Integer, HolderTally> byGroup) {
        Map<Long, Integer> agent = new java.util.LinkedHashMap<>();
        agentGroups.forEach((k, g) -> agent.put(k.get(1), g));
        return new RecordingTallies(List.copyOf(groupNames), Map.copyOf(byGroup), agent, itemsLeftOut);
    }

    /** Items past the memory bound, left out. */
    public synchronized long itemsLeftOut() {
        return itemsLeftOut;
    }

    /** Whether one more item fits; if not, an owner-side item ({@code f} given) moves its file's cut-off earlier. */
    private boolean room(FileRecord f, long start) {
        if (items < maxItems) {
            items++;
            return true;
        }
        itemsLeftOut++;
        if (f != null) {
            f.cutoff = Math.min(f.cutoff, start);
        }
        return false;
    }

    private static void add(Map<Integer, long[]> m, int group, long nanos) {
        long[] v = m.computeIfAbsent(group, g -> new long[2]);
        v[0]++;
        v[1] += nanos;
    }

    static byte type(String name) {
        int i = INTERVAL_TYPES.indexOf(name);
        return (byte) (i < 0 ? INTERVAL_TYPES.indexOf(WaitClassifier.THREAD_PARK) : i);
    }

    /**
     * Matches windows with their owners' events. {@code jvmOfFile} maps each recording to its JVM (rotated files of one
     * JVM share threads); {@code samplePeriods[file]} holds the sampling periods of jdk.ExecutionSample and
     * jdk.NativeMethodSample in that recording, in nanoseconds.
     */
    public synchronized HolderJoin join(int[] jvmOfFile, long[][] samplePeriods) {
        return new HolderJoin(this, jvmOfFile, samplePeriods);
    }
}
