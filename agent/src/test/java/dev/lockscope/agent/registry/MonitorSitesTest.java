package dev.lockscope.agent.registry;

import static org.assertj.core.api.Assertions.assertThat;

import dev.lockscope.events.SiteKinds;
import org.junit.jupiter.api.Test;

/**
 * Monitors are named by the code where a thread first waited for them, so two unrelated monitors of one class at
 * different code sites are two sites; a monitor seen first in Object.wait calls (no stack) takes its site from its
 * first contended enter, and keeps it once it has waits; the lock id is the whole address.
 */
class MonitorSitesTest {
    private final LockRegistry registry = new LockRegistry(16, 64, 1024, 16);

    @Test
    void twoObjectMonitorsWaitedForAtTwoCodeSitesAreTwoSites() {
        LockStats orders = registry.monitor("java.lang.Object", 0x7_0000_1000L, () -> "com.example.Orders.place:42");
        LockStats prices = registry.monitor("java.lang.Object", 0x7_0000_2000L, () -> "com.example.Prices.update:17");
        assertThat(orders.site.where).isEqualTo("com.example.Orders.place:42");
        assertThat(orders.site.kind).isEqualTo(SiteKinds.MONITOR_FIRST_CONTENDED);
        assertThat(prices.site.where).isEqualTo("com.example.Prices.update:17");
        assertThat(orders.site.id).isNotEqualTo(prices.site.id);
        assertThat(orders.lockId()).as("an address above 4 GB kept whole").isEqualTo(0x7_0000_1000L);
        // A later wait elsewhere does not rename it: the first waiting site names the monitor.
        assertThat(registry.monitor("java.lang.Object", 0x7_0000_1000L, () -> "com.example.Orders.cancel:60")).isSameAs(orders);
        assertThat(orders.site.where).isEqualTo("com.example.Orders.place:42");
    }

    @Test
    void aMonitorSeenFirstInObjectWaitTakesItsFirstContendedEntersSite() {
        LockStats queue = registry.monitor("com.example.Queue", 0x1000);
        queue.recordConditionWait(5_000_000);
        assertThat(queue.site.kind).isEqualTo(SiteKinds.MONITOR_CLASS);
        assertThat(registry.monitor("com.example.Queue", 0x1000, () -> "com.example.Queue.put:9")).isSameAs(queue);
        assertThat(queue.site.where).isEqualTo("com.example.Queue.put:9");
        assertThat(queue.site.kind).isEqualTo(SiteKinds.MONITOR_FIRST_CONTENDED);
    }

    @Test
    void aMonitorWithWaitsKeepsItsSiteAndAStackWithoutAFrameNamesItByClass() {
        boolean[] asked = {false};
        LockStats byClass = registry.monitor("com.example.Cache", 0x2000, () -> null);
        assertThat(byClass.site.where).isEqualTo("com.example.Cache");
        assertThat(byClass.site.kind).isEqualTo(SiteKinds.MONITOR_CLASS);
        byClass.recordWait(2_000_000, false, true);
        // Its waits are counted under the class site (meters, advice): a later stack does not move them.
        registry.monitor("com.example.Cache", 0x2000, () -> {
            asked[0] = true;
            return "com.example.Cache.get:5";
        });
        assertThat(byClass.site.where).isEqualTo("com.example.Cache");
        assertThat(asked[0]).as("no stack read for a monitor that has its site").isFalse();
    }
}
