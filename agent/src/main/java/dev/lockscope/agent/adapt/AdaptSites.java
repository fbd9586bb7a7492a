package dev.lockscope.agent.adapt;

import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Which {@code new ReentrantLock(...)} sites to swap, as the agent option {@code adapt=} names them, in the form
 * the reports print a construction site: {@code pkg.Class.method:line}; also {@code pkg.Class:line} (any method)
 * and {@code pkg.Class} (every site of the class). A last segment that starts with a lower-case letter or
 * {@code <} is a method name, anything else is part of the class name. The line is the line of the {@code new}.
 */
public final class AdaptSites {
    /** One pattern: class in internal form, method or null for any, line or 0 for any. */
    record Pattern(String internalClass, String method, int line, String text) {
        boolean matches(String cls, String m, int l) {
            return internalClass.equals(cls) && (method == null || method.equals(m)) && (line == 0 || line == l);
        }
    }

    private final List<Pattern> patterns = new java.util.concurrent.CopyOnWriteArrayList<>();
    /** Classes named by some pattern: the cheap first test at class load. */
    private final Set<String> classes = ConcurrentHashMap.newKeySet();

    /** Parses {@code adapt=} sites (comma separated); {@code auto} is not a site and is skipped here. */
    public static AdaptSites parse(String option) {
        AdaptSites s = new AdaptSites();
        for (String part : option.split(",")) {
            String p = part.trim();
            if (!p.isEmpty() && !p.equals("auto")) {
                s.add(p);
            }
        }
        return s;
    }

    /** Adds one site; a malformed one is an IllegalArgumentException with a one-line message. */
    public Pattern add(String site) {
        String body = site;
        int line = 0;
        int colon = site.lastIndexOf(':');
        if (colon >= 0) {
            try {
                line = Integer.parseInt(site.substring(colon + 1));
            } catch (NumberFormatException e) {
                throw new IllegalArgumentException("adapt site '" + site + "' must end in :LINE (a number)");
            }
            body = site.substring(0, colon);
        }
        if (body.isEmpty() || body.startsWith(".") || body.endsWith(".") || line < 0) {
            throw new IllegalArgumentException("adapt site '" + site + "' must look like pkg.Class.method:line, pkg.Class:line or pkg.Class");
        }
        String cls = body;
        String method = null;
        int dot = body.lastIndexOf('.');
        if (dot > 0) {
            String last = body.substring(dot + 1);
            if (Character.isLowerCase(last.charAt(0)) || last.charAt(0) == '<') {
                cls = body.substring(0, dot);
                method = last;
            }
        }
        Pattern p = new Pattern(cls.replace('.', '/'), method, line, site);
        patterns.add(p);
        classes.add(p.internalClass());
        return p;
    }

    boolean concerns(String internalClass) {
        return classes.contains(internalClass);
    }

    boolean matches(String internalClass, String method, int line) {
        for (Pattern p : patterns) {
            if (p.matches(internalClass, method, line)) {
                return true;
            }
        }
        return false;
    }

    /** The given texts of every pattern naming this site (at a swap, so the status can say which matched). */
    List<String> matchingTexts(String internalClass, String method, int line) {
        List<String> out = new ArrayList<>();
        for (Pattern p : patterns) {
            if (p.matches(internalClass, method, line)) {
                out.add(p.text());
            }
        }
        return out;
    }

    /** Internal names of the classes the patterns name. */
    Set<String> classes() {
        return classes;
    }

    public boolean isEmpty() {
        return patterns.isEmpty();
    }

    /** The patterns as given, for logs and status events. */
    public List<String> texts() {
        List<String> out = new ArrayList<>();
        for (Pattern p : patterns) {
            out.add(p.text());
        }
        return out;
    }
}
