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
        for (StackTraceElement e : root(t).getStackTrace()) {
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
        return "lockscope failed on an event of this recording (" + ChunkCheck.kind(root(t)) + " at "
                + at.getClassName() + "." + at.getMethodName() + ":" + at.getLineNumber() + "); its chunks' structure is "
                + "intact: a lockscope bug, or damage the checks do not see; please report it with the recording";
    }

    /** The innermost cause: where the failure was thrown, whatever wrapped it on the way (the parser's threads). */
    private static Throwable root(Throwable t) {
        Throwable root = t;
        while (root.getCause() != null && root.getCause() != root) {
            root = root.getCause();
        }
        return root;
    }
}
