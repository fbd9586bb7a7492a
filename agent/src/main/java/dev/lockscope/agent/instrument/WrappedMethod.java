package dev.lockscope.agent.instrument;

import net.bytebuddy.jar.asm.Label;
import net.bytebuddy.jar.asm.MethodVisitor;
import net.bytebuddy.jar.asm.Opcodes;
import net.bytebuddy.jar.asm.Type;

/**
 * Wraps one method of a JDK lock class: at entry a dispatcher call whose token goes into a new local, before every
 * return and in a catch-all handler (re-throwing) the matching exit call. The token's slot is past the method's own
 * locals ({@code tokenSlot}, its original max_locals), so no original instruction moves; every stack map frame gets
 * the slot added. Expects frames expanded ({@code ClassReader.EXPAND_FRAMES}); sets the method's max sizes itself
 * from the original ones (the writer must not compute them: see {@link JdkLockHooks#rewrite}).
 */
abstract class WrappedMethod extends MethodVisitor {
    static final String DISPATCH = "dev/lockscope/agent/dispatch/LockscopeDispatch";
    /**
     * Stack added above the original code's own: before a return, {@code this} and the long token (3 slots) go above
     * whatever the method leaves on its stack. In the handler: the throwable, {@code this}, the token and a flag.
     */
    static final int EXTRA_STACK = 3;
    static final int HANDLER_STACK = 5;
    /** The entry call's arguments: {@code this}, a node and a flag at most, on the method's empty entry stack. */
    static final int ENTRY_STACK = 3;

    private final String owner;
    private final String descriptor;
    final int tokenSlot;
    private final Label start = new Label();
    private final Label end = new Label();
    private final Label handler = new Label();

    WrappedMethod(MethodVisitor mv, String owner, String descriptor, int tokenSlot) {
        super(Opcodes.ASM9, mv);
        this.owner = owner;
        this.descriptor = descriptor;
        this.tokenSlot = tokenSlot;
    }

    /** Pushes the arguments of the entry call and calls it; leaves the long token on the stack. */
    abstract void enter();

    /** Before a return: the return value (if any) is on the stack, and must be there, unchanged, afterwards. */
    abstract void exit(int returnOpcode);

    /** In the catch-all handler: the exit for a method left by a throwable (on the stack, to stay there). */
    abstract void exitByThrowable();

    /** The slot of argument {@code index} (0-based, after {@code this}). */
    int argumentSlot(int index) {
        int slot = 1;
        Type[] args = Type.getArgumentTypes(descriptor);
        for (int i = 0; i < index; i++) {
            slot += args[i].getSize();
        }
        return slot;
    }

    void loadThisAndToken() {
        super.visitVarInsn(Opcodes.ALOAD, 0);
        super.visitVarInsn(Opcodes.LLOAD, tokenSlot);
    }

    void callDispatch(String name, String desc) {
        super.visitMethodInsn(Opcodes.INVOKESTATIC, DISPATCH, name, desc, false);
    }

    @Override
    public void visitCode() {
        super.visitCode();
        enter();
        super.visitVarInsn(Opcodes.LSTORE, tokenSlot);
        super.visitLabel(start);
    }

    @Override
    public void visitInsn(int opcode) {
        if (opcode >= Opcodes.IRETURN && opcode <= Opcodes.RETURN) {
            exit(opcode);
        }
        super.visitInsn(opcode);
    }

    @Override
    public void visitFrame(int type, int numLocal, Object[] local, int numStack, Object[] stack) {
        if (type != Opcodes.F_NEW) {
            throw new IllegalStateException("frames must be expanded");
        }
        Object[] locals = withToken(local, numLocal);
        super.visitFrame(type, locals.length, locals, numStack, stack);
    }

    @Override
    public void visitMaxs(int maxStack, int maxLocals) {
        super.visitLabel(end);
        // Last in the exception table, so the method's own handlers keep precedence inside it.
        super.visitTryCatchBlock(start, end, handler, "java/lang/Throwable");
        super.visitLabel(handler);
        super.visitFrame(Opcodes.F_NEW, handlerLocals().length, handlerLocals(), 1, new Object[] {"java/lang/Throwable"});
        exitByThrowable();
        super.visitInsn(Opcodes.ATHROW);
        super.visitMaxs(Math.max(maxStack + EXTRA_STACK, Math.max(HANDLER_STACK, ENTRY_STACK)),
                Math.max(maxLocals, tokenSlot + 2));
    }

    /** The frame's locals, padded with TOP up to the token's slot, then the token. */
    private Object[] withToken(Object[] local, int numLocal) {
        int slot = 0;
        int n = 0;
        Object[] out = new Object[numLocal + tokenSlot + 1];
        for (int i = 0; i < numLocal; i++) {
            out[n++] = local[i];
            slot += local[i] == Opcodes.LONG || local[i] == Opcodes.DOUBLE ? 2 : 1;
        }
        if (slot > tokenSlot) {
            throw new IllegalStateException("a frame reaches past max_locals");
        }
        while (slot < tokenSlot) {
            out[n++] = Opcodes.TOP;
            slot++;
        }
        out[n++] = Opcodes.LONG;
        return java.util.Arrays.copyOf(out, n);
    }

    /** At the handler only {@code this}, the arguments and the token are known. */
    private Object[] handlerLocals() {
        Type[] args = Type.getArgumentTypes(descriptor);
        Object[] known = new Object[args.length + 1];
        known[0] = owner;
        for (int i = 0; i < args.length; i++) {
            known[i + 1] = frameType(args[i]);
        }
        return withToken(known, known.length);
    }

    private static Object frameType(Type t) {
        switch (t.getSort()) {
            case Type.BOOLEAN, Type.BYTE, Type.CHAR, Type.SHORT, Type.INT:
                return Opcodes.INTEGER;
            case Type.FLOAT:
                return Opcodes.FLOAT;
            case Type.LONG:
                return Opcodes.LONG;
            case Type.DOUBLE:
                return Opcodes.DOUBLE;
            default:
                return t.getInternalName();
        }
    }
}
