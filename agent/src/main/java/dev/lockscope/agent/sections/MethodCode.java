package dev.lockscope.agent.sections;

import java.util.ArrayList;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;
import net.bytebuddy.jar.asm.Handle;
import net.bytebuddy.jar.asm.Label;
import net.bytebuddy.jar.asm.MethodVisitor;
import net.bytebuddy.jar.asm.Opcodes;

/**
 * One method's instructions as flat arrays: opcode, source line, what a call or field access names, and the
 * control-flow targets. Only what the section walk needs; nothing is kept once the method is classified. One instance
 * serves every method of a class in turn ({@link #reset}): a class's methods are visited one after another, and
 * allocating the buffers per method made the classifier allocate tens of MB while a large application started.
 */
class MethodCode extends MethodVisitor {
    /** Methods longer than this are not classified (the walk's memory is bounded by their length). */
    static final int MAX_INSNS = 20_000;

    int size;
    int[] opcode = new int[64];
    int[] line = new int[64];
    /** For calls: owner, name, descriptor; for field stores: owner and name. */
    String[] owner = new String[64];
    String[] name = new String[64];
    String[] desc = new String[64];
    /** Jump and switch targets, by instruction. */
    final Map<Integer, Label[]> targets = new java.util.HashMap<>();
    final Map<Label, Integer> labelAt = new IdentityHashMap<>();
    /** Exception table in order: start, end, handler; typeIsAny says a catch-all. */
    final List<Label[]> tries = new ArrayList<>();
    final List<Boolean> tryIsAny = new ArrayList<>();
    boolean tooLarge;
    boolean hasAcquire;
    /** The method being visited, and whether it is {@code synchronized}. */
    String method;
    boolean synced;
    private int currentLine = -1;

    MethodCode() {
        super(Opcodes.ASM9);
    }

    /** Empties the buffers, keeping their capacity, for the next method of the class. */
    void reset(String method, boolean synced) {
        java.util.Arrays.fill(owner, 0, size, null);
        java.util.Arrays.fill(name, 0, size, null);
        java.util.Arrays.fill(desc, 0, size, null);
        size = 0;
        targets.clear();
        labelAt.clear();
        tries.clear();
        tryIsAny.clear();
        tooLarge = false;
        hasAcquire = false;
        currentLine = -1;
        this.method = method;
        this.synced = synced;
    }

    private int add(int op) {
        if (size == opcode.length) {
            if (size >= MAX_INSNS) {
                tooLarge = true;
                return -1;
            }
            int n = size * 2;
            opcode = java.util.Arrays.copyOf(opcode, n);
            line = java.util.Arrays.copyOf(line, n);
            owner = java.util.Arrays.copyOf(owner, n);
            name = java.util.Arrays.copyOf(name, n);
            desc = java.util.Arrays.copyOf(desc, n);
        }
        opcode[size] = op;
        line[size] = currentLine;
        return size++;
    }

    int indexOf(Label l) {
        Integer i = labelAt.get(l);
        return i == null ? -1 : i;
    }

    @Override
    public void visitLabel(Label label) {
        labelAt.put(label, size);
    }

    @Override
    public void visitLineNumber(int line, Label start) {
        // ASM reports a line right after its label, before the label's first instruction.
        currentLine = line;
        int at = indexOf(start);
        if (at >= 0 && at < size) {
            for (int i = at; i < size; i++) {
                this.line[i] = line;
            }
        }
    }

    @Override
    public void visitTryCatchBlock(Label start, Label end, Label handler, String type) {
        tries.add(new Label[] {start, end, handler});
        tryIsAny.add(type == null);
    }

    @Override
    public void visitInsn(int op) {
        int i = add(op);
        if (op == Opcodes.MONITORENTER && i >= 0) {
            hasAcquire = true;
        }
    }

    @Override
    public void visitIntInsn(int op, int operand) {
        add(op);
    }

    @Override
    public void visitVarInsn(int op, int var) {
        add(op);
    }

    @Override
    public void visitTypeInsn(int op, String type) {
        add(op);
    }

    @Override
    public void visitFieldInsn(int op, String owner, String name, String desc) {
        int i = add(op);
        if (i >= 0) {
            this.owner[i] = owner;
            this.name[i] = name;
        }
    }

    @Override
    public void visitMethodInsn(int op, String owner, String name, String desc, boolean itf) {
        int i = add(op);
        if (i >= 0) {
            this.owner[i] = owner;
            this.name[i] = name;
            this.desc[i] = desc;
            if (op != Opcodes.INVOKESTATIC && Calls.acquire(name, desc) != null) {
                hasAcquire = true;
            }
        }
    }

    @Override
    public void visitInvokeDynamicInsn(String name, String desc, Handle bsm, Object... bsmArgs) {
        add(Opcodes.INVOKEDYNAMIC);
    }

    @Override
    public void visitJumpInsn(int op, Label label) {
        int i = add(op);
        if (i >= 0) {
            targets.put(i, new Label[] {label});
        }
    }

    @Override
    public void visitLdcInsn(Object value) {
        add(Opcodes.LDC);
    }

    @Override
    public void visitIincInsn(int var, int increment) {
        add(Opcodes.IINC);
    }

    @Override
    public void visitTableSwitchInsn(int min, int max, Label dflt, Label... labels) {
        switchInsn(Opcodes.TABLESWITCH, dflt, labels);
    }

    @Override
    public void visitLookupSwitchInsn(Label dflt, int[] keys, Label[] labels) {
        switchInsn(Opcodes.LOOKUPSWITCH, dflt, labels);
    }

    private void switchInsn(int op, Label dflt, Label[] labels) {
        int i = add(op);
        if (i >= 0) {
            Label[] all = java.util.Arrays.copyOf(labels, labels.length + 1);
            all[labels.length] = dflt;
            targets.put(i, all);
        }
    }

    @Override
    public void visitMultiANewArrayInsn(String desc, int dims) {
        add(Opcodes.MULTIANEWARRAY);
    }
}
