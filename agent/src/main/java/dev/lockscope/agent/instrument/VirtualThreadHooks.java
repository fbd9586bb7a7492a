package dev.lockscope.agent.instrument;

import java.lang.instrument.ClassDefinition;
import java.lang.instrument.Instrumentation;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import net.bytebuddy.jar.asm.ClassReader;
import net.bytebuddy.jar.asm.ClassVisitor;
import net.bytebuddy.jar.asm.ClassWriter;
import net.bytebuddy.jar.asm.FieldVisitor;
import net.bytebuddy.jar.asm.MethodVisitor;
import net.bytebuddy.jar.asm.Opcodes;

/**
 * JDK 24+: calls into the boot dispatcher where {@code java.lang.VirtualThread} moves a thread that blocked entering a
 * monitor (it unmounts instead of pinning its carrier, and the JDK writes no {@code jdk.JavaMonitorEnter} for it):
 * <ul>
 * <li>{@code afterYield}, in its BLOCKING branch, before {@code setState(BLOCKED)}: {@code virtualBlocking(this)};</li>
 * <li>{@code runContinuation}, in its UNBLOCKED branch, after {@code blockPermit = false}: {@code virtualUnblocked(this)};</li>
 * <li>{@code runContinuation}, after each {@code unmount()}: {@code virtualUnmounted(this, initialState)}, which
 * returns after one compare unless the run started UNBLOCKED.</li>
 * </ul>
 * Nothing runs on the monitor's fast path (the JVM's), nor on a park, yield or wait of a virtual thread beyond that
 * compare. The class is rewritten only when every one of those places is found exactly as described (read from the
 * class file first), else left alone with the reason; no branch, local or frame is added, and the max stack is raised
 * by what the added calls push, not computed (as for the j.u.c. hooks: see {@link JdkLockHooks#rewrite}).
 */
public final class VirtualThreadHooks {
    static final String VT = "java/lang/VirtualThread";
    static final String DISPATCH = WrappedMethod.DISPATCH;
    /** What the added calls push: {@code this} and the start state. */
    static final int EXTRA_STACK = 2;

    /** Where to add the calls, found in a first reading of the class file; or why not. */
    static final class Plan {
        String problem;
        int blocking = -1;
        int blocked = -1;
        int unblocked = -1;
        /** Instruction index in afterYield before which virtualBlocking goes. */
        int blockingAt = -1;
        /** Instruction index in runContinuation after which virtualUnblocked goes. */
        int unblockedAfter = -1;
        /** Instruction indexes in runContinuation after which virtualUnmounted goes. */
        final List<Integer> unmountedAfter = new ArrayList<>();
        /** runContinuation's local holding the state its run started from. */
        int startStateSlot = -1;
    }

    private volatile Plan plan;
    /** The class file the runtime image holds, given back at {@link #uninstall}. */
    private volatile byte[] original;
    private volatile boolean installed;

    /**
     * Redefines java.lang.VirtualThread with the calls added to its class file (read from the runtime image, as
     * {@link JdkLockHooks#install} does, so no transformer stays registered); returns null when hooked, else why not.
     * Sets the dispatcher's UNBLOCKED constant first, so the hooks read it right from their first call.
     */
    public String install(Instrumentation inst, int jdkFeature) {
        if (jdkFeature < 24) {
            return "JDK " + jdkFeature + ": a virtual thread blocked on a monitor pins its carrier before JDK 24, and the"
                    + " JDK's jdk.JavaMonitorEnter events (the agent's monitor stream) record its waits";
        }
        Class<?> vt;
        byte[] bytes;
        try {
            vt = Class.forName(VT.replace('/', '.'), false, null);
            try (java.io.InputStream in = Object.class.getResourceAsStream("/" + VT + ".class")) {
                bytes = in == null ? null : in.readAllBytes();
            }
        } catch (Throwable t) {
            return "java.lang.VirtualThread not readable: " + t;
        }
        if (bytes == null) {
            return "java.lang.VirtualThread's class file not readable";
        }
        Plan p = plan(bytes);
        if (p.problem != null) {
            return p.problem;
        }
        String dispatch = dispatchProblem();
        if (dispatch != null) {
            return dispatch;
        }
        byte[] hooked;
        try {
            hooked = rewrite(bytes, p);
        } catch (Throwable t) {
            return "java.lang.VirtualThread not rewritten: " + t;
        }
        dev.lockscope.agent.dispatch.LockscopeDispatch.virtualUnblockedState = p.unblocked;
        plan = p;
        try {
            inst.redefineClasses(new ClassDefinition(vt, hooked));
        } catch (Throwable t) {
            return "redefinition of java.lang.VirtualThread failed: " + t;
        }
        original = bytes;
        installed = true;
        return null;
    }

