package dev.lockscope.agent.sections;

import dev.lockscope.agent.instrument.ClassFileScan;
import java.util.ArrayList;
import java.util.BitSet;
import java.util.List;
import net.bytebuddy.jar.asm.ClassReader;
import net.bytebuddy.jar.asm.ClassVisitor;
import net.bytebuddy.jar.asm.Label;
import net.bytebuddy.jar.asm.MethodVisitor;
import net.bytebuddy.jar.asm.Opcodes;

/**
 * Classifies the critical sections of one class from its bytecode, without changing it. For each acquire site
 * ({@code lock()}, {@code lockInterruptibly()}, {@code tryLock(...)} on any receiver, {@code monitorenter}, and
 * the body of a {@code synchronized} method) it walks every path, exception paths included, from the acquire to
 * its matching release, counting nested acquires and releases. The section is read-only when no path stores a
 * field, a static or an array element and none calls a method named like a mutator ({@link Calls#mutator}).
 * What the called methods do is not looked at: that is the heuristic, and why the figure built on it is an
 * estimate. Local variables are the thread's own, so storing them is not a write.
 */
public final class SectionClassifier {
    /** Sections kept per class: a bound on what one pathological class can add. */
    static final int MAX_SECTIONS_PER_CLASS = 256;
    /** Nesting deeper than this is not followed (the section is then "not classified"). */
    static final int MAX_DEPTH = 8;
    /** Instructions visited per section at most (the walk is linear in them; this bounds pathological code). */
    static final int MAX_STEPS = 200_000;

    private SectionClassifier() {
    }

    /** The class's acquire sites and their classification; empty when it has none or cannot be read. */
    public static List<Section> classify(byte[] classBytes) {
        ClassReader reader = new ClassReader(classBytes);
        String className = reader.getClassName().replace('/', '.');
        List<Section> out = new ArrayList<>();
        MethodCode code = new MethodCode() {
            @Override
            public void visitEnd() {
                if ((hasAcquire || synced) && out.size() < MAX_SECTIONS_PER_CLASS) {
                    classifyMethod(className, method, synced, this, out);
                }
            }
        };
        // Methods with no acquire are skipped unparsed (ASM then reads none of their code): most of a class's.
        boolean[] candidates = ClassFileScan.of(classBytes).methodsWithAcquires(classBytes);
        int[] index = {0};
        reader.accept(new ClassVisitor(Opcodes.ASM9) {
            @Override
            public MethodVisitor visitMethod(int access, String name, String desc, String sig, String[] exceptions) {
                int m = index[0]++;
                if ((access & (Opcodes.ACC_ABSTRACT | Opcodes.ACC_NATIVE)) != 0 || m >= candidates.length || !candidates[m]) {
                    return null;
                }
                code.reset(name, (access & Opcodes.ACC_SYNCHRONIZED) != 0);
                return code;
            }
        }, ClassReader.SKIP_FRAMES);
        return out;
    }

    private static void classifyMethod(String cls, String method, boolean synced, MethodCode code, List<Section> out) {
        if (code.tooLarge) {
            out.add(new Section(cls, method, firstLine(code), synced ? "synchronized-method" : "lock", false,
                    "not classified: method longer than " + MethodCode.MAX_INSNS + " instructions"));
            return;
        }
        int[][] handlers = handlers(code);
        if (synced && code.size > 0) {
            out.add(walk(cls, method, code, handlers, 0, "synchronized-method", firstLine(code), true));
        }
        for (int i = 0; i < code.size && out.size() < MAX_SECTIONS_PER_CLASS; i++) {
            String kind = acquireAt(code, i);
            if (kind == null) {
                continue;
            }
            int start = i + 1;
            // if (lock.tryLock()) {...}: only the branch taken on success is the section.
            if (kind.equals("tryLock") && start < code.size) {
                if (code.opcode[start] == Opcodes.IFEQ) {
                    start = start + 1;
                } else if (code.opcode[start] == Opcodes.IFNE) {
                    start = code.indexOf(code.targets.get(start)[0]);
                }
            }
            out.add(walk(cls, method, code, handlers, start, kind, code.line[i], false));
        }
    }

    static String acquireAt(MethodCode code, int i) {
        int op = code.opcode[i];
        if (op == Opcodes.MONITORENTER) {
            return "monitorenter";
        }
        if ((op == Opcodes.INVOKEVIRTUAL || op == Opcodes.INVOKEINTERFACE) && code.name[i] != null) {
            return Calls.acquire(code.name[i], code.desc[i]);
        }
        return null;
    }

    private static boolean releaseAt(MethodCode code, int i) {
        int op = code.opcode[i];
        return op == Opcodes.MONITOREXIT || ((op == Opcodes.INVOKEVIRTUAL || op == Opcodes.INVOKEINTERFACE)
                && code.name[i] != null && Calls.release(code.name[i], code.desc[i]));
    }

