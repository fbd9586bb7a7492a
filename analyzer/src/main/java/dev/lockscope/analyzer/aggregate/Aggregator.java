package dev.lockscope.analyzer.aggregate;

import dev.lockscope.analyzer.classify.WaitClassifier;
import dev.lockscope.analyzer.holders.HolderProfiler;
import dev.lockscope.analyzer.holders.HolderStore;
import dev.lockscope.analyzer.holders.HolderTallies;
import dev.lockscope.analyzer.holders.HolderTally;
import dev.lockscope.analyzer.model.OwnerEventTypes;
import dev.lockscope.analyzer.holders.RecordingTallies;
import dev.lockscope.analyzer.holders.SettingDurations;
import dev.lockscope.analyzer.model.AgentSummary;
import dev.lockscope.analyzer.model.Frame;
import dev.lockscope.analyzer.model.OwnerCpuSplit;
import dev.lockscope.analyzer.model.WaitEvent;
import dev.lockscope.analyzer.model.WaitKind;
import dev.lockscope.analyzer.model.WaitSite;
import dev.lockscope.analyzer.read.ChunkLayout;
import dev.lockscope.analyzer.read.RecordingVisitor;
import dev.lockscope.events.LockSummary;
import dev.lockscope.events.OwnActivity;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.IdentityHashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.IntUnaryOperator;

/**
 * Folds the waits of one or more recordings into per-lock statistics. Recordings of the same JVM (same pid and
 * start time, e.g. rotated files) share lock instances; different JVMs never do.
 *
 * <p>Two uses: one aggregator reads recordings ({@link #visitorFor}), keeping what their lock owners did until the
 * end; or, for many recordings, each is read into its own aggregator, {@link #reduce reduced} once read (its owners'
 * events joined inside it and let go, its histograms packed), and {@link #absorb absorbed} by a {@link #merging()}
 * aggregator in the recordings' order, whose memory does not grow with their number beyond what each lock keeps
 * (see {@link StackBudget}).
 */
public final class Aggregator {
    /** Past this many distinct locks, new instances are folded per class and site (memory stays bounded). */
    public static final int MAX_LOCKS = 100_000;
    private static final int MAX_CACHED_SITES = 65_536;

    private final Map<LockKey, LockStats> locks = new LinkedHashMap<>();
    /** The agent's locks, by file and lock id (the agent's identity hash of the synchronizer). */
    private final Map<List<Object>, AgentLockStats> agentLocks = new LinkedHashMap<>();
    /** The same locks by file and lock id only, the key LockWait events carry. */
    private final Map<List<Object>, List<AgentLockStats>> agentLocksById = new HashMap<>();
    /** Waiting sites seen in the agent's LockWait events before the lock's first summary. */
    private final Map<List<Object>, List<String>> pendingWaitSites = new HashMap<>();
    private final List<RecordingFacts> recordings = new ArrayList<>();
    /** The agent's adapt= status lines, each distinct text once (a status event repeats every second). */
    private final java.util.Set<String> adaptedSites = new java.util.LinkedHashSet<>();
    private final Map<String, Integer> jvmIds = new HashMap<>();
    /**
     * Sites of the stacks seen lately, by the reader's stack instance (readers hand out one frame list per distinct
     * stack): naming the site once per stack instead of once per event. Cleared when full, so bounded.
     */
    private final Map<List<Frame>, String> siteByStack = new IdentityHashMap<>();
    private long foldedInstances;
    private final SectionIndex sections = new SectionIndex();
    private final EarlyWaits earlyWaits = new EarlyWaits();
    /** Whether {@link #settle} has run since the last recording was read or absorbed. */
    private boolean settled;
    /**
     * What lock owners did while others waited: kept until the end, when it is joined with the waits. Null once
     * reduced, and in a merge.
     */
    private HolderStore holders = new HolderStore();
    /** A reduced recording's joins: its tallies per group. */
    private RecordingTallies reducedTallies;
    /** A merge's joins: every recording's tallies, per group renumbered here. */
    private HolderTallies mergedTallies;
    /** A merge's agent groups by recording and lock id. */
    private final Map<List<Long>, Integer> mergedAgentGroups = new HashMap<>();
    private long mergedItemsLeftOut;
    private int recordingsPastHolderBound;
    /** A merge's bound on the stack-tree nodes of all its locks together. */
    private int stackNodeBudget = StackBudget.MAX_NODES;
    /** Why the reader could not give the owners' events, or null when it did. */
    private String ownerEventsNotRead = "not read";

