package dev.lockscope.agent;

import dev.lockscope.agent.dispatch.Hooks;
import dev.lockscope.agent.hooks.LockHooks;
import dev.lockscope.agent.hooks.ProbeReads;
import dev.lockscope.agent.hooks.SyncAccess;
import dev.lockscope.agent.registry.LockRegistry;
import java.io.File;
import java.util.Enumeration;
import java.util.concurrent.locks.Condition;
import java.util.concurrent.locks.ReentrantLock;
import java.util.function.Consumer;
import java.util.jar.JarEntry;
import java.util.jar.JarFile;

/**
 * Before the hooks go live: every class of the agent loaded, and every hook path run once on the agent's own lock and
 * throwaway state, so no class of the agent ever loads inside an application's lock.
 */
final class WarmUp {
    private WarmUp() {
    }

    /** Loads (without initialising) every class of the agent jar. */
    static void preload(Consumer<String> log) {
        try {
            ClassLoader loader = WarmUp.class.getClassLoader();
            File self = new File(WarmUp.class.getProtectionDomain().getCodeSource().getLocation().toURI());
            try (JarFile jar = new JarFile(self)) {
                Enumeration<JarEntry> entries = jar.entries();
                while (entries.hasMoreElements()) {
                    String n = entries.nextElement().getName();
                    if (n.startsWith("dev/lockscope/") && n.endsWith(".class") && !n.contains("module-info")) {
                        try {
                            Class.forName(n.substring(0, n.length() - 6).replace('/', '.'), false, loader);
                        } catch (Throwable ignored) {
                            // a class that cannot load here is never used by hooks
                        }
                    }
                }
            }
        } catch (Throwable t) {
            log.accept("preload skipped: " + t);
        }
    }

    /** Runs every hook once, and the registry's readers the hooks' callers use ({@code registry} is the agent's own). */
    static void hooks(SyncAccess access, LockRegistry registry) throws InterruptedException {
        // A throwaway registry: the warm-up must not show up as a contended lock.
        LockHooks hooks = new LockHooks(new LockRegistry(16, 64, 1024, 16), access, 1, 0);
        ReentrantLock lock = new ReentrantLock();
        Object sync = access.syncOf(lock);
        hooks.constructed(lock, 0);
        registry.bindings.drain();
        long t = hooks.waitBegin(sync, Hooks.MODE_EXCLUSIVE);
        hooks.waitEnd(sync, t, true);
        hooks.wokeSuccessor(Thread.currentThread());
        Condition c = lock.newCondition();
        long ct = hooks.conditionBegin(c);
        hooks.conditionEnd(c, ct);
        registry.describeTop(1);
        registry.siteTotals(0);
    }

    /** Runs the hooks' probe paths once on throwaway state, as {@link #hooks} does for the rest; nothing without a probe. */
    static void probe(ProbeReads reads, SyncAccess access) throws InterruptedException {
        if (reads == null) {
            return;
        }
        int tid = reads.currentTid();
        reads.onCpuNanos(tid, System.nanoTime());
        reads.futexCalls(tid);
        reads.futexEpoch();
        LockHooks hooks = new LockHooks(new LockRegistry(16, 64, 1024, 16), access, 1, 0);
        hooks.joinProbe(reads);
        ReentrantLock lock = new ReentrantLock();
        Object sync = access.syncOf(lock);
        long t = hooks.waitBegin(sync, Hooks.MODE_EXCLUSIVE);
        hooks.waitEnd(sync, t, true);
    }
}
