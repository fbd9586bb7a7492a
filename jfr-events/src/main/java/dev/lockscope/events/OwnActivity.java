package dev.lockscope.events;

/**
 * The names that tell lockscope's own activity from the application's, for the agent (which leaves that activity
 * out of its figures) and the analyzer (which leaves it out of its reports) alike: the threads the agent and its
 * native probe start are named {@code lockscope-...}, and their code lives in the agent's packages, the probe's and
 * this one. A wait of such a thread, or with such code on the waiter's stack, is lockscope's own.
 */
public final class OwnActivity {
    /** The name prefix of every thread the agent or its native probe starts. */
    public static final String THREAD_PREFIX = "lockscope-";

    /**
     * The agent's packages below {@code dev.lockscope.agent} (its root package's classes count too). Listed, not
     * matched by prefix: an application's own package may start with it (the agent's tests run such applications).
     * Packages earlier agents had are listed too, so the analyzer still tells their code in the recordings they wrote.
     */
    static final String[] AGENT_PACKAGES = {"adapt", "advice", "control", "dispatch", "entry", "hooks", "instrument", "jfr", "meters",
        "monitor", "registry", "sections",
        // earlier agents' names
        "boot", "bootstrap", "metrics"};
    private static final String AGENT = "dev.lockscope.agent.";

    private OwnActivity() {
    }

    public static boolean isOwnThread(String threadName) {
        return threadName != null && threadName.startsWith(THREAD_PREFIX);
    }

    /** True for a class of the agent, the native probe or these events (a frame of lockscope's own work). */
    public static boolean isOwnCode(String className) {
        if (className.startsWith("dev.lockscope.probe.") || className.startsWith("dev.lockscope.events.")) {
            return true;
        }
        if (!className.startsWith(AGENT)) {
            return false;
        }
        int dot = className.indexOf('.', AGENT.length());
        if (dot < 0) {
            return true; // dev.lockscope.agent.AgentMain
        }
        String pkg = className.substring(AGENT.length(), dot);
        for (String p : AGENT_PACKAGES) {
            if (p.equals(pkg)) {
                return true;
            }
        }
        return false;
    }
}
