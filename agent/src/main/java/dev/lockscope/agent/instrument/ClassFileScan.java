package dev.lockscope.agent.instrument;

import java.nio.charset.StandardCharsets;

/**
 * What the load-time transformers ask of every application class before deciding to parse it: one pass over the
 * class file's constant pool, reading bytes in place. Every class the application loads comes through here (about
 * 15,000 in a Spring Boot service), so it must cost a few microseconds: building an ASM {@code ClassReader} and
 * searching the whole byte array for a name, as the transformers did before, cost about 40 us a class, over half a
 * second of a Spring Boot start-up (docs/performance-notes.md, "Agent cost on real applications").
 */
public final class ClassFileScan {
    private static final byte[][] LOCK_CLASSES = utf8(SiteRewriter.LOCK_TYPES.toArray(new String[0]));
    private static final byte[][] LOCK_METHODS = utf8("lock", "tryLock", "lockInterruptibly");
    private static final byte[] CODE = "Code".getBytes(StandardCharsets.US_ASCII);
    private static final byte[] INIT = "<init>".getBytes(StandardCharsets.US_ASCII);
    private static final int ACC_SYNCHRONIZED = 0x0020;
    private static final int MONITORENTER = 0xc2;
    private static final int MONITOREXIT = 0xc3;
    private static final int INVOKEVIRTUAL = 0xb6;
    private static final int INVOKEINTERFACE = 0xb9;
    private static final int INVOKESPECIAL = 0xb7;

    /** The constant pool names one of the lock classes whose construction sites are rewritten. */
    public final boolean namesLockClass;
    /** The constant pool holds the name of a lock method ({@code lock}, {@code tryLock}, {@code lockInterruptibly}). */
    public final boolean namesLockMethod;
    private final int codeIndex;
    private final int afterPool;
    /** The class file scanned: the transformers that ask about one class in turn get one scan. */
    private final byte[] scanned;
    /**
     * Each thread's last scan. A class's transformers run one after another on the loading thread, and one that
     * changes nothing passes the next the same array, so the second asks about the array the first had scanned.
     */
    private static final ThreadLocal<ClassFileScan> LAST = new ThreadLocal<>();

    private ClassFileScan(byte[] scanned, boolean namesLockClass, boolean namesLockMethod, int codeIndex, int afterPool) {
        this.scanned = scanned;
        this.namesLockClass = namesLockClass;
        this.namesLockMethod = namesLockMethod;
        this.codeIndex = codeIndex;
        this.afterPool = afterPool;
    }

    /**
     * Scans the constant pool, or returns this thread's last scan when it was of this very array; a malformed class
     * file throws (the transformers catch it and leave the class alone).
     */
    public static ClassFileScan of(byte[] b) {
        ClassFileScan last = LAST.get();
        if (last != null && last.scanned == b) {
            return last;
        }
        ClassFileScan scan = scan(b);
        LAST.set(scan);
        return scan;
    }

    private static ClassFileScan scan(byte[] b) {
        int count = u2(b, 8);
        int p = 10;
        boolean lockClass = false;
        boolean lockMethod = false;
        int code = 0;
        for (int i = 1; i < count; i++) {
            int tag = b[p] & 0xff;
            switch (tag) {
                case 1 -> { // Utf8
                    int len = u2(b, p + 1);
                    int at = p + 3;
                    // Lengths first: almost no entry has the length of a name we look for.
                    lockClass = lockClass || anyEquals(b, at, len, LOCK_CLASSES);
                    lockMethod = lockMethod || anyEquals(b, at, len, LOCK_METHODS);
                    if (code == 0 && equals(b, at, len, CODE)) {
                        code = i;
                    }
                    p = at + len;
                }
                case 7, 8, 16, 19, 20 -> p += 3; // Class, String, MethodType, Module, Package
                case 15 -> p += 4; // MethodHandle
                case 3, 4, 9, 10, 11, 12, 17, 18 -> p += 5; // Integer, Float, refs, NameAndType, (Invoke)Dynamic
                case 5, 6 -> { // Long, Double take two slots
                    p += 9;
                    i++;
                }
                default -> throw new IllegalArgumentException("constant pool tag " + tag + " at " + p);
            }
        }
        return new ClassFileScan(b, lockClass, lockMethod, code, p);
    }

    /**
     * A synchronized method, or a method whose code holds both monitor opcodes (an operand byte can match too: then
     * the caller parses the class for nothing, which is rare and harmless).
     */
    public boolean mayHaveMonitors(byte[] b) {
        int p = methodsAt(b);
        int methods = u2(b, p);
        p += 2;
        for (int m = 0; m < methods; m++) {
            if ((u2(b, p) & ACC_SYNCHRONIZED) != 0) {
                return true;
            }
            int attributes = u2(b, p + 6);
            p += 8;
            for (int a = 0; a < attributes; a++) {
                int length = u4(b, p + 2);
                // Code: max_stack, max_locals (4 bytes), code_length (4), then the code
                if (codeIndex != 0 && u2(b, p) == codeIndex && hasMonitorOpcodes(b, p + 6 + 8, u4(b, p + 6 + 4))) {
                    return true;
                }
                p += 6 + length;
            }
        }
        return false;
    }