    /**
     * Takes the calls out again (the agent stops): java.lang.VirtualThread is redefined with its class file as the
     * runtime image holds it. Runs already inside the rewritten methods finish in that version; their calls find no
     * hooks. Returns null when restored, else why not (the calls then stay, inert).
     */
    public String uninstall(Instrumentation inst) {
        if (!installed) {
            return null;
        }
        installed = false;
        try {
            inst.redefineClasses(new ClassDefinition(Class.forName(VT.replace('/', '.'), false, null), original));
            return null;
        } catch (Throwable t) {
            return "java.lang.VirtualThread not restored (its added calls stay, with no hooks behind them): " + t;
        }
    }

    /**
     * Why the calls must not be added: the dispatcher the boot loader resolves them against lacks the methods they call
     * (an older lockscope agent's, loaded first in this JVM). A call that failed to link would throw in the middle of
     * a virtual thread's unmount.
     */
    static String dispatchProblem() {
        try {
            Class<?> d = Class.forName(DISPATCH.replace('/', '.'), false, null);
            d.getMethod("virtualBlocking", Thread.class);
            d.getMethod("virtualUnblocked", Thread.class);
            d.getMethod("virtualUnmounted", Thread.class, int.class);
            d.getField("virtualUnblockedState");
            return null;
        } catch (Throwable t) {
            return "the boot loader's lockscope dispatcher has no virtual-thread hooks (an older agent's loaded first?): " + t;
        }
    }

    /** java.lang.VirtualThread's BLOCKING state, read from its class file (valid once installed). */
    public int blockingState() {
        return plan.blocking;
    }

    /** Reads where the calls go; {@link Plan#problem} says what was not as expected. */
    static Plan plan(byte[] bytes) {
        Plan p = new Plan();
        Map<String, List<Insn>> code = new HashMap<>();
        new ClassReader(bytes).accept(new ClassVisitor(Opcodes.ASM9) {
            @Override
            public FieldVisitor visitField(int access, String name, String desc, String signature, Object value) {
                if ((access & Opcodes.ACC_STATIC) != 0 && "I".equals(desc) && value instanceof Integer) {
                    switch (name) {
                        case "BLOCKING" -> p.blocking = (Integer) value;
                        case "BLOCKED" -> p.blocked = (Integer) value;
                        case "UNBLOCKED" -> p.unblocked = (Integer) value;
                        default -> { }
                    }
                }
                return null;
            }

            @Override
            public MethodVisitor visitMethod(int access, String name, String desc, String signature, String[] exceptions) {
                if (!"()V".equals(desc) || !(name.equals("afterYield") || name.equals("runContinuation"))) {
                    return null;
                }
                List<Insn> list = new ArrayList<>();
                code.put(name, list);
                return new InsnRecorder(list);
            }
        }, ClassReader.SKIP_DEBUG | ClassReader.SKIP_FRAMES);
        if (p.blocking < 0 || p.blocked < 0 || p.unblocked < 0) {
            p.problem = "java.lang.VirtualThread has no int constants BLOCKING, BLOCKED and UNBLOCKED (not JDK 24+'s monitor states)";
            return p;
        }
        List<Insn> after = code.get("afterYield");
        List<Insn> run = code.get("runContinuation");
        if (after == null || run == null) {
            p.problem = "java.lang.VirtualThread has no afterYield() or runContinuation()";
            return p;
        }
        for (int i = 2; i + 2 < after.size(); i++) {
            if (after.get(i).isVar(Opcodes.ALOAD, 0) && after.get(i + 1).isConst(p.blocked) && after.get(i + 2).isCall("setState", "(I)V")
                    && after.get(i - 1).opcode == Opcodes.IF_ICMPNE && after.get(i - 2).isConst(p.blocking)) {
                if (p.blockingAt >= 0) {
                    p.problem = "afterYield() sets BLOCKED after a BLOCKING test more than once";
                    return p;
                }
                p.blockingAt = i;
            }
        }
        if (p.blockingAt < 0) {
            p.problem = "afterYield() has no 'if (s == BLOCKING) setState(BLOCKED)'";
            return p;
        }
        for (int i = 0; i + 2 < run.size(); i++) {
            if (run.get(i).isVar(Opcodes.ALOAD, 0) && run.get(i + 1).isCall("state", "()I") && run.get(i + 2).opcode == Opcodes.ISTORE) {
                p.startStateSlot = run.get(i + 2).var;
                break;
            }
        }
        boolean unblockedTest = false;
        for (int i = 0; i < run.size(); i++) {
            Insn in = run.get(i);
            if (p.startStateSlot >= 0 && i + 2 < run.size() && in.isVar(Opcodes.ILOAD, p.startStateSlot)
                    && run.get(i + 1).isConst(p.unblocked) && run.get(i + 2).opcode == Opcodes.IF_ICMPNE && p.unblockedAfter < 0) {
                unblockedTest = true;
            }
            if (i > 0 && in.opcode == Opcodes.PUTFIELD && VT.equals(in.owner) && "blockPermit".equals(in.name)
                    && run.get(i - 1).opcode == Opcodes.ICONST_0) {
                if (p.unblockedAfter >= 0 || !unblockedTest) {
                    p.problem = "runContinuation() clears blockPermit other than once, after its UNBLOCKED test";
                    return p;
                }
                p.unblockedAfter = i;
            }
            if (in.isCall("unmount", "()V")) {
                p.unmountedAfter.add(i);
            }
        }
        if (p.startStateSlot < 0 || p.unblockedAfter < 0 || p.unmountedAfter.isEmpty()) {
            p.problem = "runContinuation() lacks 'int initialState = state()', 'blockPermit = false' after its UNBLOCKED test, or unmount()";
        }
        return p;
    }

