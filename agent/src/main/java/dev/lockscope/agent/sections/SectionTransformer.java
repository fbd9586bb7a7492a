package dev.lockscope.agent.sections;

import dev.lockscope.agent.instrument.ApplicationClasses;
import dev.lockscope.agent.instrument.ClassFileScan;
import dev.lockscope.agent.instrument.TransformClock;
import java.lang.instrument.ClassFileTransformer;
import java.security.ProtectionDomain;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Reads each application class as it loads and hands those with critical sections to a {@link SectionTable}, which
 * classifies them later on the agent's thread; only the methods that may acquire are kept until then. Never changes
 * a class (always returns null) and never throws. Cheap first: a class is kept only when its constant pool names a
 * lock method or a synchronized method or the monitor opcodes could be present.
 */
public final class SectionTransformer implements ClassFileTransformer {
    private final SectionTable table;
    private final ClassLoader agentLoader;
    private final AtomicLong failures = new AtomicLong();

    public SectionTransformer(SectionTable table, ClassLoader agentLoader) {
        this.table = table;
        this.agentLoader = agentLoader;
    }

    public long failures() {
        return failures.get();
    }

    @Override
    public byte[] transform(ClassLoader loader, String className, Class<?> redefined, ProtectionDomain pd, byte[] bytes) {
        long start = System.nanoTime();
        try {
            if (!ApplicationClasses.firstLoad(loader, className, redefined, agentLoader, "dev/lockscope/agent/")
                    || bytes == null) {
                return null;
            }
            byte[] kept = methodsWithSections(bytes);
            if (kept != null) {
                table.defer(kept);
            }
        } catch (Throwable t) {
            failures.incrementAndGet();
        } finally {
            TransformClock.since(start);
        }
        return null;
    }

    /**
     * A lock call needs "lock"/"tryLock"/"lockInterruptibly" in the constant pool; a synchronized method shows in
     * its access flags; a synchronized block needs both monitor opcodes in some method's code. Read straight from
     * the class file's bytes ({@link ClassFileScan}): most classes stop here.
     */
    static boolean mayHaveSections(byte[] bytes) {
        ClassFileScan scan = ClassFileScan.of(bytes);
        return scan.namesLockMethod || scan.mayHaveMonitors(bytes);
    }

    /**
     * What to keep of a class for classifying later: only its methods that may acquire (a few KB of a class file
     * that is often tens), or null when none may.
     */
    static byte[] methodsWithSections(byte[] bytes) {
        if (!mayHaveSections(bytes)) {
            return null;
        }
        ClassFileScan scan = ClassFileScan.of(bytes);
        return scan.withOnlyMethods(bytes, scan.methodsWithAcquires(bytes));
    }
}
