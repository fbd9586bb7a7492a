package dev.lockscope.analyzer.holders;

import static org.assertj.core.api.Assertions.assertThat;

import dev.lockscope.analyzer.model.Frame;
import dev.lockscope.analyzer.model.OwnerCpuSplit;
import dev.lockscope.analyzer.model.OwnerEventTypes;
import dev.lockscope.analyzer.model.WaitEvent;
import dev.lockscope.analyzer.model.WaitKind;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Consumer;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

/** The join of waits with their owners' events, on hand-built events with known overlaps (times in ms). */
class HolderJoinTest {
    static final long MS = 1_000_000;
    static final long PERIOD = 20 * MS;
    static final long WAITER = 1;
    static final long OWNER = 2;

    /** A monitor enter of the waiter, [start, end) ms, naming the owner as previous owner. */
    static WaitEvent enter(long startMs, long endMs, long waiter, long owner, long address) {
        return new WaitEvent("jdk.JavaMonitorEnter", startMs * MS, (endMs - startMs) * MS, waiter, "t" + waiter,
                "a.Lock", address, owner < 0 ? null : "t" + owner, List.of(new Frame("a.App", "enter", 1)), owner);
    }

    /** A stack from frames written {@code pkg.Class.method:line}, top first. */
    static List<Frame> stack(String... topFirst) {
        List<Frame> l = new java.util.ArrayList<>();
        for (String f : topFirst) {
            int colon = f.lastIndexOf(':');
            int dot = f.lastIndexOf('.', colon);
            l.add(new Frame(f.substring(0, dot), f.substring(dot + 1, colon), Integer.parseInt(f.substring(colon + 1))));
        }
        return l;
    }

    static HolderJoin join(HolderStore s, int files) {
        int[] jvm = new int[files];
        long[][] periods = new long[files][];
        for (int i = 0; i < files; i++) {
            periods[i] = new long[] {PERIOD, PERIOD};
        }
        return s.join(jvm, periods);
    }

    static Map<OwnerState, Long> msByState(HolderTally t) {
        return t.states().stream().collect(Collectors.toMap(StateTime::state, s -> s.nanos() / MS));
    }

    /** The owner's doings during a 100 ms wait: every kind of event, each with a known overlap. */
    static void ownerEvents(HolderStore s, int lock) {
        s.blockingCall(0, OwnerEventTypes.FILE_FORCE, 10 * MS, 30 * MS, OWNER,
                stack("sun.nio.ch.FileChannelImpl.force:400", "a.App.flush:50", "a.App.run:5"));
        s.sample(0, OwnerEventTypes.EXECUTION_SAMPLE, 50 * MS, OWNER, stack("a.App.compute:42", "a.App.run:6"));
        s.sample(0, OwnerEventTypes.EXECUTION_SAMPLE, 20 * MS, OWNER, stack("a.App.compute:42")); // inside the force
        s.pause(0, OwnerEventTypes.GC_PHASE_PAUSE, "GC Pause", 60 * MS, 10 * MS);
        s.sample(0, OwnerEventTypes.EXECUTION_SAMPLE, 65 * MS, OWNER, stack("a.App.compute:42")); // inside the pause
        s.blockingCall(0, OwnerEventTypes.THREAD_SLEEP, 80 * MS, 40 * MS, OWNER, stack("a.App.nap:7")); // past the wait's end
        s.sample(0, OwnerEventTypes.EXECUTION_SAMPLE, 130 * MS, OWNER, stack("a.App.compute:42")); // after the wait
    }