    /** The class with the calls added; visible for tests. */
    static byte[] rewrite(byte[] bytes, Plan p) {
        ClassReader reader = new ClassReader(bytes);
        ClassWriter writer = new ClassWriter(reader, 0);
        reader.accept(new ClassVisitor(Opcodes.ASM9, writer) {
            @Override
            public MethodVisitor visitMethod(int access, String name, String desc, String signature, String[] exceptions) {
                MethodVisitor mv = super.visitMethod(access, name, desc, signature, exceptions);
                if (!"()V".equals(desc)) {
                    return mv;
                }
                if (name.equals("afterYield")) {
                    return new CountingInjector(mv, 1) {
                        @Override
                        void before(int index) {
                            if (index == p.blockingAt) {
                                mv.visitVarInsn(Opcodes.ALOAD, 0);
                                mv.visitMethodInsn(Opcodes.INVOKESTATIC, DISPATCH, "virtualBlocking", "(Ljava/lang/Thread;)V", false);
                            }
                        }
                    };
                }
                if (name.equals("runContinuation")) {
                    return new CountingInjector(mv, EXTRA_STACK) {
                        @Override
                        void after(int index) {
                            if (index == p.unblockedAfter) {
                                mv.visitVarInsn(Opcodes.ALOAD, 0);
                                mv.visitMethodInsn(Opcodes.INVOKESTATIC, DISPATCH, "virtualUnblocked", "(Ljava/lang/Thread;)V", false);
                            }
                            if (p.unmountedAfter.contains(index)) {
                                mv.visitVarInsn(Opcodes.ALOAD, 0);
                                mv.visitVarInsn(Opcodes.ILOAD, p.startStateSlot);
                                mv.visitMethodInsn(Opcodes.INVOKESTATIC, DISPATCH, "virtualUnmounted", "(Ljava/lang/Thread;I)V", false);
                            }
                        }
                    };
                }
                return mv;
            }
        }, 0);
        return writer.toByteArray();
    }

    public boolean installed() {
        return installed;
    }

    /** One instruction as the first reading saw it. */
    static final class Insn {
        final int opcode;
        final int var;
        final Integer constant;
        final String owner;
        final String name;
        final String desc;

        Insn(int opcode, int var, Integer constant, String owner, String name, String desc) {
            this.opcode = opcode;
            this.var = var;
            this.constant = constant;
            this.owner = owner;
            this.name = name;
            this.desc = desc;
        }

        boolean isVar(int op, int slot) {
            return opcode == op && var == slot;
        }

        boolean isConst(int value) {
            return constant != null && constant == value;
        }

        boolean isCall(String method, String descriptor) {
            return (opcode == Opcodes.INVOKEVIRTUAL || opcode == Opcodes.INVOKESPECIAL) && VT.equals(owner)
                    && method.equals(name) && descriptor.equals(desc);
        }
    }

    /** Lists a method's instructions, one entry per instruction, in the order the reader visits them. */
    private static final class InsnRecorder extends InsnCounter {
        private final List<Insn> out;

        InsnRecorder(List<Insn> out) {
            super(null);
            this.out = out;
        }

        @Override
        void seen(int opcode, int var, Integer constant, String owner, String name, String desc) {
            out.add(new Insn(opcode, var, constant, owner, name, desc));
        }
    }