    /** An aggregator that reads nothing itself but {@link #absorb absorbs} reduced recordings, in order. */
    public static Aggregator merging() {
        Aggregator a = new Aggregator();
        a.holders = null;
        a.mergedTallies = new HolderTallies();
        return a;
    }

    /** A merge with another bound on its stack-tree nodes (tests of the bound). */
    static Aggregator merging(int stackNodeBudget) {
        Aggregator a = merging();
        a.stackNodeBudget = stackNodeBudget;
        return a;
    }

    /** A visitor for one recording; read recordings one after another. */
    public RecordingVisitor visitorFor(ChunkLayout layout) {
        if (holders == null) {
            throw new IllegalStateException("a reduced or merging aggregator reads no recording");
        }
        RecordingFacts facts = new RecordingFacts(layout);
        recordings.add(facts);
        settled = false;
        int fileIndex = recordings.size() - 1;
        String recording = layout.path().getFileName().toString();
        return new RecordingVisitor() {
            @Override
            public void waitEvent(WaitEvent event) {
                synchronized (Aggregator.this) {
                    if (isLockscopeOwnThread(event)) {
                        ownThreadWaits++;
                        return;
                    }
                    if (isLockscopeOwned(event)) {
                        lockscopeOwnedWaits++;
                        lockscopeOwnedNanos += event.durationNanos();
                        return;
                    }
                    facts.countWaitEvent(event.source(), event.threadId());
                    if (event.startNanos() < layout.startNanos() && earlyWaits.hasRoom()) {
                        holdEarly(fileIndex, event, recording, layout.startNanos());
                    } else {
                        add(fileIndex, clipToRecording(event, facts), recording);
                    }
                }
            }

            @Override
            public void threadCount(long timeNanos, long activeThreads) {
                facts.threadCount(timeNanos, activeThreads);
            }

            @Override
            public void cpuLoad(long timeNanos, double jvmUser, double jvmSystem) {
                facts.cpuLoad(timeNanos, jvmUser, jvmSystem);
            }

            @Override
            public void cpuCount(long hwThreads) {
                facts.cpuCount(hwThreads);
            }

            @Override
            public void setting(String eventType, String name, String value) {
                facts.setting(eventType, name, value);
            }

            @Override
            public void agentSummary(AgentSummary summary) {
                synchronized (Aggregator.this) {
                    facts.countWaitEvent(LockSummary.NAME, -1);
                    facts.agentVirtualWaits(Math.max(0, summary.virtualWaits()));
                    List<Object> key = List.of(fileIndex, summary.lockId(), String.valueOf(summary.lockClass()));
                    AgentLockStats a = agentLocks.get(key);
                    if (a == null) {
                        a = new AgentLockStats(fileIndex, summary);
                        agentLocks.put(key, a);
                        agentLocksById.computeIfAbsent(List.of(fileIndex, summary.lockId()), k -> new ArrayList<>())
                                .add(a);
                        List<String> pending = pendingWaitSites.remove(List.of(fileIndex, summary.lockId()));
                        if (pending != null) {
                            pending.forEach(a::addWaitingSite);
                        }
                    }
                    a.add(summary);
                }
            }

            @Override
            public void virtualThreadSeen(long javaThreadId, String eventType) {
                facts.virtualThreadSeen(javaThreadId, eventType);
            }

            @Override
            public void carrierThreadSeen(long javaThreadId) {
                facts.carrierThreadSeen(javaThreadId);
            }

            @Override
            public void agentVirtualThreadMonitors(String status) {
                facts.agentVirtualThreadMonitors(status);
            }

            @Override
            public void agentAdaptedSites(String sites) {
                synchronized (Aggregator.this) {
                    adaptedSites.add(sites);
                }
            }

            @Override
            public void agentWaitSite(long lockId, String waitingSite) {
                synchronized (Aggregator.this) {
                    List<AgentLockStats> known = agentLocksById.get(List.of(fileIndex, lockId));
                    if (known != null) {
                        known.forEach(a -> a.addWaitingSite(waitingSite));
                    } else {
                        List<String> l = pendingWaitSites.computeIfAbsent(List.of(fileIndex, lockId), k -> new ArrayList<>());
                        if (l.size() < AgentLockStats.MAX_WAITING_SITES && !l.contains(waitingSite)) {
                            l.add(waitingSite);
                        }
                    }
                }
            }

            @Override
            public void agentLockWait(long lockId, long startNanos, long durationNanos, long threadId,
                                      long ownerThreadId, OwnerCpuSplit ownerCpu, String ownerCpuSource) {
                holders.agentWait(fileIndex, lockId, startNanos, durationNanos, threadId, ownerThreadId, ownerCpu,
                        ownerCpuSource);
            }

            @Override
            public void ownerSample(String type, long timeNanos, long threadId, List<Frame> stack) {
                holders.sample(fileIndex, type, timeNanos, threadId, stack);
            }

            @Override
            public void blockingCall(String type, long startNanos, long durationNanos, long threadId,
                                     List<Frame> stack) {
                holders.blockingCall(fileIndex, type, startNanos, durationNanos, threadId, stack);
            }

            @Override
            public void pause(String type, String name, long startNanos, long durationNanos) {
                holders.pause(fileIndex, type, name, startNanos, durationNanos);
            }

            @Override
            public void criticalSection(String className, String method, int line, boolean readOnly) {
                sections.add(className, method, line, readOnly);
            }

            @Override
            public void garbageCollection(long endNanos) {
                facts.garbageCollection(endNanos);
            }

            @Override
            public void jvm(String jvmName, String jvmVersion, long pid, long jvmStartNanos) {
                facts.jvm(jvmName, jvmVersion, pid, jvmStartNanos);
            }
        };
    }