    @Test
    void eachStateGetsItsOverlapWhicheverComesFirst() {
        for (boolean ownerFirst : List.of(true, false)) {
            HolderStore s = new HolderStore();
            int lock = s.newGroup("monitor a.Lock@0x10");
            if (ownerFirst) {
                ownerEvents(s, lock);
            }
            s.wait(0, enter(0, 100, WAITER, OWNER, 0x10), WaitKind.LOCK, lock, "a.App.enter:1");
            if (!ownerFirst) {
                ownerEvents(s, lock);
            }
            HolderTally t = join(s, 1).profile(Set.of(lock), Set.of(lock));
            assertThat(t.waits()).isEqualTo(1);
            assertThat(t.ownedNanos()).isEqualTo(100 * MS);
            // Force 10-40, one sample (50; the one at 20 is in the force, 65 in the pause, 130 after), GC 60-70,
            // sleep 80-100 of its 80-120: the rest unknown.
            assertThat(msByState(t)).containsExactlyInAnyOrderEntriesOf(Map.of(OwnerState.FILE_IO, 30L,
                    OwnerState.RUNNING_JAVA, 20L, OwnerState.GC_OR_SAFEPOINT, 10L, OwnerState.SLEEPING, 20L,
                    OwnerState.UNKNOWN, 20L));
            StateTime io = t.states().stream().filter(x -> x.state() == OwnerState.FILE_IO).findFirst().orElseThrow();
            assertThat(io.frames()).containsExactly(new NamedTime("a.App.flush:50", 1, 30 * MS));
            assertThat(io.events()).containsExactly(new NamedTime(OwnerEventTypes.FILE_FORCE, 1, 30 * MS));
            StateTime cpu = t.states().stream().filter(x -> x.state() == OwnerState.RUNNING_JAVA).findFirst().orElseThrow();
            assertThat(cpu.samples()).isEqualTo(1);
            assertThat(cpu.frames()).containsExactly(new NamedTime("a.App.compute:42", 1, 20 * MS));
            StateTime gc = t.states().stream().filter(x -> x.state() == OwnerState.GC_OR_SAFEPOINT).findFirst()
                    .orElseThrow();
            assertThat(gc.frames().get(0).name()).isEqualTo("GC Pause (jdk.GCPhasePause)");
        }
    }

    @Test
    void theOwnersStacksCarryEachStatesTimeAndAddUpToTheHeldTime() {
        HolderStore s = new HolderStore();
        int lock = s.newGroup("monitor a.Lock@0x10");
        s.wait(0, enter(0, 100, WAITER, OWNER, 0x10), WaitKind.LOCK, lock, "a.App.enter:1");
        ownerEvents(s, lock);
        HolderTally t = join(s, 1).profile(Set.of(lock), Set.of(lock));
        List<OwnerStack> stacks = t.stacks();
        assertThat(stacks.stream().mapToLong(OwnerStack::nanos).sum()).isEqualTo(t.ownedNanos());
        OwnerStack force = stacks.stream().filter(x -> x.state() == OwnerState.FILE_IO).findFirst().orElseThrow();
        assertThat(force.rootFirst()).extracting(Frame::toString).containsExactly("a.App.run:5", "a.App.flush:50",
                "sun.nio.ch.FileChannelImpl.force:400");
        assertThat(force.nanos()).isEqualTo(30 * MS);
        assertThat(force.event()).isEqualTo(OwnerEventTypes.FILE_FORCE);
        assertThat(force.cut()).isFalse();
        OwnerStack sample = stacks.stream().filter(x -> x.state() == OwnerState.RUNNING_JAVA).findFirst().orElseThrow();
        assertThat(sample.rootFirst()).extracting(Frame::toString).containsExactly("a.App.run:6", "a.App.compute:42");
        assertThat(sample.count()).as("the samples inside the force and the pause are not counted again").isEqualTo(1);
        assertThat(stacks).filteredOn(x -> x.state() == OwnerState.GC_OR_SAFEPOINT).singleElement()
                .satisfies(x -> assertThat(x.event()).isEqualTo("GC Pause (jdk.GCPhasePause)"))
                .satisfies(x -> assertThat(x.nanos()).isEqualTo(10 * MS));
        assertThat(stacks).filteredOn(x -> x.state() == OwnerState.UNKNOWN).singleElement()
                .satisfies(x -> assertThat(x.nanos()).isEqualTo(20 * MS));
    }

