package dev.lockscope.analyzer.aggregate;

import static org.assertj.core.api.Assertions.assertThat;

import dev.lockscope.analyzer.model.Frame;
import dev.lockscope.analyzer.model.WaitEvent;
import dev.lockscope.analyzer.model.WaitKind;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;

/**
 * One lock at several addresses (the GC moved it, or the VM made its monitor anew) against several locks of one class
 * at one site. With GC events, a recorded collection between two addresses' waits decides for a j.u.c. lock, and a
 * JDK monitor's addresses one after another are one monitor; without any (async-profiler's recordings), waits that
 * follow one another are one lock, and waits that overlap in time are distinct locks.
 */
class MovedLockMergerTest {
    private static final long MS = 1_000_000;
    private static final String SITE_A = "app.Service.handle:10";
    private static final String SITE_B = "app.Other.work:20";
    private static final int JVM = 0;

    @Test
    void withoutGcEventsAddressesOneAfterAnotherAreOneLock() {
        List<LockStats> out = MovedLockMerger.merge(List.of(lock(0x10, SITE_A, 10, 20), lock(0x20, SITE_A, 30, 40),
                lock(0x30, SITE_A, 50, 60)), Map.of(), Set.of(JVM));
        assertThat(out).hasSize(1);
        LockStats merged = out.get(0);
        assertThat(merged.addresses()).isEqualTo(3);
        assertThat(merged.addressesMergedBy()).isEqualTo(MovedLockMerger.BY_SUCCESSION);
        assertThat(merged.count()).isEqualTo(6);
        assertThat(merged.key().address()).as("named by its last address").isEqualTo(0x30);
    }

    @Test
    void withoutGcEventsLocksInUseAtTheSameTimeStayApart() {
        List<LockStats> out = MovedLockMerger.merge(List.of(lock(0x10, SITE_A, 10, 50), lock(0x20, SITE_A, 20, 60)),
                Map.of(), Set.of(JVM));
        assertThat(out).hasSize(2).allMatch(s -> s.addresses() == 1 && s.addressesMergedBy() == null);
    }

    @Test
    void withoutGcEventsLocksAtDifferentSitesOrOfDifferentClassesStayApart() {
        LockStats otherClass = new LockStats(new LockKey(JVM, WaitKind.LOCK, "monitor", "app.Other", 0x30, null));
        otherClass.add(event("app.Other", 0x30, SITE_A, 50), "r.jfr", SITE_A);
        List<LockStats> out = MovedLockMerger.merge(List.of(lock(0x10, SITE_A, 10, 20), lock(0x20, SITE_B, 30, 40),
                otherClass), Map.of(), Set.of(JVM));
        assertThat(out).hasSize(3).allMatch(s -> s.addresses() == 1);
    }

    @Test
    void withGcEventsOnlyARecordedCollectionBetweenMergesTheAddressesOfAJucLock() {
        long[] gcAt25ms = {25 * MS};
        List<LockStats> out = MovedLockMerger.merge(List.of(jucLock(0x10, SITE_A, 10, 20), jucLock(0x20, SITE_A, 30, 40),
                jucLock(0x30, SITE_A, 50, 60)), Map.of(JVM, gcAt25ms), Set.of());
        out.sort(Comparator.comparingLong(LockStats::firstEndNanos));
        assertThat(out).hasSize(2);
        assertThat(out.get(0).addresses()).isEqualTo(2);
        assertThat(out.get(0).addressesMergedBy()).isEqualTo(MovedLockMerger.BY_GC);
        assertThat(out.get(1).addresses()).as("no collection between 40 and 50 ms").isEqualTo(1);
    }

    /**
     * A striped cache's four segment locks, contended at once, all moved by one collection (a full GC compacts them
     * together): four locks at two addresses each, not eight; a fifth lock of the class that kept its address and
     * overlaps the collection stays one lock at one address.
     */
    @Test
    void locksInUseTogetherThatMoveAtOneCollectionAreOneLockEach() {
        long[] gcAt50ms = {50 * MS};
        List<LockStats> all = new java.util.ArrayList<>();
        for (int i = 0; i < 4; i++) {
            all.add(jucLock(0x100 + i, SITE_A, 10 + i, 45 + i));
            all.add(jucLock(0x200 + i, SITE_A, 55 + i, 90 + i));
        }
        all.add(jucLock(0x300, SITE_A, 12, 95));
        List<LockStats> out = MovedLockMerger.merge(all, Map.of(JVM, gcAt50ms), Set.of());
        assertThat(out).hasSize(5);
        assertThat(out).filteredOn(s -> s.addresses() == 2).hasSize(4)
                .allMatch(s -> MovedLockMerger.BY_GC.equals(s.addressesMergedBy()))
                .allMatch(s -> s.key().address() >= 0x200 && s.key().address() < 0x204 && s.count() == 4);
        assertThat(out).filteredOn(s -> s.key().address() == 0x300).singleElement()
                .matches(s -> s.addresses() == 1 && s.addressesMergedBy() == null);
        List<LockStats> noGc = MovedLockMerger.merge(all, Map.of(JVM, new long[] {5 * MS, 100 * MS}), Set.of());
        assertThat(noGc).as("no collection between the addresses: nine locks").hasSize(9);
    }

