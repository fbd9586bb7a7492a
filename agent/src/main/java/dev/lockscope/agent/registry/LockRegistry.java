package dev.lockscope.agent.registry;

import dev.lockscope.events.SiteKinds;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Supplier;

/**
 * Everything the agent knows about locks: java.util.concurrent instances (lock-free table, fed by hooks),
 * monitors (fed by the JDK's JFR monitor events on one stream thread), and their sites.
 */
public final class LockRegistry {
    public static final String SOURCE_HOOKS = "measured: agent hooks";
    public static final String SOURCE_MONITOR = "measured: jdk.JavaMonitorEnter/Wait stream";

    public final SiteRegistry sites;
    public final SiteBindings bindings;
    public final LockTable locks;
    /** Where the probe-joined figures come from (set once when the probe is joined). */
    public volatile ProbeLabels probeLabels = ProbeLabels.unavailable("native probe not joined");
    /** Waits kept out of every figure because they are the agent's own activity, counted. */
    public final LeftOut leftOut = new LeftOut();
    /** Construction-site budgets (set once by the agent when it rewrites sites; null otherwise). */
    public volatile SiteBudgets siteBudgets;
    private final int maxMonitors;
    private final LinkedHashMap<String, LockStats> monitors;
    private long monitorEvictions;

    public LockRegistry(int maxLocks, int maxSites, int bindingSlots, int maxMonitors) {
        sites = new SiteRegistry(maxSites);
        bindings = new SiteBindings(bindingSlots);
        locks = new LockTable(maxLocks);
        this.maxMonitors = maxMonitors;
        monitors = new LinkedHashMap<>(64, 0.75f, true);
    }

    /** Stats of the monitor of class {@code monitorClass} at {@code address}, named by its class (stream thread only). */
    public LockStats monitor(String monitorClass, long address) {
        return monitor(monitorClass, address, null);
    }

    /**
     * Stats of the monitor of class {@code monitorClass} at {@code address} (stream thread only; not a hook).
     * {@code waitedAt} tells where the thread of this event waited for it (the code site, or null when its stack
     * shows none); it is asked, outside this registry's lock, only for a monitor without a site of its own yet: a
     * new one, or one seen so far only in Object.wait calls, which carry no stack. Null names the monitor by class.
     */
    public LockStats monitor(String monitorClass, long address, Supplier<String> waitedAt) {
        String key = monitorClass + '@' + Long.toHexString(address);
        synchronized (monitors) {
            LockStats s = monitors.get(key);
            if (s != null && (waitedAt == null || !needsSite(s))) {
                return s;
            }
        }
        String where = waitedAt == null ? null : waitedAt.get();
        Site site = where == null ? sites.intern(monitorClass, SiteKinds.MONITOR_CLASS) : sites.intern(where, SiteKinds.MONITOR_FIRST_CONTENDED);
        synchronized (monitors) {
            LockStats s = monitors.get(key);
            if (s == null) {
                s = LockStats.monitor(address, monitorClass, site, SOURCE_MONITOR);
                monitors.put(key, s);
                if (monitors.size() > maxMonitors) {
                    Iterator<LockStats> it = monitors.values().iterator();
                    LockStats eldest = it.next();
                    it.remove();
                    eldest.foldInto(eldest.site);
                    monitorEvictions++;
                }
            } else if (where != null && needsSite(s)) {
                // Only condition waits so far, which no meter or advice counts: nothing is moved between sites.
                s.site = site;
            }
            return s;
        }
    }

    /** A monitor named by class that has had no contended enter yet, so its first one may name its site. */
    private static boolean needsSite(LockStats s) {
        return SiteKinds.MONITOR_CLASS.equals(s.site.kind) && s.get(LockStats.WAITS) == 0;
    }

    /** Every live entry, j.u.c. locks and monitors (reporter thread). */
    public List<LockStats> all() {
        List<LockStats> out = locks.entries();
        synchronized (monitors) {
            out.addAll(monitors.values());
        }
        return out;
    }

    public int tracked() {
        synchronized (monitors) {
            return locks.size() + monitors.size();
        }
    }

    public long evictions() {
        synchronized (monitors) {
            return locks.evictions() + monitorEvictions;
        }
    }

    /** Per-site cumulative totals (folded + live) of a summable field ({@link LockStats#summable}): index = site id. */
    public long[] siteTotals(int field) {
        int n = sites.size();
        long[] totals = new long[n];
        for (int id = 0; id < n; id++) {
            totals[id] = sites.byId(id).folded(field);
        }
        for (LockStats s : all()) {
            if (s.site.id < n) {
                totals[s.site.id] += s.get(field);
            }
        }
        return totals;
    }

    /** A short text table of the top locks by total wait, for the MBean and logs. */
    public String describeTop(int n) {
        List<LockStats> all = new ArrayList<>(all());
        all.sort((a, b) -> Long.compare(b.get(LockStats.WAIT_NS), a.get(LockStats.WAIT_NS)));
        StringBuilder sb = new StringBuilder();
        for (LockStats s : all.subList(0, Math.min(n, all.size()))) {
            sb.append(String.format("%s %s waits=%d wait=%.3fms holds=%d hold=%.3fms condWaits=%d%n",
                    s.lockClass, s.site, s.get(LockStats.WAITS), s.get(LockStats.WAIT_NS) / 1e6,
                    s.get(LockStats.HOLDS), s.get(LockStats.HOLD_NS) / 1e6, s.get(LockStats.COND_WAITS)));
        }
        return sb.toString();
    }

    public Map<String, Long> counters() {
        Map<String, Long> m = new LinkedHashMap<>();
        m.put("trackedLocks", (long) tracked());
        m.put("evictions", evictions());
        m.put("siteOverwrites", bindings.overwrites());
        SiteBudgets b = siteBudgets;
        m.put("siteSkips", b == null ? 0L : b.skipped());
        m.put("ownWaitsLeftOut", leftOut.ownWaits());
        m.put("agentOwnedWaits", leftOut.agentOwnedWaits());
        return m;
    }
}
