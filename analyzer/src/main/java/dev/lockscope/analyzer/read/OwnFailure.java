package dev.lockscope.analyzer.read;

/**
 * Whether a failure while reading a recording's events was thrown by lockscope's own handling of an event rather than
 * by the parser: then the file is not shown to be damaged, and the error must say that lockscope failed on it, or a
 * lockscope bug reads to the user as a corrupt recording.
 */
final class OwnFailure {
    private OwnFailure() {
    }

    /**
     * The first frame outside the JDK where {@code t}, or the cause it wraps innermost, was thrown, when that frame is
     * lockscope's; else null (the parser's failure, or nothing to tell).
     */
    static StackTraceElement where(Throwable t) {
        Throwable root = t;
        while (root.getCause() != null && root.getCause() != root) {
            root = root.getCause();
        }
        for (StackTraceElement e : root.getStackTrace()) {
            String c = e.getClassName();
            if (c.startsWith("java.") || c.startsWith("jdk.") || c.startsWith("sun.")) {
                continue;
            }
            return c.startsWith("dev.lockscope.") ? e : null;
        }
        return null;
    }

    /** The one-line message for a failure {@link #where} placed in lockscope's code. */
    static String message(Throwable t, StackTraceElement at) {
        Throwable root = t;
        while (root.getCause() != null && root.getCause() != root) {
            root = root.getCause();
        }
        String m = root.getMessage();
        return "lockscope failed on an event of this recording (" + root.getClass().getSimpleName()
                + (m == null || m.length() > 120 ? "" : ": " + m) + " at " + at.getClassName() + "." + at.getMethodName()
                + ":" + at.getLineNumber() + "); its chunks' structure is intact: a lockscope bug, or damage the checks do "
                + "not see; please report it with the recording";
    }
}