    /**
     * A wait that began before the recording started counts only from the recording's start: its earlier part is
     * outside the time every share is a fraction of (a thread idle for an hour before a 60 s recording would otherwise
     * read as 6000% of it). Counted in {@code facts} for the report's note.
     */
    static WaitEvent clipToRecording(WaitEvent e, RecordingFacts facts) {
        WaitEvent clipped = EarlyWaits.clippedFrom(e, facts.layout().startNanos());
        if (clipped != e) {
            facts.clipped(e.durationNanos() - clipped.durationNanos());
        }
        return clipped;
    }

    private void add(int fileIndex, WaitEvent e, String recording) {
        WaitKind kind = WaitClassifier.classify(e);
        String site = siteOf(e.frames());
        LockStats s = statsFor(fileIndex, e, kind, site);
        s.add(e, recording, site);
        holders.wait(fileIndex, e, kind, s.ownGroup(), site);
    }

    /**
     * A wait begun before its recording: its owner's part inside the recording is joined as read, its count waits
     * until every recording is read ({@link EarlyWaits}).
     */
    private void holdEarly(int fileIndex, WaitEvent e, String recording, long recordingStart) {
        WaitKind kind = WaitClassifier.classify(e);
        String site = siteOf(e.frames());
        LockStats s = statsFor(fileIndex, e, kind, site);
        holders.wait(fileIndex, EarlyWaits.clippedFrom(e, recordingStart), kind, s.ownGroup(), site);
        earlyWaits.hold(s.key(), e, recording, site);
    }

    /**
     * Once every recording is read, says for each what only the recordings before it in its JVM's span know
     * ({@link RecordingSpans}): its settings the JVM wrote only at the start, and how much of each wait begun before it
     * counts ({@link EarlyWaits}: whole where the recording before it covers the wait's start, else from its own
     * start). Again, with no recording read since, does nothing.
     */
    public synchronized void settle() {
        if (settled) {
            return;
        }
        settled = true;
        EarlyWaits.Recordings read = new EarlyWaits.Recordings() {
            @Override
            public int count() {
                return recordings.size();
            }

            @Override
            public int jvmOf(int file) {
                return Aggregator.this.jvmOf(file);
            }

            @Override
            public long startNanos(int file) {
                return recordings.get(file).layout().startNanos();
            }

            @Override
            public long endNanos(int file) {
                return recordings.get(file).layout().endNanos();
            }

            @Override
            public void clipped(int file, long nanos) {
                recordings.get(file).clipped(nanos);
            }
        };
        RecordingSpans spans = new RecordingSpans(read);
        for (int file : spans.inOrder()) {
            if (spans.previous(file) >= 0) {
                recordings.get(file).inheritSettings(recordings.get(spans.previous(file)));
            }
        }
        earlyWaits.settle(spans, read, (key, wait, recording, site) -> locks.computeIfAbsent(key, LockStats::new)
                .add(wait, recording, site));
        if (mergedTallies != null && recordings.size() > 1) {
            StackBudget.trim(locks.values(), k -> jvmOf(k.jvm()), stackNodeBudget); // their stacks are in the bound too
        }
    }