    /**
     * Per method, in class-file order: whether it may hold an acquire the section classifier looks for: it is
     * synchronized, its code holds a {@code monitorenter} byte, or an {@code invokevirtual}/{@code invokeinterface}
     * byte followed by the index of a method reference named {@code lock}, {@code tryLock} or
     * {@code lockInterruptibly}. Every real such instruction shows that way, so no method with one is ever false; an
     * operand byte can make a method true for nothing. Lets the classifier skip the other methods' code unparsed.
     */
    public boolean[] methodsWithAcquires(byte[] b) {
        boolean[] lockRef = namesLockMethod ? lockMethodRefs(b) : new boolean[0];
        return methodsWhere(b, true, lockRef);
    }

    /**
     * Per method, in class-file order: whether it may construct one of the lock classes whose construction sites are
     * rewritten: its code holds an {@code invokespecial} byte followed by the index of a method reference to such a
     * class's {@code <init>}. Every real construction shows that way, so no method with one is ever false; an operand
     * byte can make a method true for nothing. Lets the site rewriter pass the other methods through unparsed.
     */
    public boolean[] methodsConstructingLocks(byte[] b) {
        boolean[] ctorRef = namesLockClass ? lockConstructorRefs(b) : new boolean[0];
        return methodsWhere(b, false, ctorRef);
    }

    /**
     * Per method: for {@code acquires}, synchronized or {@link #hasAcquireBytes}; else {@link #hasCallBytes} of a
     * constructor ({@code invokespecial}). No lambda: this runs on the application's class-loading threads, where
     * linking one the first time would cost them.
     */
    private boolean[] methodsWhere(byte[] b, boolean acquires, boolean[] refs) {
        int p = methodsAt(b);
        int methods = u2(b, p);
        p += 2;
        boolean[] out = new boolean[methods];
        for (int m = 0; m < methods; m++) {
            out[m] = acquires && (u2(b, p) & ACC_SYNCHRONIZED) != 0;
            int attributes = u2(b, p + 6);
            p += 8;
            for (int a = 0; a < attributes; a++) {
                int length = u4(b, p + 2);
                // Code: max_stack, max_locals (4 bytes), code_length (4), then the code
                if (!out[m] && codeIndex != 0 && u2(b, p) == codeIndex) {
                    int from = p + 6 + 8;
                    int codeLength = u4(b, p + 6 + 4);
                    out[m] = acquires ? hasAcquireBytes(b, from, codeLength, refs)
                            : hasCallBytes(b, from, codeLength, INVOKESPECIAL, refs);
                }
                p += 6 + length;
            }
        }
        return out;
    }

    /**
     * The class file with only the methods marked in {@code keep} ({@link #methodsWithAcquires}), no interfaces and no
     * fields; constant pool and class attributes as they were (so invokedynamic's bootstrap methods still resolve).
     * Returns {@code b} itself when every method is kept, null when none is. What the section classifier reads, kept
     * until the agent's thread classifies it: a class with a synchronized method is often large and that method
     * small, and holding whole class files from start-up until then held megabytes of the host's heap.
     */
    public byte[] withOnlyMethods(byte[] b, boolean[] keep) {
        int methodsAt = methodsAt(b);
        int methods = u2(b, methodsAt);
        int[] start = new int[methods + 1];
        int p = methodsAt + 2;
        int kept = 0;
        int keptBytes = 0;
        for (int m = 0; m < methods; m++) {
            start[m] = p;
            p = skipAttributes(b, p + 6);
            if (keep[m]) {
                kept++;
                keptBytes += p - start[m];
            }
        }
        start[methods] = p;
        if (kept == 0) {
            return null;
        }
        int interfacesAt = afterPool + 6; // past access_flags, this_class, super_class
        if (kept == methods && u2(b, interfacesAt) == 0 && methodsAt == interfacesAt + 4) {
            return b;
        }
        int tail = b.length - start[methods];
        byte[] out = new byte[interfacesAt + 6 + keptBytes + tail];
        System.arraycopy(b, 0, out, 0, interfacesAt);
        int q = interfacesAt + 4; // interfaces_count and fields_count stay 0
        out[q++] = (byte) (kept >>> 8);
        out[q++] = (byte) kept;
        for (int m = 0; m < methods; m++) {
            if (keep[m]) {
                int length = start[m + 1] - start[m];
                System.arraycopy(b, start[m], out, q, length);
                q += length;
            }
        }
        System.arraycopy(b, start[methods], out, q, tail);
        return out;
    }

