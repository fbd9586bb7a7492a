package dev.lockscope.agent.instrument;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import java.nio.file.FileSystem;
import java.nio.file.FileSystems;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Stream;
import net.bytebuddy.jar.asm.ClassReader;
import net.bytebuddy.jar.asm.ClassVisitor;
import net.bytebuddy.jar.asm.ClassWriter;
import net.bytebuddy.jar.asm.MethodVisitor;
import net.bytebuddy.jar.asm.Opcodes;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;

/**
 * The rewrite of JDK 25's java.lang.VirtualThread (read from the JDK 25 image under /usr/lib/jvm; skipped, saying so,
 * where none is installed), with and without stack map frames (a retransformation may get the class without them):
 * the three calls land where the monitor states change and nowhere else, max stack grows by what they push, nothing
 * else changes; a class not shaped as expected is left alone with the reason.
 */
class VirtualThreadHooksTest {
    private static final String DISPATCH = WrappedMethod.DISPATCH;

    @Test
    void callsLandWhereTheMonitorStatesChangeWithAndWithoutFrames() throws Exception {
        byte[] original = jdk25VirtualThread();
        for (byte[] input : List.of(original, withoutFrames(original))) {
            VirtualThreadHooks.Plan plan = VirtualThreadHooks.plan(input);
            assertThat(plan.problem).isNull();
            assertThat(List.of(plan.blocking, plan.blocked, plan.unblocked)).doesNotHaveDuplicates().allMatch(v -> v > 0);
            byte[] out = VirtualThreadHooks.rewrite(input, plan);
            Map<String, int[]> before = maxs(input);
            Map<String, int[]> after = maxs(out);
            for (Map.Entry<String, int[]> e : after.entrySet()) {
                int[] was = before.get(e.getKey());
                int extra = switch (e.getKey()) {
                    case "afterYield()V" -> 1;
                    case "runContinuation()V" -> VirtualThreadHooks.EXTRA_STACK;
                    default -> 0;
                };
                assertThat(e.getValue()[0]).as(e.getKey() + " max_stack").isEqualTo(was[0] + extra);
                assertThat(e.getValue()[1]).as(e.getKey() + " max_locals").isEqualTo(was[1]);
            }
            List<String> afterYield = code(out, "afterYield");
            int blocking = afterYield.indexOf("INVOKESTATIC " + DISPATCH + ".virtualBlocking");
            assertThat(blocking).isPositive();
            assertThat(afterYield.subList(blocking + 1, blocking + 4))
                    .containsExactly("ALOAD 0", "CONST " + plan.blocked, "INVOKEVIRTUAL java/lang/VirtualThread.setState");
            assertThat(afterYield.subList(blocking - 3, blocking)).startsWith("CONST " + plan.blocking);
            List<String> run = code(out, "runContinuation");
            int unblocked = run.indexOf("INVOKESTATIC " + DISPATCH + ".virtualUnblocked");
            assertThat(run.subList(unblocked - 3, unblocked)).containsExactly("CONST 0", "PUTFIELD java/lang/VirtualThread.blockPermit", "ALOAD 0");
            int calls = 0;
            for (int i = 0; i < run.size(); i++) {
                if (run.get(i).equals("INVOKESTATIC " + DISPATCH + ".virtualUnmounted")) {
                    calls++;
                    assertThat(run.subList(i - 3, i)).containsExactly("INVOKEVIRTUAL java/lang/VirtualThread.unmount", "ALOAD 0",
                            "ILOAD " + plan.startStateSlot);
                }
            }
            assertThat(calls).as("after each unmount: the finally block's normal and exceptional copies").isEqualTo(2);
            assertThat(code(out, "afterYield").size() + code(out, "runContinuation").size())
                    .isEqualTo(code(input, "afterYield").size() + code(input, "runContinuation").size() + 2 + 2 + 3 * calls);
        }
    }

    @Test
    void aClassNotShapedAsExpectedIsLeftAloneWithTheReason() throws Exception {
        byte[] original = jdk25VirtualThread();
        byte[] renamed = renameMethod(original, "afterYield", "afterYieldRenamed");
        assertThat(VirtualThreadHooks.plan(renamed).problem).isEqualTo("java.lang.VirtualThread has no afterYield() or runContinuation()");
        byte[] aqs;
        try (var in = Object.class.getResourceAsStream("/java/util/concurrent/locks/AbstractQueuedSynchronizer.class")) {
            aqs = in.readAllBytes();
        }
        assertThat(VirtualThreadHooks.plan(aqs).problem).contains("no int constants BLOCKING, BLOCKED and UNBLOCKED");
    }

    /**
     * The added calls link against the dispatcher the boot loader finds; where it has none with these methods (here:
     * no agent at all, as with an older agent's loaded first) nothing is added, with the reason.
     */
    @Test
    void noCallIsAddedWhereTheBootLoadersDispatcherLacksItsMethods() {
        assertThat(VirtualThreadHooks.dispatchProblem())
                .startsWith("the boot loader's lockscope dispatcher has no virtual-thread hooks");
    }

    @Test
    void beforeJdk24TheReasonIsGivenAndNothingIsTransformed() {
        String why = new VirtualThreadHooks().install(null, 21);
        assertThat(why).contains("JDK 21", "pins its carrier", "jdk.JavaMonitorEnter");
    }