    /** The statistics of the lock (or place of waiting) {@code e} is a wait for, made on its first wait. */
    private LockStats statsFor(int fileIndex, WaitEvent e, WaitKind kind, String site) {
        // Locks are reported per instance (that is what one fixes); waits for a signal per class and site, since
        // e.g. every Thread.join waits on a different Thread and one row each would bury the picture.
        boolean instance = e.address() != 0 && kind == WaitKind.LOCK;
        String family = e.source().equals(WaitClassifier.THREAD_PARK) ? "j.u.c."
                : e.source().equals(WaitClassifier.VIRTUAL_THREAD_PINNED) ? "pinned" : "monitor";
        LockKey key = instance
                ? new LockKey(fileIndex, kind, family, e.lockClass(), e.address(), null)
                : new LockKey(fileIndex, kind, family, e.lockClass(), 0, site);
        LockStats s = locks.get(key);
        if (s == null) {
            if (locks.size() >= MAX_LOCKS && instance) {
                foldedInstances++;
                key = new LockKey(fileIndex, kind, family, e.lockClass(), 0, site);
                s = locks.get(key);
            }
            if (s == null) {
                s = new LockStats(key);
                s.holderGroup(holders.newGroup(groupName(key)));
                locks.put(key, s);
            }
        }
        return s;
    }

    /** How a lock key is named where no report row shows it (e.g. a lock an owner waited for, outside the top). */
    private static String groupName(LockKey k) {
        String cls = k.lockClass() == null ? "(no blocker)" : k.lockClass();
        return k.family() + " " + (k.address() != 0 ? cls + "@0x" + Long.toHexString(k.address()) : cls + " at " + k.site());
    }

    /** Whether the reader gave the owners' events (samples, blocking calls, pauses): null if so, else why not. */
    public synchronized void ownerEventsNotRead(String why) {
        ownerEventsNotRead = why;
    }

    /** Null when the owners' events were read, else why not. */
    public synchronized String ownerEventsNotRead() {
        return ownerEventsNotRead;
    }

    /** Items the holder profile left out past its memory bound. */
    public synchronized long holderItemsLeftOut() {
        return holders != null ? holders.itemsLeftOut()
                : reducedTallies != null ? reducedTallies.itemsLeftOut() : mergedItemsLeftOut;
    }

    /** Recordings whose holder profile reached its memory bound (each recording has its own when many are read). */
    public synchronized int recordingsPastHolderBound() {
        return holders != null ? (holders.itemsLeftOut() > 0 ? 1 : 0) : recordingsPastHolderBound;
    }

    /** The agent's group of lock {@code lockId} in recording {@code file}, or -1 (no LockWait window for it). */
    public synchronized int agentHolderGroup(int file, long lockId) {
        if (holders != null) {
            return holders.agentGroupIfAny(file, lockId);
        }
        return mergedAgentGroups.getOrDefault(List.of((long) file, lockId), -1);
    }

    /** The groups of this reading aggregator with waits to join (see {@link HolderStore#groupsWithWaits}). */
    public synchronized java.util.SortedSet<Integer> holderGroupsWithWaits() {
        return holders.groupsWithWaits();
    }

    /** Indices of the recordings of the same JVM as recording {@code file} (rotated files share locks and threads). */
    public synchronized List<Integer> filesOfSameJvm(int file) {
        List<Integer> l = new ArrayList<>();
        for (int i = 0; i < recordings.size(); i++) {
            if (jvmOf(i) == jvmOf(file)) {
                l.add(i);
            }
        }
        return l;
    }