    @Test
    void pastTheStackTablesBoundAStackIsCutWhereItsNodesEndedAndKeepsItsTime() {
        HolderStore s = new HolderStore(HolderStore.MAX_ITEMS, 4); // the root, the waiter's frame and two more
        int lock = s.newGroup("L");
        s.wait(0, enter(0, 100, WAITER, OWNER, 0x10), WaitKind.LOCK, lock, "a.App.enter:1");
        s.blockingCall(0, OwnerEventTypes.FILE_WRITE, 0, 40 * MS, OWNER, stack("a.App.write:9", "a.App.run:5"));
        s.blockingCall(0, OwnerEventTypes.FILE_READ, 40 * MS, 40 * MS, OWNER,
                stack("a.App.read:3", "a.App.load:4", "a.App.run:5"));
        List<OwnerStack> stacks = join(s, 1).profile(Set.of(lock), Set.of(lock)).stacks();
        OwnerStack read = stacks.stream().filter(x -> x.state() == OwnerState.FILE_IO && x.cut()).findFirst()
                .orElseThrow();
        assertThat(read.rootFirst()).extracting(Frame::toString).containsExactly("a.App.run:5");
        assertThat(read.nanos()).isEqualTo(40 * MS);
        assertThat(stacks).filteredOn(x -> !x.cut() && x.state() == OwnerState.FILE_IO).singleElement()
                .satisfies(x -> assertThat(x.rootFirst()).hasSize(2));
    }

    /** Acquire sites of {@code t} as "site waits/byAcquisition" or "unknown:REASON waits". */
    static List<String> acquired(HolderTally t) {
        return t.acquireSites().stream().map(a -> a.site() != null ? a.site() + " " + a.waits() + "/"
                + a.recordedWaits() : "unknown:" + a.unknown() + " " + a.waits()).toList();
    }

    @Test
    void anOwnersRecordedAcquisitionNamesWhereItTookTheLockWhileItsStacksAgree() {
        KnownSites known = new KnownSites(List.of("a.App.update:20", "a.App.refresh:30", "a.App.enter:1"));
        for (boolean stillThere : List.of(true, false)) {
            HolderStore s = new HolderStore();
            int lock = s.newGroup("L");
            s.wait(0, enter(0, 100, WAITER, OWNER, 0x10), WaitKind.LOCK, lock, "a.App.enter:1");
            // The owner waited for the lock at update:20 until -5: it took it there.
            s.wait(0, new WaitEvent("jdk.JavaMonitorEnter", -20 * MS, 15 * MS, OWNER, "t2", "a.Lock", 0x10, null,
                    stack("a.App.update:20", "a.App.run:5"), -1), WaitKind.LOCK, lock, "a.App.update:20");
            // In the window it computes under update (still holding it), or under refresh (it let go meanwhile and
            // took the lock again at refresh without waiting).
            s.sample(0, OwnerEventTypes.EXECUTION_SAMPLE, 50 * MS, OWNER, stack("a.App.compute:42",
                    stillThere ? "a.App.update:24" : "a.App.refresh:33", "a.App.run:5"));
            HolderTally t = join(s, 1).profile(Set.of(lock), Set.of(lock), known);
            assertThat(acquired(t)).containsExactly(stillThere ? "a.App.update:20 1/1" : "a.App.refresh:30 1/0");
            assertThat(t.acquireSites().get(0).nanos()).isEqualTo(100 * MS);
        }
    }

