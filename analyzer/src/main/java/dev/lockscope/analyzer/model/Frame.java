package dev.lockscope.analyzer.model;

import dev.lockscope.events.OwnActivity;

/** One stack frame as the report shows it. */
public record Frame(String className, String method, int line) {

    /**
     * The JDK's packages and lockscope's adaptive locks (a lock implementation, like java.util.concurrent.locks: the
     * caller's frame is the site). lockscope's own code (the agent's hooks run on the waiting thread, above the park)
     * is told by {@link OwnActivity}.
     */
    private static final String[] JDK_PREFIXES = {"java.", "javax.", "jdk.", "sun.", "com.sun.", "dev.lockscope.locks."};

    /** How a class or method the recording did not name reads. */
    public static final String UNNAMED = "?";

    /** JMC gives null for a frame's class or method a recording left unnamed: such a frame reads as "?", never fails. */
    public Frame {
        className = className == null ? UNNAMED : className;
        method = method == null ? UNNAMED : method;
    }

    /** True for frames of the JDK itself (or of lockscope's agent), which never make a lock's site. */
    public boolean isJdk() {
        for (String p : JDK_PREFIXES) {
            if (className.startsWith(p)) {
                return true;
            }
        }
        return OwnActivity.isOwnCode(className);
    }

    /** {@code pkg.Class.method:line}, the way a stack trace prints it. */
    @Override
    public String toString() {
        return className + "." + method + (line > 0 ? ":" + line : "");
    }

    /** {@code Class.method:line} without the package, for narrow columns. */
    public String shortName() {
        int dot = className.lastIndexOf('.');
        return className.substring(dot + 1) + "." + method + (line > 0 ? ":" + line : "");
    }
}