    /**
     * Matches the waits with known owners to what the owners did; call once, after every recording was read. Each
     * sample counts as its recording's sampling period ({@code period} setting of the sample's event type), or the
     * JDK's default of 20 ms where the recording does not say.
     */
    public synchronized HolderProfiler holderJoin() {
        if (holders == null) {
            if (mergedTallies == null) {
                throw new IllegalStateException("a reduced recording was joined already");
            }
            return mergedTallies;
        }
        int[] jvm = new int[recordings.size()];
        long[][] periods = new long[recordings.size()][2];
        for (int i = 0; i < recordings.size(); i++) {
            jvm[i] = jvmOf(i);
            periods[i][0] = samplePeriod(recordings.get(i), OwnerEventTypes.EXECUTION_SAMPLE);
            periods[i][1] = samplePeriod(recordings.get(i), OwnerEventTypes.NATIVE_SAMPLE);
        }
        return holders.join(jvm, periods);
    }

    /**
     * Once its one recording is read and {@code tallies} were joined from it ({@link #holderJoin}, per group): lets the
     * owners' events go and keeps the tallies, packs the locks' histograms and forgets what only reading needed.
     * What is left is what {@link #absorb} takes.
     */
    public synchronized void reduce(Map<Integer, HolderTally> tallies) {
        if (holders == null || recordings.size() != 1) {
            throw new IllegalStateException("reduce an aggregator that read one recording, once");
        }
        reducedTallies = holders.reduced(tallies);
        holders = null;
        siteByStack.clear();
        pendingWaitSites.clear();
        agentLocksById.clear();
        locks.values().forEach(LockStats::pack);
        recordings.get(0).compact();
    }

    /** Whether it keeps the owners' events it read (a reading aggregator until {@link #reduce reduced}). */
    public synchronized boolean keepsOwnerEvents() {
        return holders != null;
    }

    /** Whether it was reduced: it holds no owner events, only their tallies. */
    public synchronized boolean reduced() {
        return reducedTallies != null;
    }

    /**
     * Takes over a {@link #reduce reduced} recording as the next recording of this merge: its locks, the agent's
     * locks, its tallies, its counts. The part must not be used afterwards. Past {@link #MAX_LOCKS} locks, a new
     * instance is folded into its class and site, as when reading; past {@link StackBudget#MAX_NODES} stack-tree
     * nodes in all, the least waited-for locks' stacks are let go.
     */
    public synchronized void absorb(Aggregator part) {
        if (mergedTallies == null || part.reducedTallies == null) {
            throw new IllegalStateException("absorb reduced recordings into a merging aggregator");
        }
        synchronized (part) {
            recordings.add(part.recordings.get(0));
            settled = false;
            int file = recordings.size() - 1;
            RecordingTallies t = part.reducedTallies;
            int[] groups = new int[t.groupNames().size()];
            for (int g = 0; g < groups.length; g++) {
                groups[g] = mergedTallies.newGroup(t.groupNames().get(g));
            }
            IntUnaryOperator groupMap = g -> groups[g];
            mergedTallies.addAll(t, groupMap);
            t.agentGroups().forEach((lockId, g) -> mergedAgentGroups.put(List.of((long) file, lockId), groups[g]));
            mergedItemsLeftOut += t.itemsLeftOut();
            recordingsPastHolderBound += t.itemsLeftOut() > 0 ? 1 : 0;
            Map<LockKey, LockKey> keys = new HashMap<>();
            for (LockStats s : part.locks.values()) {
                LockKey k = s.key();
                LockStats mine = s.rekeyed(new LockKey(file, k.kind(), k.family(), k.lockClass(), k.address(),
                        k.site()), groupMap);
                if (locks.size() >= MAX_LOCKS && k.address() != 0) {
                    foldedInstances += mine.count();
                    LockKey folded = new LockKey(file, k.kind(), k.family(), k.lockClass(), 0,
                            StackBudget.topSite(mine));
                    locks.computeIfAbsent(folded, LockStats::new).addAll(mine);
                    keys.put(k, folded);
                } else {
                    locks.put(mine.key(), mine);
                    keys.put(k, mine.key());
                }
            }
            earlyWaits.takeOver(part.earlyWaits, keys::get);
            foldedInstances += part.foldedInstances;
            for (AgentLockStats a : part.agentLocks.values()) {
                a.renumber(file);
                agentLocks.put(List.of(file, a.lockId(), String.valueOf(a.lockClass())), a);
            }
            adaptedSites.addAll(part.adaptedSites);
            sections.addAll(part.sections);
            ownThreadWaits += part.ownThreadWaits;
            lockscopeOwnedWaits += part.lockscopeOwnedWaits;
            lockscopeOwnedNanos += part.lockscopeOwnedNanos;
        }
        if (recordings.size() > 1) {
            // One recording is reported whole, as it was read; the bound is for what many add up to.
            StackBudget.trim(locks.values(), k -> jvmOf(k.jvm()), stackNodeBudget);
        }
    }