    /** For each instruction, the handlers an exception there can reach: in table order, up to the first catch-all. */
    private static int[][] handlers(MethodCode code) {
        int n = code.tries.size();
        int[] start = new int[n];
        int[] end = new int[n];
        int[] handler = new int[n];
        for (int t = 0; t < n; t++) {
            Label[] l = code.tries.get(t);
            start[t] = code.indexOf(l[0]);
            end[t] = code.indexOf(l[1]);
            handler[t] = code.indexOf(l[2]);
        }
        int[][] out = new int[code.size][];
        for (int i = 0; i < code.size; i++) {
            int[] hs = new int[n];
            int k = 0;
            for (int t = 0; t < n; t++) {
                if (start[t] <= i && i < end[t] && handler[t] >= 0) {
                    hs[k++] = handler[t];
                    if (code.tryIsAny.get(t)) {
                        break; // a catch-all takes every exception: later entries are never reached from here
                    }
                }
            }
            out[i] = k == 0 ? null : java.util.Arrays.copyOf(hs, k);
        }
        return out;
    }

    /**
     * Depth-first over (instruction, nesting depth) from {@code start} at depth 1 until the depth returns to 0.
     * The first write found decides; a path that leaves the method still holding a lock() makes the section
     * unclassifiable (the release is in another method); a synchronized method's own monitor ends at its returns.
     */
    private static Section walk(String cls, String method, MethodCode code, int[][] handlers, int start, String kind,
                                int line, boolean methodMonitor) {
        BitSet[] seen = new BitSet[MAX_DEPTH + 1];
        Pairs todo = new Pairs();
        todo.push(start, 1);
        int steps = 0;
        while (todo.size > 0) {
            int depth = todo.pop();
            int i = todo.pop();
            if (i < 0 || i >= code.size) {
                continue;
            }
            if (seen[depth] == null) {
                seen[depth] = new BitSet(code.size);
            }
            if (seen[depth].get(i)) {
                continue;
            }
            seen[depth].set(i);
            if (++steps > MAX_STEPS) {
                return new Section(cls, method, line, kind, false, "not classified: section too large to follow");
            }
            String write = writeAt(code, i);
            if (write != null) {
                return new Section(cls, method, line, kind, false, write);
            }
            int op = code.opcode[i];
            int next = depth;
            if (releaseAt(code, i)) {
                next = depth - 1;
                if (next == 0) {
                    continue; // this path's section ends here
                }
            } else if (acquireAt(code, i) != null) {
                next = depth + 1;
                if (next > MAX_DEPTH) {
                    return new Section(cls, method, line, kind, false, "not classified: nested deeper than " + MAX_DEPTH);
                }
            }
            if ((op >= Opcodes.IRETURN && op <= Opcodes.RETURN) || op == Opcodes.ATHROW) {
                if (!(methodMonitor && depth == 1) && op != Opcodes.ATHROW) {
                    return new Section(cls, method, line, kind, false,
                            "not classified: the lock is still held when the method returns (line " + code.line[i] + ")");
                }
                // athrow: the exception goes on to this method's handlers (below) or to the caller, which a
                // finally-less section leaves still locked; the JVM's own unwinding releases monitors.
            } else if (op == Opcodes.RET || op == Opcodes.JSR) {
                return new Section(cls, method, line, kind, false, "not classified: jsr/ret subroutines");
            } else {
                Label[] t = code.targets.get(i);
                if (t != null) {
                    for (Label l : t) {
                        todo.push(code.indexOf(l), next);
                    }
                }
                if (op != Opcodes.GOTO && op != Opcodes.TABLESWITCH && op != Opcodes.LOOKUPSWITCH) {
                    todo.push(i + 1, next);
                }
            }
            int[] hs = handlers[i];
            if (hs != null) {
                for (int h : hs) {
                    // An exception thrown here leaves the instruction undone: the depth before it applies.
                    todo.push(h, depth);
                }
            }
        }
        return new Section(cls, method, line, kind, true, Section.READ_ONLY);
    }

    /** The walk's to-do list: (instruction, depth) pairs, pushed and popped as two ints. */
    private static final class Pairs {
        int[] items = new int[64];
        int size;

        void push(int insn, int depth) {
            if (size + 2 > items.length) {
                items = java.util.Arrays.copyOf(items, items.length * 2);
            }
            items[size++] = insn;
            items[size++] = depth;
        }

        int pop() {
            return items[--size];
        }
    }

    /** A description of the write at instruction {@code i}, or null when it writes nothing shared. */
    private static String writeAt(MethodCode code, int i) {
        int op = code.opcode[i];
        switch (op) {
            case Opcodes.PUTFIELD:
                return "putfield " + code.name[i] + " at line " + code.line[i];
            case Opcodes.PUTSTATIC:
                return "putstatic " + code.name[i] + " at line " + code.line[i];
            case Opcodes.IASTORE:
            case Opcodes.LASTORE:
            case Opcodes.FASTORE:
            case Opcodes.DASTORE:
            case Opcodes.AASTORE:
            case Opcodes.BASTORE:
            case Opcodes.CASTORE:
            case Opcodes.SASTORE:
                return "array store at line " + code.line[i];
            case Opcodes.INVOKEVIRTUAL:
            case Opcodes.INVOKEINTERFACE:
            case Opcodes.INVOKESTATIC:
            case Opcodes.INVOKESPECIAL:
                if (Calls.mutator(code.owner[i], code.name[i])) {
                    return "calls " + code.owner[i].replace('/', '.') + "." + code.name[i] + " at line " + code.line[i];
                }
                return null;
            default:
                return null;
        }
    }

    private static int firstLine(MethodCode code) {
        for (int i = 0; i < code.size; i++) {
            if (code.line[i] > 0) {
                return code.line[i];
            }
        }
        return -1;
    }
}