    static byte[] jdk25VirtualThread() throws Exception {
        Optional<Path> home;
        try (Stream<Path> s = Files.list(Path.of("/usr/lib/jvm"))) {
            home = s.filter(p -> p.getFileName().toString().contains("25") && Files.exists(p.resolve("lib/jrt-fs.jar"))).findFirst();
        }
        if (home.isEmpty()) {
            System.out.println("VirtualThreadHooksTest: no JDK 25 under /usr/lib/jvm, skipped");
        }
        Assumptions.assumeTrue(home.isPresent(), "no JDK 25 under /usr/lib/jvm");
        try (FileSystem fs = FileSystems.newFileSystem(URI.create("jrt:/"), Map.of("java.home", home.get().toString()))) {
            return Files.readAllBytes(fs.getPath("modules", "java.base", "java/lang/VirtualThread.class"));
        }
    }

    private static byte[] withoutFrames(byte[] bytes) {
        ClassWriter w = new ClassWriter(0);
        new ClassReader(bytes).accept(w, ClassReader.SKIP_FRAMES);
        return w.toByteArray();
    }

    private static byte[] renameMethod(byte[] bytes, String from, String to) {
        ClassWriter w = new ClassWriter(0);
        new ClassReader(bytes).accept(new ClassVisitor(Opcodes.ASM9, w) {
            @Override
            public MethodVisitor visitMethod(int access, String name, String desc, String sig, String[] ex) {
                return super.visitMethod(access, name.equals(from) ? to : name, desc, sig, ex);
            }
        }, 0);
        return w.toByteArray();
    }

    /** A method's instructions, simply written ("ALOAD 0", "CONST 13", "INVOKEVIRTUAL owner.name"). */
    private static List<String> code(byte[] bytes, String method) {
        List<String> out = new ArrayList<>();
        new ClassReader(bytes).accept(new ClassVisitor(Opcodes.ASM9) {
            @Override
            public MethodVisitor visitMethod(int access, String name, String desc, String sig, String[] ex) {
                if (!name.equals(method) || !desc.equals("()V")) {
                    return null;
                }
                return new MethodVisitor(Opcodes.ASM9) {
                    @Override
                    public void visitInsn(int op) {
                        out.add(op >= Opcodes.ICONST_M1 && op <= Opcodes.ICONST_5 ? "CONST " + (op - Opcodes.ICONST_0) : "OP " + op);
                    }

                    @Override
                    public void visitIntInsn(int op, int operand) {
                        out.add("CONST " + operand);
                    }

                    @Override
                    public void visitVarInsn(int op, int var) {
                        out.add((op == Opcodes.ALOAD ? "ALOAD " : op == Opcodes.ILOAD ? "ILOAD " : "VAR " + op + " ") + var);
                    }

                    @Override
                    public void visitFieldInsn(int op, String owner, String name, String desc) {
                        out.add((op == Opcodes.PUTFIELD ? "PUTFIELD " : "FIELD " + op + " ") + owner + "." + name);
                    }

                    @Override
                    public void visitMethodInsn(int op, String owner, String name, String desc, boolean itf) {
                        out.add((op == Opcodes.INVOKESTATIC ? "INVOKESTATIC " : op == Opcodes.INVOKEVIRTUAL ? "INVOKEVIRTUAL " : "INVOKE ")
                                + owner + "." + name);
                    }

                    @Override
                    public void visitJumpInsn(int op, net.bytebuddy.jar.asm.Label l) {
                        out.add("JUMP " + op);
                    }

                    @Override
                    public void visitTypeInsn(int op, String type) {
                        out.add("TYPE " + op);
                    }

                    @Override
                    public void visitLdcInsn(Object v) {
                        out.add("LDC " + v);
                    }

                    @Override
                    public void visitInvokeDynamicInsn(String name, String desc, net.bytebuddy.jar.asm.Handle bsm, Object... args) {
                        out.add("INDY " + name);
                    }

                    @Override
                    public void visitIincInsn(int var, int inc) {
                        out.add("IINC");
                    }

                    @Override
                    public void visitTableSwitchInsn(int min, int max, net.bytebuddy.jar.asm.Label d, net.bytebuddy.jar.asm.Label... l) {
                        out.add("SWITCH");
                    }

                    @Override
                    public void visitLookupSwitchInsn(net.bytebuddy.jar.asm.Label d, int[] k, net.bytebuddy.jar.asm.Label[] l) {
                        out.add("SWITCH");
                    }
                };
            }
        }, 0);
        return out;
    }

    /** Method name + descriptor -> {max_stack, max_locals}. */
    private static Map<String, int[]> maxs(byte[] bytes) {
        Map<String, int[]> out = new HashMap<>();
        new ClassReader(bytes).accept(new ClassVisitor(Opcodes.ASM9) {
            @Override
            public MethodVisitor visitMethod(int access, String name, String desc, String sig, String[] exceptions) {
                return new MethodVisitor(Opcodes.ASM9) {
                    @Override
                    public void visitMaxs(int maxStack, int maxLocals) {
                        out.put(name + desc, new int[] {maxStack, maxLocals});
                    }
                };
            }
        }, 0);
        return out;
    }
}