    /** Stack-tree nodes of every lock kept (what {@link StackBudget} bounds). */
    public synchronized long stackNodes() {
        long n = 0;
        for (LockStats s : locks.values()) {
            n += s.stackNodes();
        }
        return n;
    }

    /** The JDK's default sampling period (default.jfc and profile.jfc both), where a recording does not say its own. */
    public static final long DEFAULT_SAMPLE_PERIOD_NANOS = 20_000_000;

    public static long samplePeriod(RecordingFacts f, String type) {
        long p = SettingDurations.nanos(f.setting(type, "period"));
        return p > 0 ? p : DEFAULT_SAMPLE_PERIOD_NANOS;
    }

    private String siteOf(List<Frame> frames) {
        String site = siteByStack.get(frames);
        if (site == null) {
            if (siteByStack.size() >= MAX_CACHED_SITES) {
                siteByStack.clear();
            }
            site = WaitSite.of(frames);
            siteByStack.put(frames, site);
        }
        return site;
    }

    /** Per-lock statistics, with recordings of the same JVM merged (the waits begun before their recording settled). */
    public synchronized List<LockStats> locks() {
        settle();
        return locksAsRead();
    }

    /**
     * As {@link #locks()}, without settling the waits begun before their recording: a recording about to be reduced
     * and merged leaves that to the merge, which knows the JVM's other recordings (such a wait's lock may show no wait).
     */
    public synchronized List<LockStats> locksAsRead() {
        Map<LockKey, List<LockStats>> byJvm = new HashMap<>();
        for (LockStats s : locks.values()) {
            LockKey k = s.key();
            LockKey jvmKey = new LockKey(jvmOf(k.jvm()), k.kind(), k.family(), k.lockClass(), k.address(), k.site());
            byJvm.computeIfAbsent(jvmKey, x -> new ArrayList<>()).add(s);
        }
        List<LockStats> out = new ArrayList<>(byJvm.size());
        byJvm.forEach((jvmKey, parts) -> {
            if (parts.size() == 1 && parts.get(0).key().equals(jvmKey)) {
                out.add(parts.get(0));
            } else {
                LockStats m = new LockStats(jvmKey);
                parts.forEach(m::addAll);
                out.add(m);
            }
        });
        Map<Integer, long[]> gcs = new HashMap<>();
        java.util.Set<Integer> withGcEvents = new java.util.HashSet<>();
        for (int i = 0; i < recordings.size(); i++) {
            int jvm = jvmOf(i);
            if (recordings.get(i).gcEventsRecordable()) {
                withGcEvents.add(jvm);
            }
            long[] mine = recordings.get(i).gcEnds().stream().mapToLong(Long::longValue).toArray();
            long[] before = gcs.getOrDefault(jvm, new long[0]);
            long[] both = java.util.Arrays.copyOf(before, before.length + mine.length);
            System.arraycopy(mine, 0, both, before.length, mine.length);
            java.util.Arrays.sort(both);
            gcs.put(jvm, both);
        }
        java.util.Set<Integer> withoutGcEvents = new java.util.HashSet<>();
        for (int i = 0; i < recordings.size(); i++) {
            if (!withGcEvents.contains(jvmOf(i))) {
                withoutGcEvents.add(jvmOf(i));
            }
        }
        List<LockStats> merged = MovedLockMerger.merge(out, gcs, withoutGcEvents);
        addressMergeNotes = SuccessionNotes.of(merged, withoutGcEvents, recordings, this::jvmOf);
        return merged;
    }

    private List<String> addressMergeNotes = List.of();

    /**
     * What the last {@link #locks()} merged without GC events to go by: one note per JVM whose rows were merged by
     * succession, saying why and how many.
     */
    public synchronized List<String> addressMergeNotes() {
        return addressMergeNotes;
    }

