package dev.lockscope.agent.meters;

import dev.lockscope.agent.registry.LeftOut;
import dev.lockscope.agent.registry.LockRegistry;
import dev.lockscope.agent.registry.LockStats;
import dev.lockscope.agent.registry.ProbeLabels;
import dev.lockscope.agent.registry.Site;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.lang.instrument.Instrumentation;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Consumer;

/**
 * The meters named in DESIGN.md, with bounded tags: the first {@code metricsTopSites} sites to rank among
 * the most-waited get their own {@code site} tag, all others are summed under {@code site=other}. Values
 * are read from a snapshot refreshed once a second (never in a hook). Registered in the agent's own
 * Micrometer (backing the optional loopback Prometheus endpoint) and in the application's
 * {@code Metrics.globalRegistry} when the application uses Micrometer.
 */
public final class MetricsSupport {
    private final LockRegistry registry;
    private final MeterOptions options;
    private final Instrumentation inst;
    private final Consumer<String> log;
    private final int topSites;
    private final SimpleMeterRegistry own = new SimpleMeterRegistry();
    private final List<MeterSink> sinks = new ArrayList<>();
    /** Slot i: site id with its own tag (0 = free). The last slot is "other". */
    private final int[] slotSite;
    private final SlotValues[] slots;
    private PrometheusEndpoint endpoint;
    private boolean appBound;
    /** Where futex calls come from, or null when they are not counted (then lockscope.futex.calls is absent). */
    private String futexSource;
    private int refreshes;

    /** What one tag value reads; updated by refresh(). */
    static final class SlotValues {
        volatile long waits;
        volatile long waitNanos;
        volatile long holds;
        volatile long holdNanos;
        volatile long futexCalls;
    }

    public MetricsSupport(LockRegistry registry, MeterOptions options, Instrumentation inst, Consumer<String> log) {
        this.registry = registry;
        this.options = options;
        this.inst = inst;
        this.log = log;
        this.topSites = options.topSites();
        slotSite = new int[topSites];
        slots = new SlotValues[topSites + 1];
        for (int i = 0; i < slots.length; i++) {
            slots[i] = new SlotValues();
        }
    }

    public void start() throws Exception {
        ProbeLabels labels = registry.probeLabels;
        futexSource = labels.futexCounted() ? labels.futex : null;
        if (futexSource == null) {
            log.accept("meter lockscope.futex.calls not registered: " + labels.futexMissingReason());
        }
        sinks.add(new AgentMeterSink(own));
        register(sinks.get(0), slots.length - 1, "other");
        registerAgentCost(sinks.get(0));
        int port = options.prometheusPort();
        if (port > 0) {
            endpoint = new PrometheusEndpoint(own, port);
            endpoint.start();
            log.accept("Prometheus metrics on http://127.0.0.1:" + endpoint.port() + "/metrics");
        }
        refresh();
    }

    /** Closes the Prometheus endpoint and removes every meter from every registry it was put in. */
    public synchronized void stop() {
        if (endpoint != null) {
            endpoint.stop();
        }
        for (MeterSink sink : sinks) {
            try {
                sink.removeAll();
            } catch (Throwable t) {
                log.accept("meters not removed: " + t);
            }
        }
        sinks.clear();
    }

    public SimpleMeterRegistry ownRegistry() {
        return own;
    }

    /** Recomputes the per-site snapshot, assigns free tag slots to the most-waited sites, binds the app's Micrometer. */
    public synchronized void refresh() {
        long[] waits = registry.siteTotals(LockStats.WAITS);
        long[] waitNs = registry.siteTotals(LockStats.WAIT_NS);
        long[] holds = registry.siteTotals(LockStats.HOLDS);
        long[] holdNs = registry.siteTotals(LockStats.HOLD_NS);
        long[] futex = registry.siteTotals(LockStats.FUTEX_CALLS);
        assignSlots(waitNs);
        long ow = 0, own = 0, oh = 0, ohn = 0, of = 0;
        for (int id = 0; id < waits.length; id++) {
            int slot = slotOf(id);
            if (slot >= 0) {
                slots[slot].waits = waits[id];
                slots[slot].waitNanos = waitNs[id];
                slots[slot].holds = holds[id];
                slots[slot].holdNanos = holdNs[id];
                slots[slot].futexCalls = futex[id];
            } else {
                ow += waits[id];
                own += waitNs[id];
                oh += holds[id];
                ohn += holdNs[id];
                of += futex[id];
            }
        }
        SlotValues other = slots[slots.length - 1];
        other.waits = ow;
        other.waitNanos = own;
        other.holds = oh;
        other.holdNanos = ohn;
        other.futexCalls = of;
        if (!appBound && options.appMeters() && micrometerScanDue(refreshes++)) {
            bindApplicationMicrometer();
        }
    }

