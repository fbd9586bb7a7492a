package dev.lockscope.agent.registry;

import java.util.function.Consumer;

/**
 * How many constructions of each rewritten site get bound to it (the construction path itself is in
 * {@code boot.LockscopeDispatch.constructed}, which spends the budget). Hot locks are long-lived and built
 * rarely, so the first {@code initial} constructions of every site are all bound; per-request locks are
 * built by the million and each is rarely contended, so after that a site gets {@code perSecond} bindings a
 * second and its other constructions are only counted. A lock that was not bound falls back to the frame that
 * first contended it, as locks built outside rewritten code do.
 *
 * Agent background thread only (refill once a second); the array is shared with application threads, which
 * write it with plain stores, so every count here is approximate by design.
 */
public final class SiteBudgets {
    /** Default: first 4096 constructions of a site bound, then 256 a second. */
    public static final String DEFAULT = "4096/256";

    private final int[] budget;
    private final int skipFloor;
    private final SiteRegistry sites;
    private final int initial;
    private final int perSecond;
    private final boolean[] reported;
    private long skipped;
    private long saturated;
    private int logged;

    public SiteBudgets(int[] budget, int skipFloor, SiteRegistry sites, int initial, int perSecond) {
        this.budget = budget;
        this.skipFloor = skipFloor;
        this.sites = sites;
        this.initial = initial;
        this.perSecond = perSecond;
        this.reported = new boolean[budget.length];
        // Site 0 is the registry's "other" (full): a binding to it would say nothing, so it never gets a budget.
        budget[0] = 0;
        for (int id = 1; id < budget.length; id++) {
            budget[id] = initial;
        }
    }

    /** Parses {@code INITIAL/PER_SECOND}; returns {initial, perSecond}. */
    public static int[] parse(String text) {
        String[] p = text.split("/", -1);
        try {
            if (p.length == 2) {
                int a = Integer.parseInt(p[0].trim());
                int b = Integer.parseInt(p[1].trim());
                if (a >= 0 && b >= 0) {
                    return new int[] {a, b};
                }
            }
        } catch (NumberFormatException e) {
            // fall through to the one-line error
        }
        throw new IllegalArgumentException("agent option siteBudget must be INITIAL/PER_SECOND (non-negative integers), not '" + text + "'");
    }

    /**
     * Once a second: harvests the skips counted since the last refill and tops every spent budget up to
     * {@code perSecond}. Logs (through {@code log}) the first few sites whose initial budget ran out.
     */
    public synchronized void refill(Consumer<String> log) {
        int n = Math.min(sites.size(), budget.length);
        for (int id = 0; id < n; id++) {
            int b = budget[id];
            if (b >= perSecond && id != 0) {
                continue;
            }
            if (b < 0) {
                skipped += -(long) b;
                if (b <= skipFloor) {
                    saturated++;
                }
            }
            if (b <= 0 && id != 0 && !reported[id]) {
                reported[id] = true;
                if (logged++ < 3) {
                    log.accept("site " + sites.byId(id).where + " built more than " + initial + " locks: from now on " + perSecond
                            + " a second are bound to their construction site, the others get their first-contended site"
                            + " (counted: JMX SiteSkips, AgentStatus siteSkips)" + (logged == 3 ? "; further such sites are not logged" : ""));
                }
            }
            budget[id] = id == 0 ? 0 : Math.max(b, perSecond);
        }
    }

    /** Constructions at rewritten sites not bound to their site (counted up to the last refill; a lower bound). */
    public synchronized long skipped() {
        return skipped;
    }

    /**
     * Site-seconds in which a site skipped more than {@code -skipFloor} constructions: beyond that they are
     * not counted, so {@link #skipped()} is a lower bound when this is non-zero.
     */
    public synchronized long saturated() {
        return saturated;
    }

    /** Sites whose initial budget ran out. */
    public synchronized int sitesOverBudget() {
        int c = 0;
        for (boolean r : reported) {
            if (r) {
                c++;
            }
        }
        return c;
    }
}
