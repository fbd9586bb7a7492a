package dev.lockscope.agent.registry;

/**
 * Stack frames that are the lock's implementation or the agent, never the place the application asked for a lock:
 * java.util.concurrent.locks, lockscope's adaptive locks, the agent (its boot-loader dispatcher and everything its
 * own class loader defines), the synchronizer's class and its nested classes, and for the JDK's own synchronizers
 * (Semaphore, CountDownLatch, ...) the lock class that holds them. The first frame below these is the acquire site:
 * where a lock built outside rewritten code was first contended, and where a LockWait event's stack starts.
 */
public final class LockFrames {
    private static final ClassLoader AGENT_LOADER = LockFrames.class.getClassLoader();

    private LockFrames() {
    }

    /** @param syncClass the class name of the synchronizer being waited for */
    public static boolean isMachinery(StackWalker.StackFrame f, String syncClass) {
        String c = f.getClassName();
        if (c.startsWith("java.util.concurrent.locks.") || c.startsWith("dev.lockscope.locks.")
                || f.getDeclaringClass().getClassLoader() == AGENT_LOADER || AgentThreads.isAgentFrame(c)) {
            return true;
        }
        if (c.equals(syncClass) || c.startsWith(syncClass + "$")) {
            return true;
        }
        // java.util.concurrent.Semaphore$NonfairSync: Semaphore.acquire is the lock's code too. Only for the JDK's
        // classes: an application's Service$Sync does not make every method of Service lock machinery.
        int nested = syncClass.indexOf('$');
        return nested > 0 && syncClass.startsWith("java.util.concurrent.") && c.equals(syncClass.substring(0, nested));
    }
}