    /**
     * The JVM of recording {@code fileIndex}: the index of the first recording of the same JVM (same pid and start
     * time), or its own index where the recording does not say.
     */
    public synchronized int jvmOfRecording(int fileIndex) {
        return jvmOf(fileIndex);
    }

    private int jvmOf(int fileIndex) {
        RecordingFacts f = recordings.get(fileIndex);
        if (f.pid() < 0) {
            return fileIndex;
        }
        String jvm = f.pid() + "@" + f.jvmStartNanos();
        Integer first = jvmIds.get(jvm);
        if (first == null || first > fileIndex) {
            // The first recording of its JVM whichever recording is asked about first (a JVM's number must not
            // depend on the order of the questions): the recordings before this one, in order.
            for (int i = 0; i <= fileIndex; i++) {
                RecordingFacts r = recordings.get(i);
                if (r.pid() == f.pid() && r.jvmStartNanos() == f.jvmStartNanos()) {
                    jvmIds.put(jvm, i);
                    return i;
                }
            }
        }
        return first;
    }

    /** Waits of lockscope's own threads (agent, probe), left out of the report. */
    private long ownThreadWaits;
    /** Waits of the program for a monitor one of lockscope's threads held: the agent's cost, left out of the locks. */
    private long lockscopeOwnedWaits;
    private long lockscopeOwnedNanos;

    /**
     * The agent's and the probe's threads park too (duty cycles, streams), and the agent's code runs on borrowed
     * threads (JFR's periodic thread runs its summary hook): not the program's waits. The agent's own rule
     * ({@link OwnActivity}): threads named lockscope-*, stacks with lockscope's agent or probe code.
     */
    static boolean isLockscopeOwnThread(WaitEvent e) {
        if (OwnActivity.isOwnThread(e.threadName())) {
            return true;
        }
        for (dev.lockscope.analyzer.model.Frame f : e.frames()) {
            if (OwnActivity.isOwnCode(f.className())) {
                return true;
            }
        }
        return false;
    }

    /**
     * A wait for a monitor that one of lockscope's threads held (the JDK's previousOwner): the agent's cost to the
     * program, which the agent leaves out of that lock's figures too (counted in its AgentStatus agentOwnedWaits).
     */
    static boolean isLockscopeOwned(WaitEvent e) {
        return OwnActivity.isOwnThread(e.previousOwner());
    }

    /** Waits of the program for a monitor one of lockscope's threads held, and their time, left out of the report. */
    public synchronized long[] lockscopeOwnedWaits() {
        return new long[] {lockscopeOwnedWaits, lockscopeOwnedNanos};
    }

    public synchronized long ownThreadWaits() {
        return ownThreadWaits;
    }

    /** Distinct {@code adaptedSites} texts of the agent's status events, in order seen. */
    public synchronized List<String> adaptedSites() {
        return new ArrayList<>(adaptedSites);
    }

    /**
     * The agent's locks, in no particular order (empty for recordings made without the agent): one per lock and JVM,
     * its recordings' summaries added up and numbered as the JVM's rows are ({@link #locks()}).
     */
    public synchronized List<AgentLockStats> agentLocks() {
        Map<List<Object>, List<AgentLockStats>> byJvm = new LinkedHashMap<>();
        for (AgentLockStats a : agentLocks.values()) {
            byJvm.computeIfAbsent(List.of(jvmOf(a.jvm()), a.lockId(), String.valueOf(a.lockClass())), k -> new ArrayList<>())
                    .add(a);
        }
        List<AgentLockStats> out = new ArrayList<>(byJvm.size());
        byJvm.forEach((key, parts) -> {
            int jvm = (Integer) key.get(0);
            if (parts.size() == 1 && parts.get(0).jvm() == jvm) {
                out.add(parts.get(0));
            } else {
                parts.sort(java.util.Comparator.comparingInt(AgentLockStats::jvm));
                out.add(AgentLockStats.merged(jvm, parts));
            }
        });
        return out;
    }

    /** The agent's read-only classification of acquire sites (empty without dev.lockscope.CriticalSection events). */
    public SectionIndex sections() {
        return sections;
    }

    public List<RecordingFacts> recordings() {
        return recordings;
    }

    /** Lock instances folded into per-site rows because {@link #MAX_LOCKS} was reached. */
    public synchronized long foldedInstances() {
        return foldedInstances;
    }
}