    @Test
    void withoutARecordedAcquisitionTheStacksTellTheSiteOrWhyNot() {
        KnownSites known = new KnownSites(List.of("a.App.refresh:30", "a.App.refresh:60", "a.App.enter:1"));
        HolderStore s = new HolderStore();
        int lock = s.newGroup("L");
        s.wait(0, enter(0, 100, WAITER, OWNER, 0x10), WaitKind.LOCK, lock, "a.App.enter:1");
        s.sample(0, OwnerEventTypes.EXECUTION_SAMPLE, 50 * MS, OWNER, stack("a.App.compute:42", "a.App.refresh:64",
                "a.App.run:5"));
        // A second owner, no event in its window; a third, whose stack has no method of the lock's sites.
        s.wait(0, enter(200, 260, WAITER, 3, 0x10), WaitKind.LOCK, lock, "a.App.enter:1");
        s.wait(0, enter(300, 340, WAITER, 4, 0x10), WaitKind.LOCK, lock, "a.App.enter:1");
        s.sample(0, OwnerEventTypes.EXECUTION_SAMPLE, 320 * MS, 4, stack("a.App.compute:42", "a.App.run:5"));
        HolderTally t = join(s, 1).profile(Set.of(lock), Set.of(lock), known);
        // Of refresh's two sections, the one the frame's line is in.
        assertThat(acquired(t)).containsExactly("a.App.refresh:60 1/0", "unknown:NOTHING_RECORDED 1",
                "unknown:NOT_IN_STACKS 1");
    }

    @Test
    void theAgentsOwnerCpuSplitIsWeightedByEachWaitAndItsMissingOnesSayWhy() {
        HolderStore s = new HolderStore();
        s.agentWait(0, 9, 0, 100 * MS, WAITER, OWNER, new OwnerCpuSplit(0.5, 0.5, 0, "measured: eBPF"), "measured: eBPF");
        s.agentWait(0, 9, 200 * MS, 300 * MS, WAITER, OWNER, new OwnerCpuSplit(0, 0, 1, "measured: eBPF"),
                "measured: eBPF");
        s.agentWait(0, 9, 600 * MS, 50 * MS, WAITER, OWNER, null, "not measured: owner unknown");
        s.agentWait(0, 9, 700 * MS, 50 * MS, WAITER, -1, null, "not measured: no exclusive owner");
        int group = s.agentGroupIfAny(0, 9);
        OwnerCpu c = join(s, 1).profile(Set.of(group), Set.of()).ownerCpu();
        assertThat(c).isEqualTo(new OwnerCpu(2, 400 * MS, 50 * MS, 50 * MS, 300 * MS, "measured: eBPF", 1,
                "not measured: owner unknown"));
    }

    @Test
    void theOwnersOwnWaitForThisLockIsNotHeldTimeAndAnotherLockIsAChainLink() {
        HolderStore s = new HolderStore();
        int lock = s.newGroup("monitor a.Lock@0x10");
        int other = s.newGroup("monitor a.Other@0x20");
        s.wait(0, enter(0, 100, WAITER, OWNER, 0x10), WaitKind.LOCK, lock, "a.App.enter:1");
        // The previous owner itself got the lock only at 30 (it waited for it from -10, behind a holder the event does
        // not name), then waited for Other 40-90.
        s.wait(0, enter(-10, 30, OWNER, -1, 0x10), WaitKind.LOCK, lock, "a.App.enter:1");
        s.wait(0, enter(40, 90, OWNER, 4, 0x20), WaitKind.LOCK, other, "a.App.inner:9");
        HolderTally t = join(s, 1).profile(Set.of(lock), Set.of(lock));
        assertThat(t.ownedNanos()).isEqualTo(70 * MS);
        assertThat(msByState(t)).containsEntry(OwnerState.OTHER_LOCK, 50L).containsEntry(OwnerState.UNKNOWN, 20L);
        assertThat(t.otherLocks()).containsExactly(new HolderTally.LockTime(other, "monitor a.Other@0x20", 50 * MS));
    }

