package dev.lockscope.analyzer.aggregate;

import java.util.HashMap;
import java.util.Map;

/**
 * The agent's classification of acquire sites (dev.lockscope.CriticalSection events): read-only or not, by
 * {@code pkg.Class.method:line}, the way a wait's acquiring frame names its site. Bounded: past
 * {@link #MAX_SITES} sites new ones are ignored (their waits then count as unclassified).
 */
public final class SectionIndex {
    static final int MAX_SITES = 65_536;

    /** Site to read-only; two sections on one line are read-only only if both are. */
    private final Map<String, Boolean> bySite = new HashMap<>();
    /** Class.method to read-only when all its sections agree, null when they differ. */
    private final Map<String, Boolean> byMethod = new HashMap<>();

    public synchronized void add(String className, String method, int line, boolean readOnly) {
        if (className == null || method == null || bySite.size() >= MAX_SITES) {
            return;
        }
        String m = className + "." + method;
        bySite.merge(line > 0 ? m + ":" + line : m, readOnly, Boolean::logicalAnd);
        if (byMethod.containsKey(m)) {
            Boolean prev = byMethod.get(m);
            byMethod.put(m, prev != null && prev == readOnly ? prev : null);
        } else {
            byMethod.put(m, readOnly);
        }
    }

    /**
     * Adds another recording's classification: a site is read-only if it is in both, a method keeps its verdict only
     * where both agree (as if each of their sections had been added here).
     */
    public synchronized void addAll(SectionIndex other) {
        Map<String, Boolean> sites;
        Map<String, Boolean> methods;
        synchronized (other) {
            sites = new java.util.LinkedHashMap<>(other.bySite);
            methods = new java.util.LinkedHashMap<>(other.byMethod);
        }
        sites.forEach((site, readOnly) -> {
            if (bySite.containsKey(site) || bySite.size() < MAX_SITES) {
                bySite.merge(site, readOnly, Boolean::logicalAnd);
            }
        });
        methods.forEach((m, readOnly) -> {
            if (byMethod.containsKey(m)) {
                Boolean prev = byMethod.get(m);
                byMethod.put(m, prev != null && prev.equals(readOnly) ? prev : null);
            } else {
                byMethod.put(m, readOnly);
            }
        });
    }

    public synchronized boolean isEmpty() {
        return bySite.isEmpty();
    }

    /**
     * Whether the section at a wait's acquiring frame ({@code pkg.Class.method:line}) is read-only: TRUE, FALSE,
     * or null when the site was not classified. A frame whose line matches no section (a synchronized method's
     * monitor enter may be reported at another line of the method) falls back to its method when all of that
     * method's sections agree.
     */
    public synchronized Boolean readOnly(String site) {
        Boolean exact = bySite.get(site);
        if (exact != null) {
            return exact;
        }
        int colon = site.lastIndexOf(':');
        return byMethod.get(colon > 0 ? site.substring(0, colon) : site);
    }
}
