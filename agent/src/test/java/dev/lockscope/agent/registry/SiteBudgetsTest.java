package dev.lockscope.agent.registry;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.lockscope.agent.dispatch.Hooks;
import dev.lockscope.agent.dispatch.LockscopeDispatch;
import dev.lockscope.events.SiteKinds;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** The construction path spends a per-site budget: first N bound, then M a second, the rest counted as skipped. */
class SiteBudgetsTest {
    private final SiteRegistry sites = new SiteRegistry(64);
    private final Site hot = sites.intern("App.<clinit>:10", SiteKinds.CONSTRUCTED);
    private final Site busy = sites.intern("App.handle:20", SiteKinds.CONSTRUCTED);
    private final CountingHooks hooks = new CountingHooks();
    private final List<String> log = new ArrayList<>();

    @AfterEach
    void agentOff() {
        LockscopeDispatch.hooks = null;
    }

    private SiteBudgets budgets(int initial, int perSecond) {
        SiteBudgets b = new SiteBudgets(LockscopeDispatch.SITE_BUDGET, LockscopeDispatch.SKIP_FLOOR, sites, initial, perSecond);
        LockscopeDispatch.hooks = hooks;
        return b;
    }

    private static void construct(Site s, int times) {
        for (int i = 0; i < times; i++) {
            LockscopeDispatch.constructed(new Object(), s.id);
        }
    }

    @Test
    void firstConstructionsAreBoundThenPerSecondAndTheRestCounted() {
        SiteBudgets b = budgets(10, 3);
        construct(hot, 1);
        construct(busy, 100);
        assertThat(hooks.bySite(hot.id)).as("a lock built once is bound").isEqualTo(1);
        assertThat(hooks.bySite(busy.id)).as("first 10 of a busy site bound").isEqualTo(10);
        b.refill(log::add);
        assertThat(b.skipped()).isEqualTo(90);
        assertThat(b.saturated()).isZero();
        assertThat(b.sitesOverBudget()).isEqualTo(1);
        assertThat(log).singleElement().asString().contains("App.handle:20").contains("more than 10 locks");

        construct(busy, 100);
        assertThat(hooks.bySite(busy.id)).as("then 3 per refill").isEqualTo(13);
        construct(hot, 1);
        assertThat(hooks.bySite(hot.id)).as("an unspent budget is left alone").isEqualTo(2);
        b.refill(log::add);
        assertThat(b.skipped()).isEqualTo(90 + 97);
        assertThat(log).as("a site is logged once").hasSize(1);
    }

    @Test
    void skipsAreCountedUpToTheFloorThenNothingIsWritten() {
        SiteBudgets b = budgets(0, 0);
        int floor = -LockscopeDispatch.SKIP_FLOOR;
        construct(busy, floor + 5000);
        assertThat(hooks.bySite(busy.id)).isZero();
        assertThat(LockscopeDispatch.SITE_BUDGET[busy.id]).as("stops at the floor").isEqualTo(LockscopeDispatch.SKIP_FLOOR);
        b.refill(log::add);
        assertThat(b.skipped()).as("counted up to the floor: a lower bound").isEqualTo(floor);
        assertThat(b.saturated()).isEqualTo(1);
        assertThat(LockscopeDispatch.SITE_BUDGET[busy.id]).as("counting starts again after a refill").isZero();
    }

    @Test
    void agentOffMeansNoBindingAndNoCounting() {
        SiteBudgets b = budgets(0, 0);
        LockscopeDispatch.hooks = null;
        construct(busy, 1000);
        b.refill(log::add);
        assertThat(b.skipped()).isZero();
        assertThat(hooks.calls.get()).isZero();
    }

    @Test
    void siteZeroIsNeverBoundAndOutOfRangeIdsDoNotThrow() {
        SiteBudgets b = budgets(10, 10);
        construct(sites.other(), 5);
        LockscopeDispatch.constructed(new Object(), -1);
        LockscopeDispatch.constructed(new Object(), LockscopeDispatch.SITE_SLOTS + 7);
        assertThat(hooks.bySite(0)).isZero();
        b.refill(log::add);
        assertThat(b.skipped()).isEqualTo(5);
    }

    /**
     * Four threads build 1,000,000 locks each at one site with plain, racy budget writes: every one of the first
     * 1000 budget values is read by some construction, so at least 1000 are bound; a stale write can hand out a
     * few more, far below 1 % of the constructions; nothing throws and the count of skips reaches the floor.
     */
    @Test
    void racyConstructionFromManyThreadsBindsAtLeastTheBudget() throws Exception {
        SiteBudgets b = budgets(1000, 0);
        List<Thread> ts = new ArrayList<>();
        for (int t = 0; t < 4; t++) {
            Thread th = new Thread(() -> construct(busy, 1_000_000));
            ts.add(th);
            th.start();
        }
        for (Thread th : ts) {
            th.join();
        }
        assertThat(hooks.bySite(busy.id)).isBetween(1000L, 1000L + 40_000L);
        b.refill(log::add);
        assertThat(b.saturated()).isEqualTo(1);
        assertThat(b.skipped()).isGreaterThanOrEqualTo(-LockscopeDispatch.SKIP_FLOOR);
    }

    @Test
    void optionParsing() {
        assertThat(SiteBudgets.parse("4096/256")).containsExactly(4096, 256);
        assertThat(SiteBudgets.parse(SiteBudgets.DEFAULT)).containsExactly(4096, 256);
        assertThatThrownBy(() -> SiteBudgets.parse("4096")).hasMessageContaining("INITIAL/PER_SECOND");
        assertThatThrownBy(() -> SiteBudgets.parse("-1/3")).hasMessageContaining("not '-1/3'");
    }

    /** Counts constructed() calls per site; the other hooks are not used here. */
    static final class CountingHooks implements Hooks {
        final AtomicLong calls = new AtomicLong();
        final AtomicLong[] perSite = new AtomicLong[64];

        CountingHooks() {
            for (int i = 0; i < perSite.length; i++) {
                perSite[i] = new AtomicLong();
            }
        }

        long bySite(int site) {
            return perSite[site].get();
        }

        @Override
        public void constructed(Object lock, int site) {
            calls.incrementAndGet();
            perSite[site].incrementAndGet();
        }

        @Override
        public long waitBegin(Object sync, int mode) {
            return 0;
        }

        @Override
        public void waitEnd(Object sync, long token, boolean acquired) {
        }

        @Override
        public void wokeSuccessor(Thread successor) {
        }

        @Override
        public long conditionBegin(Object condition) {
            return 0;
        }

        @Override
        public void conditionEnd(Object condition, long token) {
        }
    }
}