    @Test
    void samplesClaimingMoreThanTheUnexplainedTimeAreScaledToIt() {
        HolderStore s = new HolderStore();
        int lock = s.newGroup("L");
        s.wait(0, enter(0, 100, WAITER, OWNER, 0x10), WaitKind.LOCK, lock, "a.App.enter:1");
        s.blockingCall(0, OwnerEventTypes.FILE_READ, 0, 50 * MS, OWNER, stack("a.App.read:3"));
        for (int i = 0; i < 5; i++) {
            s.sample(0, OwnerEventTypes.EXECUTION_SAMPLE, (50 + 10 * i) * MS, OWNER, stack("a.App.compute:42"));
        }
        // 5 samples x 20 ms = 100 ms claimed of the 50 ms the read leaves: scaled to 50, nothing unknown.
        assertThat(msByState(join(s, 1).profile(Set.of(lock), Set.of(lock))))
                .containsExactlyInAnyOrderEntriesOf(Map.of(OwnerState.FILE_IO, 50L, OwnerState.RUNNING_JAVA, 50L));
    }

    @Test
    void waitsWithoutOwnerAreCountedNotProfiled() {
        HolderStore s = new HolderStore();
        int lock = s.newGroup("L");
        s.wait(0, enter(0, 100, WAITER, -1, 0x10), WaitKind.LOCK, lock, "a.App.enter:1");
        HolderTally t = join(s, 1).profile(Set.of(lock), Set.of(lock));
        assertThat(t.waits()).isZero();
        assertThat(t.withoutOwner()).containsExactly(1, 100 * MS);
    }

    @Test
    void rotatedFilesOfOneJvmJoinAndOtherJvmsDoNot() {
        Consumer<HolderStore> events = s -> s.blockingCall(1, OwnerEventTypes.THREAD_SLEEP, 0, 100 * MS, OWNER,
                stack("a.App.nap:7"));
        for (boolean sameJvm : List.of(true, false)) {
            HolderStore s = new HolderStore();
            int lock = s.newGroup("L");
            s.wait(0, enter(0, 100, WAITER, OWNER, 0x10), WaitKind.LOCK, lock, "a.App.enter:1");
            events.accept(s);
            HolderTally t = s.join(new int[] {0, sameJvm ? 0 : 1}, new long[][] {{PERIOD, PERIOD}, {PERIOD, PERIOD}})
                    .profile(Set.of(lock), Set.of(lock));
            assertThat(msByState(t)).containsEntry(sameJvm ? OwnerState.SLEEPING : OwnerState.UNKNOWN, 100L);
        }
    }

    @Test
    void pastTheMemoryBoundWaitsAfterTheFirstOwnerEventLeftOutAreNotProfiled() {
        HolderStore s = new HolderStore(3);
        int lock = s.newGroup("L");
        s.wait(0, enter(0, 100, WAITER, OWNER, 0x10), WaitKind.LOCK, lock, "a.App.enter:1"); // 2 items
        s.blockingCall(0, OwnerEventTypes.THREAD_SLEEP, 10 * MS, 20 * MS, OWNER, stack("a.App.nap:7")); // 3rd: kept
        s.blockingCall(0, OwnerEventTypes.THREAD_SLEEP, 150 * MS, 20 * MS, OWNER, stack("a.App.nap:7")); // left out at 150
        s.wait(0, enter(140, 200, WAITER, OWNER, 0x10), WaitKind.LOCK, lock, "a.App.enter:1"); // left out
        HolderTally t = join(s, 1).profile(Set.of(lock), Set.of(lock));
        assertThat(s.itemsLeftOut()).isEqualTo(3);
        assertThat(t.waits()).isEqualTo(1);
        assertThat(msByState(t)).containsEntry(OwnerState.SLEEPING, 20L);
        assertThat(t.leftOut()).containsExactly(1, 60 * MS);
    }

    @Test
    void theOwnerIsNeverTheWaiter() {
        HolderStore s = new HolderStore();
        int lock = s.newGroup("L");
        s.wait(0, enter(0, 100, WAITER, WAITER, 0x10), WaitKind.LOCK, lock, "a.App.enter:1");
        assertThat(join(s, 1).profile(Set.of(lock), Set.of(lock)).withoutOwner()).containsExactly(1, 100 * MS);
    }
}
