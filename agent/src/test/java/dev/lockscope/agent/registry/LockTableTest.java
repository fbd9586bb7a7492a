package dev.lockscope.agent.registry;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.lockscope.events.Log2Histogram;
import dev.lockscope.events.SiteKinds;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;

class LockTableTest {
    private final SiteRegistry sites = new SiteRegistry(64);
    private final Site site = sites.intern("Test.site:1", SiteKinds.CONSTRUCTED);
    private final LockTable.Describer describer = (sync, hash) -> new LockStats(sync, hash, "X", site, "test");

    @Test
    void sameLockSameEntry() {
        LockTable t = new LockTable(16);
        Object lock = new Object();
        assertThat(t.getOrCreate(lock, describer)).isSameAs(t.getOrCreate(lock, describer));
        assertThat(t.size()).isEqualTo(1);
    }

    @Test
    void staysBoundedCountsEvictionsAndKeepsTotalsPerSite() {
        LockTable t = new LockTable(64);
        List<Object> keep = new ArrayList<>();
        for (int i = 0; i < 10_000; i++) {
            Object lock = new Object();
            keep.add(lock);
            t.getOrCreate(lock, describer).recordWait(1000, false, true);
        }
        assertThat(t.size()).isLessThanOrEqualTo(64 + 8);
        assertThat(t.entries().size()).isLessThanOrEqualTo(64 + 8);
        assertThat(t.evictions()).isGreaterThan(9_000);
        long live = t.entries().stream().mapToLong(s -> s.get(LockStats.WAITS)).sum();
        assertThat(site.folded(LockStats.WAITS) + live).as("no wait lost to eviction").isEqualTo(10_000);
    }

    @Test
    void histogramQuantilesAndFormat() {
        long[] counts = new long[Log2Histogram.BUCKETS];
        counts[Log2Histogram.bucket(1_000)]++;          // ~1 us
        for (int i = 0; i < 98; i++) {
            counts[Log2Histogram.bucket(1_000_000)]++;  // ~1 ms
        }
        counts[Log2Histogram.bucket(1_000_000_000)]++;  // ~1 s
        assertThat(dev.lockscope.advisor.Log2Percentiles.upperBound(counts, 50, 0)).isEqualTo(1L << 20);
        assertThat(dev.lockscope.advisor.Log2Percentiles.upperBound(counts, 99.5, 0)).isEqualTo(1L << 30);
        assertThat(Log2Histogram.format(counts)).endsWith(",1").doesNotEndWith(",0");
        assertThat(Log2Histogram.bucket(Long.MAX_VALUE)).isEqualTo(Log2Histogram.BUCKETS - 1);
    }

    @Test
    void siteBindingsFindTheirSiteAndCountOverwrites() {
        SiteBindings b = new SiteBindings(1024);
        Object a = new Object();
        b.bind(a, 7);
        assertThat(b.siteOf(a, System.identityHashCode(a))).as("found in the ring before draining").isEqualTo(7);
        b.drain();
        assertThat(b.siteOf(a, System.identityHashCode(a))).as("found in the table after draining").isEqualTo(7);
        for (int i = 0; i < 100_000; i++) {
            b.bind(new Object(), 9);
            if (i % 1000 == 0) {
                b.drain();
            }
        }
        b.drain();
        assertThat(b.overwrites()).isPositive();
        int s = b.siteOf(a, System.identityHashCode(a));
        assertThat(s).isIn(0, 7);
    }

    @Test
    void aQuarterRingOfBindingsWakesASleepingDrainerLongBeforeItsPause() throws Exception {
        SiteBindings b = new SiteBindings(1 << 16);
        CountDownLatch asleep = new CountDownLatch(1);
        AtomicLong wokeAfterNanos = new AtomicLong(-1);
        Thread drainer = new Thread(() -> {
            try {
                asleep.countDown();
                long t0 = System.nanoTime();
                b.awaitBindings(60_000);
                wokeAfterNanos.set(System.nanoTime() - t0);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        });
        drainer.setDaemon(true);
        drainer.start();
        asleep.await();
        Thread.sleep(50); // let it park
        List<Object> locks = new ArrayList<>();
        for (int i = 0; i < SiteBindings.WAKE_EVERY; i++) {
            Object o = new Object();
            locks.add(o);
            b.bind(o, 4);
        }
        drainer.join(10_000);
        assertThat(drainer.isAlive()).as("woken by the burst, not by its 60 s pause").isFalse();
        assertThat(wokeAfterNanos.get()).isBetween(0L, 10_000_000_000L);
        assertThat(b.drain()).isEqualTo(SiteBindings.WAKE_EVERY);
        long found = locks.stream().filter(o -> b.siteOf(o, System.identityHashCode(o)) == 4).count();
        assertThat(found + b.overwrites()).isGreaterThanOrEqualTo(SiteBindings.WAKE_EVERY);
    }

    @Test
    void anInterruptedDrainerStopsWaiting() {
        SiteBindings b = new SiteBindings(1024);
        Thread.currentThread().interrupt();
        assertThatThrownBy(() -> b.awaitBindings(60_000)).isInstanceOf(InterruptedException.class);
        assertThat(Thread.interrupted()).as("the interrupt is consumed").isFalse();
    }

    @Test
    void siteBindingsScanOnlyTheUndrainedRingAndKnowNothingOfUnboundLocks() {
        SiteBindings b = new SiteBindings(1024);
        List<Object> drainedLocks = new ArrayList<>();
        for (int i = 0; i < 100; i++) {
            Object o = new Object();
            drainedLocks.add(o);
            b.bind(o, 3);
        }
        b.drain();
        Object fresh = new Object();
        b.bind(fresh, 5);
        Object unbound = new Object();
        assertThat(b.siteOf(fresh, System.identityHashCode(fresh))).as("undrained: found in the ring").isEqualTo(5);
        assertThat(b.siteOf(unbound, System.identityHashCode(unbound))).as("never bound (over budget)").isZero();
        long found = drainedLocks.stream().filter(o -> b.siteOf(o, System.identityHashCode(o)) == 3).count();
        // Drained locks are looked up in the table only; a table collision (counted) may lose one.
        assertThat(found + b.overwrites()).isGreaterThanOrEqualTo(100);
        b.drain();
        assertThat(b.siteOf(fresh, System.identityHashCode(fresh))).as("drained: found in the table").isEqualTo(5);
    }

    @Test
    void ownerSamplingFindsTheDominantOwner() {
        LockStats s = describer.describe(new Object(), 1);
        for (int i = 0; i < 90; i++) {
            s.sampleOwner(1, "hog");
        }
        for (int t = 2; t < 12; t++) {
            s.sampleOwner(t, "other-" + t);
        }
        Object[] top = s.topOwnerAndReset();
        assertThat(top[0]).isEqualTo("hog");
        assertThat((Double) top[1]).isBetween(0.85, 0.95);
        assertThat(s.topOwnerAndReset()).isNull();
    }
}
