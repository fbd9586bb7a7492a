package dev.lockscope.agent.sections;

import dev.lockscope.agent.instrument.ApplicationClasses;
import java.lang.instrument.ClassFileTransformer;
import java.security.ProtectionDomain;
import java.util.concurrent.atomic.AtomicLong;
import net.bytebuddy.jar.asm.ClassReader;
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
            if (!ApplicationClasses.firstLoad(loader, className, redefined, agentLoader, "dev/lockscope/agent/")
                    || bytes == null) {
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

    /**
     * A lock call needs "lock"/"tryLock"/"lockInterruptibly" in the constant pool; a synchronized method shows in
     * its access flags; a synchronized block needs both monitor opcodes in some method's code. Read straight from
     * the class file's bytes, allocating nothing: most classes stop here.
     */
    static boolean mayHaveSections(ClassReader reader, byte[] bytes) {
        for (int i = 1; i < reader.getItemCount(); i++) {
            int at = reader.getItem(i);
            if (at > 0 && bytes[at - 1] == 1 && (utf8Is(bytes, at, LOCK) || utf8Is(bytes, at, TRY_LOCK)
                    || utf8Is(bytes, at, LOCK_INTERRUPTIBLY))) { // tag 1: CONSTANT_Utf8
                return true;
            }
        }
        int p = reader.header + 6; // access_flags, this_class, super_class
        p += 2 + 2 * u2(bytes, p); // interfaces
        int fields = u2(bytes, p);
        p += 2;
        for (int f = 0; f < fields; f++) {
            p = skipAttributes(bytes, p + 6);
        }
        int methods = u2(bytes, p);
        p += 2;
        for (int m = 0; m < methods; m++) {
            if ((u2(bytes, p) & Opcodes.ACC_SYNCHRONIZED) != 0) {
                return true;
            }
            int attributes = u2(bytes, p + 6);
            p += 8;
            for (int a = 0; a < attributes; a++) {
                int length = u4(bytes, p + 2);
                int item = reader.getItem(u2(bytes, p));
                if (item > 0 && utf8Is(bytes, item, CODE) && hasMonitorOpcodes(bytes, p + 6 + 8, u4(bytes, p + 6 + 4))) {
                    return true;
                }
                p += 6 + length;
            }
        }
        return false;
    }

    /** Both monitor opcodes among these code bytes (an operand byte can match too: then the class is parsed). */
    private static boolean hasMonitorOpcodes(byte[] b, int from, int length) {
        boolean enter = false;
        boolean exit = false;
        int end = Math.min(b.length, from + length);
        for (int i = from; i < end; i++) {
            enter |= b[i] == (byte) Opcodes.MONITORENTER;
            exit |= b[i] == (byte) Opcodes.MONITOREXIT;
        }
        return enter && exit;
    }

    private static int skipAttributes(byte[] b, int p) {
        int n = u2(b, p);
        p += 2;
        for (int a = 0; a < n; a++) {
            p += 6 + u4(b, p + 2);
        }
        return p;
    }

    private static int u2(byte[] b, int p) {
        return ((b[p] & 0xff) << 8) | (b[p + 1] & 0xff);
    }

    private static int u4(byte[] b, int p) {
        return ((b[p] & 0xff) << 24) | ((b[p + 1] & 0xff) << 16) | ((b[p + 2] & 0xff) << 8) | (b[p + 3] & 0xff);
    }

    private static final byte[] LOCK = "lock".getBytes(java.nio.charset.StandardCharsets.US_ASCII);
    private static final byte[] TRY_LOCK = "tryLock".getBytes(java.nio.charset.StandardCharsets.US_ASCII);
    private static final byte[] LOCK_INTERRUPTIBLY = "lockInterruptibly".getBytes(java.nio.charset.StandardCharsets.US_ASCII);
    private static final byte[] CODE = "Code".getBytes(java.nio.charset.StandardCharsets.US_ASCII);

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
