package dev.lockscope.analyzer.holders;

import dev.lockscope.analyzer.aggregate.AgentLockStats;
import dev.lockscope.analyzer.aggregate.LockStats;
import dev.lockscope.analyzer.model.Frame;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * The places where threads were recorded waiting for one lock (its sites, {@code pkg.Class.method:line}), by class and
 * method: a frame of an owner's stack in such a method is where that owner most likely took the lock. A monitor's
 * waiting frame is the method that enters it (the JDK names the line of the monitor enter or the one after); a
 * java.util.concurrent lock's, the caller of {@code lock()}.
 */
public final class KnownSites {
    public static final KnownSites NONE = new KnownSites(List.of());

    private final Map<String, Map<String, List<Site>>> byClass = new HashMap<>();

    private record Site(String name, int line) {
    }

    /**
     * A lock's known sites: its JDK row's sites, then the waiting sites of the agent's lock matched to it. Either may be
     * null (a row the agent did not see, an agent lock no JDK row matched).
     */
    public static KnownSites of(LockStats row, AgentLockStats agent) {
        List<String> sites = new ArrayList<>();
        if (row != null) {
            row.sites().top(Integer.MAX_VALUE).forEach(t -> sites.add(t.name()));
        }
        if (agent != null) {
            sites.addAll(agent.waitingSites());
        }
        return new KnownSites(sites);
    }

    public KnownSites(Collection<String> sites) {
        for (String s : sites) {
            if (s == null || s.startsWith("(")) {
                continue; // "(JDK) ...", "(no stack trace)", "(other)": no application method to match
            }
            int colon = s.lastIndexOf(':');
            int line = -1;
            String where = s;
            if (colon > 0 && s.substring(colon + 1).matches("\\d+")) {
                line = Integer.parseInt(s.substring(colon + 1));
                where = s.substring(0, colon);
            }
            int dot = where.lastIndexOf('.');
            if (dot <= 0) {
                continue;
            }
            byClass.computeIfAbsent(where.substring(0, dot), c -> new HashMap<>())
                    .computeIfAbsent(where.substring(dot + 1), m -> new ArrayList<>()).add(new Site(s, line));
        }
    }

    public boolean isEmpty() {
        return byClass.isEmpty();
    }

    /**
     * The known site {@code f} is in, or null: of several sites in its method, the last one at or before the frame's
     * line (the section the frame is inside), else the first.
     */
    String siteOf(Frame f) {
        Map<String, List<Site>> methods = byClass.get(f.className());
        List<Site> sites = methods == null ? null : methods.get(f.method());
        if (sites == null) {
            return null;
        }
        Site best = null;
        for (Site s : sites) {
            if (s.line() <= f.line() && (best == null || s.line() > best.line())) {
                best = s;
            }
        }
        return best != null ? best.name() : sites.get(0).name();
    }

    /** Whether {@code f} runs in {@code className.method}. */
    static boolean sameMethod(Frame f, Frame other) {
        return f.className().equals(other.className()) && f.method().equals(other.method());
    }
}