    /**
     * A segment's short stay at one address was waited for mostly at its second site (Guava's {@code
     * storeLoadedValue}) and the rest at its first: still one lock across its addresses; a lock waited for only at
     * another site stays apart.
     */
    @Test
    void aLocksMostWaitedSiteMayChangeFromOneAddressToTheNext() {
        long[] gcs = {30 * MS, 60 * MS};
        LockStats shortStay = jucLock(0x20, SITE_A, 35, 36);
        shortStay.add(event("app.Lock", 0x20, SITE_B, 38), "r.jfr", SITE_B);
        shortStay.add(event("app.Lock", 0x20, SITE_B, 40), "r.jfr", SITE_B);
        shortStay.add(event("app.Lock", 0x20, SITE_B, 41), "r.jfr", SITE_B);
        List<LockStats> out = MovedLockMerger.merge(List.of(jucLock(0x10, SITE_A, 10, 20), shortStay,
                jucLock(0x30, SITE_A, 65, 70)), Map.of(JVM, gcs), Set.of());
        assertThat(out).singleElement().matches(s -> s.addresses() == 3 && s.count() == 9);
        List<LockStats> otherSite = MovedLockMerger.merge(List.of(jucLock(0x10, SITE_A, 10, 20),
                jucLock(0x20, SITE_B, 35, 40)), Map.of(JVM, gcs), Set.of());
        assertThat(otherSite).as("no site in common: two locks").hasSize(2);
    }

    @Test
    void withGcEventsRecordableButNoneRecordedNoJucLockIsMerged() {
        List<LockStats> out = MovedLockMerger.merge(List.of(jucLock(0x10, SITE_A, 10, 20), jucLock(0x20, SITE_A, 30, 40)),
                Map.of(), Set.of());
        assertThat(out).hasSize(2);
    }

    /** A JDK monitor event's address is the VM's monitor, made anew after the VM freed it: no GC is needed between. */
    @Test
    void aJdkMonitorsAddressesOneAfterAnotherAreOneMonitorMadeAnew() {
        List<LockStats> out = MovedLockMerger.merge(List.of(lock(0x10, SITE_A, 10, 20), lock(0x20, SITE_A, 30, 40),
                lock(0x30, SITE_A, 50, 60), lock(0x40, SITE_B, 70, 80)), Map.of(), Set.of());
        out.sort(Comparator.comparingLong(LockStats::firstEndNanos));
        assertThat(out).hasSize(2);
        assertThat(out.get(0).addresses()).isEqualTo(3);
        assertThat(out.get(0).addressesMergedBy()).isEqualTo(MovedLockMerger.BY_REINFLATION);
        assertThat(out.get(1).addresses()).as("another site: another lock").isEqualTo(1);
        List<LockStats> atOnce = MovedLockMerger.merge(List.of(lock(0x10, SITE_A, 10, 50), lock(0x20, SITE_A, 20, 60)),
                Map.of(), Set.of());
        assertThat(atOnce).as("monitors contended at the same time are two").hasSize(2);
    }

    /** A ReentrantLock-like j.u.c. lock of class app.Lock at {@code address}, waited for as {@link #lock} is. */
    private static LockStats jucLock(long address, String site, long firstEndMs, long lastEndMs) {
        LockStats s = new LockStats(new LockKey(JVM, WaitKind.LOCK, "j.u.c.", "app.Lock", address, null));
        s.add(event("app.Lock", address, site, firstEndMs), "r.jfr", site);
        s.add(event("app.Lock", address, site, lastEndMs), "r.jfr", site);
        return s;
    }

    /** A monitor of class app.Lock at {@code address}, with two waits at {@code site} ending at the given ms. */
    private static LockStats lock(long address, String site, long firstEndMs, long lastEndMs) {
        LockStats s = new LockStats(new LockKey(JVM, WaitKind.LOCK, "monitor", "app.Lock", address, null));
        s.add(event("app.Lock", address, site, firstEndMs), "r.jfr", site);
        s.add(event("app.Lock", address, site, lastEndMs), "r.jfr", site);
        return s;
    }

    private static WaitEvent event(String cls, long address, String site, long endMs) {
        String[] parts = site.split("[.:]");
        Frame top = new Frame(parts[0] + "." + parts[1], parts[2], Integer.parseInt(parts[3]));
        return new WaitEvent("jdk.JavaMonitorEnter", endMs * MS - MS, MS, 1, "t", cls, address, null, List.of(top));
    }
}