    /**
     * Adds code before or after the instruction of a given index, written straight to the next visitor ({@code mv}) so
     * it is not counted; raises max stack by what it pushes.
     */
    private abstract static class CountingInjector extends InsnCounter {
        private final int extraStack;

        CountingInjector(MethodVisitor mv, int extraStack) {
            super(mv);
            this.extraStack = extraStack;
        }

        @Override
        public void visitMaxs(int maxStack, int maxLocals) {
            super.visitMaxs(maxStack + extraStack, maxLocals);
        }
    }

    /**
     * Numbers instructions as the reader visits them (labels, frames and line numbers are not instructions), calling
     * {@link #before} and {@link #after} around each; the plan and the rewrite count alike.
     */
    private abstract static class InsnCounter extends MethodVisitor {
        private int index;

        InsnCounter(MethodVisitor mv) {
            super(Opcodes.ASM9, mv);
        }

        void before(int index) {
        }

        void after(int index) {
        }

        void seen(int opcode, int var, Integer constant, String owner, String name, String desc) {
        }

        private void begin(int opcode, int var, Integer constant, String owner, String name, String desc) {
            seen(opcode, var, constant, owner, name, desc);
            before(index);
        }

        private void end() {
            after(index);
            index++;
        }

        @Override
        public void visitInsn(int opcode) {
            Integer c = opcode >= Opcodes.ICONST_M1 && opcode <= Opcodes.ICONST_5 ? opcode - Opcodes.ICONST_0 : null;
            begin(opcode, -1, c, null, null, null);
            super.visitInsn(opcode);
            end();
        }

        @Override
        public void visitIntInsn(int opcode, int operand) {
            begin(opcode, -1, opcode == Opcodes.NEWARRAY ? null : operand, null, null, null);
            super.visitIntInsn(opcode, operand);
            end();
        }

        @Override
        public void visitVarInsn(int opcode, int var) {
            begin(opcode, var, null, null, null, null);
            super.visitVarInsn(opcode, var);
            end();
        }

        @Override
        public void visitTypeInsn(int opcode, String type) {
            begin(opcode, -1, null, type, null, null);
            super.visitTypeInsn(opcode, type);
            end();
        }

        @Override
        public void visitFieldInsn(int opcode, String owner, String name, String desc) {
            begin(opcode, -1, null, owner, name, desc);
            super.visitFieldInsn(opcode, owner, name, desc);
            end();
        }

        @Override
        public void visitMethodInsn(int opcode, String owner, String name, String desc, boolean itf) {
            begin(opcode, -1, null, owner, name, desc);
            super.visitMethodInsn(opcode, owner, name, desc, itf);
            end();
        }

        @Override
        public void visitInvokeDynamicInsn(String name, String desc, net.bytebuddy.jar.asm.Handle bsm, Object... args) {
            begin(Opcodes.INVOKEDYNAMIC, -1, null, null, name, desc);
            super.visitInvokeDynamicInsn(name, desc, bsm, args);
            end();
        }

        @Override
        public void visitJumpInsn(int opcode, net.bytebuddy.jar.asm.Label label) {
            begin(opcode, -1, null, null, null, null);
            super.visitJumpInsn(opcode, label);
            end();
        }

        @Override
        public void visitLdcInsn(Object value) {
            begin(Opcodes.LDC, -1, value instanceof Integer ? (Integer) value : null, null, null, null);
            super.visitLdcInsn(value);
            end();
        }

        @Override
        public void visitIincInsn(int var, int increment) {
            begin(Opcodes.IINC, var, null, null, null, null);
            super.visitIincInsn(var, increment);
            end();
        }

        @Override
        public void visitTableSwitchInsn(int min, int max, net.bytebuddy.jar.asm.Label dflt, net.bytebuddy.jar.asm.Label... labels) {
            begin(Opcodes.TABLESWITCH, -1, null, null, null, null);
            super.visitTableSwitchInsn(min, max, dflt, labels);
            end();
        }

        @Override
        public void visitLookupSwitchInsn(net.bytebuddy.jar.asm.Label dflt, int[] keys, net.bytebuddy.jar.asm.Label[] labels) {
            begin(Opcodes.LOOKUPSWITCH, -1, null, null, null, null);
            super.visitLookupSwitchInsn(dflt, keys, labels);
            end();
        }

        @Override
        public void visitMultiANewArrayInsn(String desc, int dims) {
            begin(Opcodes.MULTIANEWARRAY, -1, null, null, null, desc);
            super.visitMultiANewArrayInsn(desc, dims);
            end();
        }
    }
}
