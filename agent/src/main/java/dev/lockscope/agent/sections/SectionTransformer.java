package dev.lockscope.agent.sections;

import java.lang.instrument.ClassFileTransformer;
import java.security.ProtectionDomain;
import java.util.concurrent.atomic.AtomicLong;
import net.bytebuddy.jar.asm.ClassReader;
import net.bytebuddy.jar.asm.ClassVisitor;
import net.bytebuddy.jar.asm.MethodVisitor;
import net.bytebuddy.jar.asm.Opcodes;

/**
 * Reads each application class as it loads and classifies its critical sections into a {@link SectionTable}.
 * Never changes a class (always returns null) and never throws. Cheap first: a class is parsed in full only when
 * its constant pool names a lock method or the monitor opcodes or a synchronized method could be present.
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
        try {
            if (loader == null || loader == agentLoader || className == null || redefined != null || skipped(className)
                    || loader == ClassLoader.getPlatformClassLoader() || bytes == null) {
                return null;
            }
            ClassReader reader = new ClassReader(bytes);
            if (!mayHaveSections(reader, bytes)) {
                return null;
            }
            for (Section s : SectionClassifier.classify(bytes)) {
                table.add(s);
            }
        } catch (Throwable t) {
            failures.incrementAndGet();
        }
        return null;
    }

    static boolean skipped(String n) {
        return n.startsWith("java/") || n.startsWith("jdk/") || n.startsWith("sun/") || n.startsWith("com/sun/")
                || n.startsWith("dev/lockscope/agent/");
    }

    /**
     * A lock call needs "lock"/"tryLock"/"lockInterruptibly" in the constant pool; a synchronized block needs
     * both monitor opcodes somewhere in the bytes; a synchronized method shows in the method table (read
     * without parsing any code).
     */
    static boolean mayHaveSections(ClassReader reader, byte[] bytes) {
        for (int i = 1; i < reader.getItemCount(); i++) {
            int at = reader.getItem(i);
            if (at > 0 && bytes[at - 1] == 1 && (utf8Is(bytes, at, LOCK) || utf8Is(bytes, at, TRY_LOCK)
                    || utf8Is(bytes, at, LOCK_INTERRUPTIBLY))) { // tag 1: CONSTANT_Utf8
                return true;
            }
        }
        boolean enter = false;
        boolean exit = false;
        for (byte b : bytes) {
            enter |= b == (byte) Opcodes.MONITORENTER;
            exit |= b == (byte) Opcodes.MONITOREXIT;
        }
        if (enter && exit) {
            return true;
        }
        boolean[] synced = new boolean[1];
        reader.accept(new ClassVisitor(Opcodes.ASM9) {
            @Override
            public MethodVisitor visitMethod(int access, String name, String desc, String sig, String[] exceptions) {
                synced[0] |= (access & Opcodes.ACC_SYNCHRONIZED) != 0;
                return null;
            }
        }, ClassReader.SKIP_CODE | ClassReader.SKIP_DEBUG | ClassReader.SKIP_FRAMES);
        return synced[0];
    }

    private static final byte[] LOCK = "lock".getBytes(java.nio.charset.StandardCharsets.US_ASCII);
    private static final byte[] TRY_LOCK = "tryLock".getBytes(java.nio.charset.StandardCharsets.US_ASCII);
    private static final byte[] LOCK_INTERRUPTIBLY = "lockInterruptibly".getBytes(java.nio.charset.StandardCharsets.US_ASCII);

    /** Whether the CONSTANT_Utf8 whose length field is at {@code at} holds exactly {@code name}. */
    private static boolean utf8Is(byte[] b, int at, byte[] name) {
        int len = ((b[at] & 0xff) << 8) | (b[at + 1] & 0xff);
        if (len != name.length || at + 2 + len > b.length) {
            return false;
        }
        for (int k = 0; k < len; k++) {
            if (b[at + 2 + k] != name[k]) {
                return false;
            }
        }
        return true;
    }
}
