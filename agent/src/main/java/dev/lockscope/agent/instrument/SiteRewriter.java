package dev.lockscope.agent.instrument;

import dev.lockscope.agent.registry.Site;
import dev.lockscope.agent.registry.SiteRegistry;
import dev.lockscope.events.SiteKinds;
import java.lang.instrument.ClassFileTransformer;
import java.security.ProtectionDomain;
import java.util.Set;
import java.util.concurrent.atomic.AtomicLong;
import net.bytebuddy.jar.asm.MethodVisitor;
import net.bytebuddy.jar.asm.Opcodes;

/**
 * Rewrites {@code new ReentrantLock(...)}, {@code new ReentrantReadWriteLock(...)}, {@code new Semaphore(...)}
 * and {@code new StampedLock()} in application classes as they load: right after the constructor call the
 * new lock is passed with a constant site id to {@code LockscopeDispatch.constructed}. The site (class,
 * method, line) is interned once here, at load time.
 */
public final class SiteRewriter implements ClassFileTransformer {
    static final Set<String> LOCK_TYPES = Set.of(
            "java/util/concurrent/locks/ReentrantLock",
            "java/util/concurrent/locks/ReentrantReadWriteLock",
            "java/util/concurrent/Semaphore",
            "java/util/concurrent/locks/StampedLock");
    private static final String DISPATCH = "dev/lockscope/agent/dispatch/LockscopeDispatch";
    /** The agent's classes outside its own loader: the boot loader's dispatcher, and the jar's entry classes (the application's loader defines those). */
    private static final String[] OWN_PREFIXES = {"dev/lockscope/agent/dispatch/", "dev/lockscope/agent/entry/"};

    private final SiteRegistry sites;
    private final ClassLoader agentLoader;
    private final AtomicLong rewrittenSites = new AtomicLong();
    private final AtomicLong failures = new AtomicLong();

    public SiteRewriter(SiteRegistry sites, ClassLoader agentLoader) {
        this.sites = sites;
        this.agentLoader = agentLoader;
    }

    public long rewrittenSites() {
        return rewrittenSites.get();
    }

    public long failures() {
        return failures.get();
    }

    @Override
    public byte[] transform(ClassLoader loader, String className, Class<?> redefined, ProtectionDomain pd, byte[] bytes) {
        long start = System.nanoTime();
        try {
            if (!ApplicationClasses.firstLoad(loader, className, redefined, agentLoader, OWN_PREFIXES)
                    || bytes == null) {
                return null;
            }
            ClassFileScan scan = ClassFileScan.of(bytes);
            if (!scan.namesLockClass) {
                return null;
            }
            boolean[] constructing = scan.methodsConstructingLocks(bytes);
            if (!anyTrue(constructing)) {
                return null; // names a lock class (a field's type, a call) but builds none
            }
            return ConstructionVisitor.rewriteMethods(className, bytes, constructing, SiteMethodVisitor::new);
        } catch (Throwable t) {
            failures.incrementAndGet();
            return null;
        } finally {
            TransformClock.since(start);
        }
    }

    private static boolean anyTrue(boolean[] flags) {
        for (boolean f : flags) {
            if (f) {
                return true;
            }
        }
        return false;
    }

    private final class SiteMethodVisitor extends ConstructionVisitor {
        private final boolean[] changed;

        SiteMethodVisitor(MethodVisitor mv, String owner, String method, boolean[] changed) {
            super(mv, owner, method);
            this.changed = changed;
        }

        @Override
        protected void constructed(String writtenType) {
            if (LOCK_TYPES.contains(writtenType)) {
                Site site = sites.intern(site(), SiteKinds.CONSTRUCTED);
                // Stack: ..., lock  ->  ..., lock, lock, id  ->  ..., lock
                super.visitInsn(Opcodes.DUP);
                super.visitLdcInsn(site.id);
                super.visitMethodInsn(Opcodes.INVOKESTATIC, DISPATCH, "constructed", "(Ljava/lang/Object;I)V", false);
                changed[0] = true;
                rewrittenSites.incrementAndGet();
            }
        }

        @Override
        public void visitMaxs(int maxStack, int maxLocals) {
            // Two extra slots for the duplicated lock and the site id.
            super.visitMaxs(maxStack + 2, maxLocals);
        }
    }
}
