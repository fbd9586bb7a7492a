package dev.lockscope.agent.instrument;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.InputStream;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import net.bytebuddy.jar.asm.ClassReader;
import net.bytebuddy.jar.asm.ClassVisitor;
import net.bytebuddy.jar.asm.ClassWriter;
import net.bytebuddy.jar.asm.MethodVisitor;
import net.bytebuddy.jar.asm.Opcodes;
import org.junit.jupiter.api.Test;

/**
 * The rewritten lock methods' max sizes hold what the added calls push, whether or not the class handed to the
 * transformer has stack map frames: a retransformation gets the JVM's reconstitution of java.base classes, which
 * comes without them, and a max_stack too small there was accepted (java.base is not verified) until a garbage
 * collection computing a waiting thread's oop map found the overflow and stopped the JVM.
 */
class JdkLockHooksMaxsTest {
    static final List<String> CLASSES = List.of("java/util/concurrent/locks/AbstractQueuedSynchronizer",
            "java/util/concurrent/locks/AbstractQueuedSynchronizer$ConditionObject",
            "java/util/concurrent/locks/AbstractQueuedLongSynchronizer",
            "java/util/concurrent/locks/AbstractQueuedLongSynchronizer$ConditionObject",
            "java/util/concurrent/locks/StampedLock");

    @Test
    void wrappedMethodsKeepRoomForTheHooksWithAndWithoutFrames() throws IOException {
        int wrapped = 0;
        for (String name : CLASSES) {
            byte[] original = bytes(name);
            for (byte[] input : List.of(original, withoutFrames(original))) {
                Map<String, int[]> before = maxs(input);
                Map<String, int[]> after = maxs(JdkLockHooks.rewrite(name, input));
                for (Map.Entry<String, int[]> e : after.entrySet()) {
                    int[] was = before.get(e.getKey());
                    if (e.getValue()[1] > was[1]) { // a wrapped method: its token took new local slots
                        wrapped++;
                        assertThat(e.getValue()[0]).as(name + "." + e.getKey() + " max_stack")
                                .isGreaterThanOrEqualTo(Math.max(was[0] + WrappedMethod.EXTRA_STACK, WrappedMethod.HANDLER_STACK));
                        assertThat(e.getValue()[1]).as(name + "." + e.getKey() + " max_locals").isEqualTo(was[1] + 2);
                    } else {
                        assertThat(e.getValue()).as(name + "." + e.getKey() + " untouched").containsExactly(was);
                    }
                }
            }
        }
        // acquire in AQS and AQLS; await(), await(long, TimeUnit), awaitNanos, awaitUntil and awaitUninterruptibly in
        // each ConditionObject; acquireWrite and acquireRead in StampedLock. With and without frames.
        assertThat(wrapped).isEqualTo(2 * (2 + 10 + 2));
    }

    private static byte[] bytes(String name) throws IOException {
        try (InputStream in = Object.class.getResourceAsStream("/" + name + ".class")) {
            return in.readAllBytes();
        }
    }

    /** The class as a JVM may reconstitute it for a retransformation: no StackMapTable. */
    private static byte[] withoutFrames(byte[] bytes) {
        ClassWriter w = new ClassWriter(0);
        new ClassReader(bytes).accept(w, ClassReader.SKIP_FRAMES);
        return w.toByteArray();
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