    /** Whether the code holds {@code opcode} followed by a constant-pool index marked in {@code refs}. */
    private static boolean hasCallBytes(byte[] b, int from, int length, int opcode, boolean[] refs) {
        int end = Math.min(b.length, from + length);
        for (int i = from; i < end - 2; i++) {
            if ((b[i] & 0xff) == opcode) {
                int ref = u2(b, i + 1);
                if (ref < refs.length && refs[ref]) {
                    return true;
                }
            }
        }
        return false;
    }

    private static boolean hasAcquireBytes(byte[] b, int from, int length, boolean[] lockRef) {
        int end = Math.min(b.length, from + length);
        for (int i = from; i < end; i++) {
            int op = b[i] & 0xff;
            if (op == MONITORENTER) {
                return true;
            }
            if ((op == INVOKEVIRTUAL || op == INVOKEINTERFACE) && i + 2 < end) {
                int ref = u2(b, i + 1);
                if (ref < lockRef.length && lockRef[ref]) {
                    return true;
                }
            }
        }
        return false;
    }

    /** By constant-pool index: the method references whose name is a lock method's. */
    private static boolean[] lockMethodRefs(byte[] b) {
        int[] at = entryOffsets(b);
        boolean[] out = new boolean[at.length];
        for (int i = 1; i < at.length; i++) {
            int tag = b[at[i]] & 0xff;
            if ((tag == 10 || tag == 11) && at[i] != 0) {
                int nameAndType = u2(b, at[i] + 3);
                int name = u2(b, at[nameAndType] + 1);
                out[i] = anyEquals(b, at[name] + 3, u2(b, at[name] + 1), LOCK_METHODS);
            }
        }
        return out;
    }

    /** By constant-pool index: the method references to a lock class's constructor. */
    private static boolean[] lockConstructorRefs(byte[] b) {
        int[] at = entryOffsets(b);
        boolean[] out = new boolean[at.length];
        for (int i = 1; i < at.length; i++) {
            if (at[i] != 0 && (b[at[i]] & 0xff) == 10) {
                int nameAndType = u2(b, at[i] + 3);
                int name = u2(b, at[nameAndType] + 1);
                if (equals(b, at[name] + 3, u2(b, at[name] + 1), INIT)) {
                    int className = u2(b, at[u2(b, at[i] + 1)] + 1);
                    out[i] = anyEquals(b, at[className] + 3, u2(b, at[className] + 1), LOCK_CLASSES);
                }
            }
        }
        return out;
    }

    /** By constant-pool index: where each entry starts (0 for the unused slot after a Long or Double). */
    private static int[] entryOffsets(byte[] b) {
        int count = u2(b, 8);
        int[] at = new int[count];
        int p = 10;
        for (int i = 1; i < count; i++) {
            at[i] = p;
            int tag = b[p] & 0xff;
            switch (tag) {
                case 1 -> p += 3 + u2(b, p + 1);
                case 7, 8, 16, 19, 20 -> p += 3;
                case 15 -> p += 4;
                case 5, 6 -> {
                    p += 9;
                    i++;
                }
                default -> p += 5;
            }
        }
        return at;
    }

    private static boolean hasMonitorOpcodes(byte[] b, int from, int length) {
        boolean enter = false;
        boolean exit = false;
        int end = Math.min(b.length, from + length);
        for (int i = from; i < end; i++) {
            int op = b[i] & 0xff;
            enter |= op == MONITORENTER;
            exit |= op == MONITOREXIT;
        }
        return enter && exit;
    }

    /** Where the methods' count is: past access_flags, this_class, super_class, the interfaces and the fields. */
    private int methodsAt(byte[] b) {
        int p = afterPool + 6;
        p += 2 + 2 * u2(b, p);
        int fields = u2(b, p);
        p += 2;
        for (int f = 0; f < fields; f++) {
            p = skipAttributes(b, p + 6);
        }
        return p;
    }

    private static int skipAttributes(byte[] b, int p) {
        int n = u2(b, p);
        p += 2;
        for (int a = 0; a < n; a++) {
            p += 6 + u4(b, p + 2);
        }
        return p;
    }

    private static boolean anyEquals(byte[] b, int at, int len, byte[][] names) {
        for (byte[] name : names) {
            if (equals(b, at, len, name)) {
                return true;
            }
        }
        return false;
    }

    private static boolean equals(byte[] b, int at, int len, byte[] name) {
        if (len != name.length) {
            return false;
        }
        for (int k = 0; k < len; k++) {
            if (b[at + k] != name[k]) {
                return false;
            }
        }
        return true;
    }

    private static byte[][] utf8(String... names) {
        byte[][] out = new byte[names.length][];
        for (int i = 0; i < names.length; i++) {
            out[i] = names[i].getBytes(StandardCharsets.US_ASCII);
        }
        return out;
    }

    private static int u2(byte[] b, int p) {
        return ((b[p] & 0xff) << 8) | (b[p + 1] & 0xff);
    }

    private static int u4(byte[] b, int p) {
        return ((b[p] & 0xff) << 24) | ((b[p + 1] & 0xff) << 16) | ((b[p + 2] & 0xff) << 8) | (b[p + 3] & 0xff);
    }
}
