package dev.lockscope.agent;

/** Whether the JVM has begun to shut down: the agent's background start then stops rather than start its parts. */
final class JvmShutdown {
    /** The detail line when it does. */
    static final String SKIPPED = "background start skipped: the JVM is shutting down";

    private JvmShutdown() {
    }

    /**
     * True once shutdown has begun. The JDK has no query for it; adding a shutdown hook is refused from then on, so a
     * hook that does nothing is added and at once removed.
     */
    static boolean inProgress() {
        Thread probe = new Thread(() -> { }, "lockscope-shutdown-check");
        try {
            Runtime.getRuntime().addShutdownHook(probe);
            Runtime.getRuntime().removeShutdownHook(probe);
            return false;
        } catch (IllegalStateException e) {
            return true;
        }
    }
}
