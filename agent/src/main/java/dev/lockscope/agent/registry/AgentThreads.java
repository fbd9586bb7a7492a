package dev.lockscope.agent.registry;

import dev.lockscope.events.OwnActivity;

/**
 * Which waits are the agent's own rather than the application's: the agent names every thread it starts
 * {@code lockscope-...}, and its code is in its own packages and the native probe's ({@link OwnActivity}, the rule
 * the analyzer applies to recordings too).
 */
public final class AgentThreads {
    /** The name prefix of every thread the agent (or its native probe) starts. */
    public static final String PREFIX = OwnActivity.THREAD_PREFIX;

    private AgentThreads() {
    }

    public static boolean isAgentThread(Thread t) {
        return t != null && isAgentThreadName(t.getName());
    }

    public static boolean isAgentThreadName(String name) {
        return OwnActivity.isOwnThread(name);
    }

    /**
     * True for a frame of the agent's or the native probe's code: a wait with such a frame on its stack happens
     * because of the agent's own work, whichever thread it borrowed (e.g. JFR's periodic thread running the
     * agent's summary hook).
     */
    public static boolean isAgentFrame(String className) {
        return OwnActivity.isOwnCode(className);
    }

    /**
     * Runs {@code start} (which starts a JDK service, e.g. an HTTP server) on a thread of a thread group of its own,
     * then gives the threads it left running in that group the agent's prefix: threads the JDK names itself
     * ("HTTP-Dispatcher") are the agent's too, and must read as such.
     */
    public static <T> T startNamed(String what, java.util.concurrent.Callable<T> start) throws Exception {
        ThreadGroup group = new ThreadGroup(PREFIX + what);
        Object[] result = new Object[1];
        Exception[] failure = new Exception[1];
        Thread starter = new Thread(group, () -> {
            try {
                result[0] = start.call();
            } catch (Exception e) {
                failure[0] = e;
            }
        }, PREFIX + what + "-start");
        starter.setDaemon(true);
        starter.start();
        starter.join();
        if (failure[0] != null) {
            throw failure[0];
        }
        Thread[] members = new Thread[group.activeCount() + 16];
        int n = group.enumerate(members);
        for (int i = 0; i < n; i++) {
            if (!isAgentThread(members[i])) {
                members[i].setName(PREFIX + members[i].getName());
            }
        }
        @SuppressWarnings("unchecked")
        T t = (T) result[0];
        return t;
    }

    /**
     * Gives the agent's prefix to live threads of a class its own loader defined: a library's own threads (JNA's
     * "JNA Cleaner", started when the native probe joins). The agent's copies of its libraries are the agent's; an
     * application's copies are other classes, whose threads keep their names. Returns how many were renamed.
     */
    public static int claimLibraryThreads(ClassLoader agentLoader) {
        ThreadGroup root = Thread.currentThread().getThreadGroup();
        while (root.getParent() != null) {
            root = root.getParent();
        }
        Thread[] all = new Thread[root.activeCount() + 32];
        int n = root.enumerate(all, true);
        int renamed = 0;
        for (int i = 0; i < n; i++) {
            Thread t = all[i];
            if (t.getClass().getClassLoader() == agentLoader && !isAgentThread(t)) {
                t.setName(PREFIX + t.getName());
                renamed++;
            }
        }
        return renamed;
    }
}
