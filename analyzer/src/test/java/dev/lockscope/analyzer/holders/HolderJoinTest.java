package dev.lockscope.analyzer.holders;

import static org.assertj.core.api.Assertions.assertThat;

import dev.lockscope.analyzer.model.Frame;
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
        s.blockingCall(0, OwnerEventTypes.FILE_FORCE, 10 * MS, 30 * MS, OWNER, "a.App.flush:50");
        s.sample(0, OwnerEventTypes.EXECUTION_SAMPLE, 50 * MS, OWNER, "a.App.compute:42");
        s.sample(0, OwnerEventTypes.EXECUTION_SAMPLE, 20 * MS, OWNER, "a.App.compute:42"); // inside the force
        s.pause(0, OwnerEventTypes.GC_PHASE_PAUSE, "GC Pause", 60 * MS, 10 * MS);
        s.sample(0, OwnerEventTypes.EXECUTION_SAMPLE, 65 * MS, OWNER, "a.App.compute:42"); // inside the pause
        s.blockingCall(0, OwnerEventTypes.THREAD_SLEEP, 80 * MS, 40 * MS, OWNER, "a.App.nap:7"); // past the wait's end
        s.sample(0, OwnerEventTypes.EXECUTION_SAMPLE, 130 * MS, OWNER, "a.App.compute:42"); // after the wait
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
        s.blockingCall(0, OwnerEventTypes.FILE_READ, 0, 50 * MS, OWNER, "a.App.read:3");
        for (int i = 0; i < 5; i++) {
            s.sample(0, OwnerEventTypes.EXECUTION_SAMPLE, (50 + 10 * i) * MS, OWNER, "a.App.compute:42");
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
        Consumer<HolderStore> events = s -> s.blockingCall(1, OwnerEventTypes.THREAD_SLEEP, 0, 100 * MS, OWNER, "a.App.nap:7");
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
        s.blockingCall(0, OwnerEventTypes.THREAD_SLEEP, 10 * MS, 20 * MS, OWNER, "a.App.nap:7"); // 3rd: kept
        s.blockingCall(0, OwnerEventTypes.THREAD_SLEEP, 150 * MS, 20 * MS, OWNER, "a.App.nap:7"); // left out at 150
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