    /**
     * Looking for the application's Micrometer walks every loaded class (asking each class loader once), so it runs
     * at refreshes 0, 1, 2 and 4, then every 8th (about 8 s): most applications set up their meters at start, and a
     * late one is bound soon enough.
     */
    static boolean micrometerScanDue(long refresh) {
        return refresh < 8 ? Long.bitCount(refresh) <= 1 : refresh % 8 == 0;
    }

    private void assignSlots(long[] waitNs) {
        List<Integer> order = new ArrayList<>();
        for (int id = 1; id < waitNs.length; id++) {
            if (waitNs[id] > 0 && slotOf(id) < 0) {
                order.add(id);
            }
        }
        order.sort((a, b) -> Long.compare(waitNs[b], waitNs[a]));
        for (int id : order) {
            int free = -1;
            for (int i = 0; i < topSites; i++) {
                if (slotSite[i] == 0) {
                    free = i;
                    break;
                }
            }
            if (free < 0) {
                return;
            }
            slotSite[free] = id;
            Site s = registry.sites.byId(id);
            for (MeterSink sink : sinks) {
                register(sink, free, s.where);
            }
        }
    }

    private int slotOf(int siteId) {
        for (int i = 0; i < topSites; i++) {
            if (slotSite[i] == siteId) {
                return i;
            }
        }
        return -1;
    }

    private void register(MeterSink sink, int slot, String site) {
        SlotValues v = slots[slot];
        String[] tags = {"site", site, "source", "agent"};
        sink.functionTimer("lockscope.lock.wait", "Contended lock waits measured by the lockscope agent: every contended acquisition"
                + " of a java.util.concurrent lock, however short; monitor waits from the JDK's events above monitorThreshold."
                + " JFR's own wait events keep only waits above their threshold, so reports built on them count fewer", tags, v, x -> x.waits, x -> x.waitNanos);
        sink.functionTimer("lockscope.lock.hold", "Timed hold spans of contended acquisitions (measured by the lockscope agent, sampled: at most one per lock per holdSpanEvery)", tags, v, x -> x.holds, x -> x.holdNanos);
        if (futexSource != null) {
            sink.functionCounter("lockscope.futex.calls", "Futex system calls of waiter and owner during contended waits that one"
                    + " futex-counting window covered (" + futexSource + ")", tags, v, x -> x.futexCalls);
        }
    }

    /**
     * The agent's cost in waits: application threads waiting for a lock an agent thread held. Kept out of
     * {@code lockscope.lock.wait} (no lock of the application is to blame), so it gets a meter of its own, untagged
     * by site. Read from the counters themselves (atomics), never in a hook.
     */
    private void registerAgentCost(MeterSink sink) {
        LeftOut left = registry.leftOut;
        sink.functionTimer("lockscope.agent.wait", "Waits of application threads for a lock a lockscope agent thread held:"
                + " the agent's cost, left out of lockscope.lock.wait (measured: agent hooks; synchronized: jdk.JavaMonitorEnter"
                + " over monitorThreshold)", new String[] {"source", "agent"}, left, LeftOut::agentOwnedWaits, LeftOut::agentOwnedNanos);
    }

    private void bindApplicationMicrometer() {
        Class<?> c;
        try {
            c = LoadedClasses.find(inst, "io.micrometer.core.instrument.Metrics", MetricsSupport.class.getClassLoader());
        } catch (ReflectiveOperationException | RuntimeException e) {
            log.accept("application Micrometer not looked for: " + e);
            appBound = true; // not looked for again
            return;
        }
        if (c == null) {
            return;
        }
        try {
            AppMeterSink sink = new AppMeterSink(c);
            register(sink, slots.length - 1, "other");
            registerAgentCost(sink);
            for (int i = 0; i < topSites; i++) {
                if (slotSite[i] != 0) {
                    register(sink, i, registry.sites.byId(slotSite[i]).where);
                }
            }
            sinks.add(sink);
            log.accept("meters registered in the application's Micrometer Metrics.globalRegistry");
        } catch (Throwable t) {
            log.accept("application Micrometer not bound: " + t);
        }
        appBound = true;
    }
}
