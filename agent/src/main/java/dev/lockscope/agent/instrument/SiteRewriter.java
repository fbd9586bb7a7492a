package dev.lockscope.agent.instrument;

import dev.lockscope.agent.registry.Site;
import dev.lockscope.agent.registry.SiteRegistry;
import java.lang.instrument.ClassFileTransformer;
import java.security.ProtectionDomain;
import java.util.ArrayDeque;
import java.util.Set;
import java.util.concurrent.atomic.AtomicLong;
import net.bytebuddy.jar.asm.ClassReader;
import net.bytebuddy.jar.asm.ClassVisitor;
import net.bytebuddy.jar.asm.ClassWriter;
import net.bytebuddy.jar.asm.Label;
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
    private static final String DISPATCH = "dev/lockscope/agent/boot/LockscopeDispatch";

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
        try {
            if (loader == null || loader == agentLoader || className == null || redefined != null || skipped(className)
                    || loader == ClassLoader.getPlatformClassLoader() || !mentionsLockType(bytes)) {
                return null;
            }
            ClassReader reader = new ClassReader(bytes);
            ClassWriter writer = new ClassWriter(reader, 0);
            boolean[] changed = new boolean[1];
            reader.accept(new ClassVisitor(Opcodes.ASM9, writer) {
                @Override
                public MethodVisitor visitMethod(int access, String name, String desc, String sig, String[] exceptions) {
                    return new SiteMethodVisitor(super.visitMethod(access, name, desc, sig, exceptions), className, name, changed);
                }
            }, 0);
            return changed[0] ? writer.toByteArray() : null;
        } catch (Throwable t) {
            failures.incrementAndGet();
            return null;
        }
    }

    private static boolean skipped(String n) {
        return n.startsWith("java/") || n.startsWith("jdk/") || n.startsWith("sun/") || n.startsWith("com/sun/")
                || n.startsWith("dev/lockscope/agent/boot");
    }

    /** Cheap pre-check on the raw bytes: does the constant pool name one of the lock classes? */
    private static boolean mentionsLockType(byte[] b) {
        return indexOf(b, "java/util/concurrent/locks/".getBytes()) >= 0 || indexOf(b, "java/util/concurrent/Semaphore".getBytes()) >= 0;
    }

    private static int indexOf(byte[] hay, byte[] needle) {
        outer:
        for (int i = 0; i <= hay.length - needle.length; i++) {
            for (int j = 0; j < needle.length; j++) {
                if (hay[i + j] != needle[j]) {
                    continue outer;
                }
            }
            return i;
        }
        return -1;
    }

    private final class SiteMethodVisitor extends MethodVisitor {
        private final String owner;
        private final String method;
        private final boolean[] changed;
        /** Types of pending NEW instructions, so a constructor call can be told from a super() call. */
        private final ArrayDeque<String> pendingNew = new ArrayDeque<>();
        private int line;

        SiteMethodVisitor(MethodVisitor mv, String owner, String method, boolean[] changed) {
            super(Opcodes.ASM9, mv);
            this.owner = owner;
            this.method = method;
            this.changed = changed;
        }

        @Override
        public void visitLineNumber(int line, Label start) {
            this.line = line;
            super.visitLineNumber(line, start);
        }

        @Override
        public void visitTypeInsn(int opcode, String type) {
            super.visitTypeInsn(opcode, type);
            if (opcode == Opcodes.NEW) {
                pendingNew.push(type);
            }
        }

        @Override
        public void visitMethodInsn(int opcode, String owner, String name, String desc, boolean itf) {
            super.visitMethodInsn(opcode, owner, name, desc, itf);
            if (opcode == Opcodes.INVOKESPECIAL && name.equals("<init>") && !pendingNew.isEmpty() && pendingNew.peek().equals(owner)) {
                pendingNew.pop();
                if (LOCK_TYPES.contains(owner)) {
                    Site site = sites.intern(this.owner.replace('/', '.') + '.' + method + ':' + line, Site.CONSTRUCTED);
                    // Stack: ..., lock  ->  ..., lock, lock, id  ->  ..., lock
                    super.visitInsn(Opcodes.DUP);
                    super.visitLdcInsn(site.id);
                    super.visitMethodInsn(Opcodes.INVOKESTATIC, DISPATCH, "constructed", "(Ljava/lang/Object;I)V", false);
                    changed[0] = true;
                    rewrittenSites.incrementAndGet();
                }
            }
        }

        @Override
        public void visitMaxs(int maxStack, int maxLocals) {
            // Two extra slots for the duplicated lock and the site id.
            super.visitMaxs(maxStack + 2, maxLocals);
        }
    }
}
