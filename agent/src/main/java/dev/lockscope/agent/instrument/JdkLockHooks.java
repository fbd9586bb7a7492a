package dev.lockscope.agent.instrument;

import java.io.InputStream;
import java.lang.instrument.ClassDefinition;
import java.lang.instrument.Instrumentation;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import net.bytebuddy.jar.asm.ClassReader;
import net.bytebuddy.jar.asm.ClassVisitor;
import net.bytebuddy.jar.asm.ClassWriter;
import net.bytebuddy.jar.asm.MethodVisitor;
import net.bytebuddy.jar.asm.Opcodes;

/**
 * Redefines the JDK's lock classes (already loaded, in java.base) with calls into the boot dispatcher on their
 * slow paths only: AQS/AQLS {@code acquire(Node, ...)}, StampedLock {@code acquireWrite/acquireRead}, condition
 * {@code await*}, and the {@code LockSupport.unpark} inside the wake-successor methods (a release that wakes a
 * waiter). No class format change (no new fields or methods), as redefinition requires.
 *
 * <p>Written on ASM directly, not Byte Buddy's {@code AgentBuilder} and {@code Advice}: for these five classes they
 * loaded about 1,000 classes and, with the JIT compiling them, cost over a second of CPU at every start, which kept
 * the hooks from being live within the agent's start-up budget (docs/performance-notes.md, "Agent cost on real
 * applications").
 */
public final class JdkLockHooks {
    private static final String LOCKS = "java/util/concurrent/locks/";
    private static final String AQS = LOCKS + "AbstractQueuedSynchronizer";
    private static final String AQLS = LOCKS + "AbstractQueuedLongSynchronizer";
    private static final String STAMPED = LOCKS + "StampedLock";
    private static final List<String> TARGETS = List.of(AQS, AQLS, AQS + "$ConditionObject", AQLS + "$ConditionObject", STAMPED);
    private static final List<String> AWAITS = List.of("await", "awaitNanos", "awaitUntil", "awaitUninterruptibly");

    private final List<String> installed = new ArrayList<>();
    private final List<String> errors = new ArrayList<>();

    /**
     * Redefines the lock classes with their hooked class files; failures are kept in {@link #errors()}. Each class
     * file is read from the runtime image (the one the JVM loaded it from), rewritten and handed to
     * {@code redefineClasses}, so the hooked bytes become the class's own: a later retransformation by another agent
     * starts from them and keeps the hooks, with no transformer of ours left registered. A registered retransformable
     * transformer would make the JVM copy every class file loaded after it into a fresh array for it (about 48 MB
     * more garbage while a Spring Boot service starts, on top of the load-time transformers' own copy).
     */
    public void install(Instrumentation inst) {
        List<ClassDefinition> definitions = new ArrayList<>();
        List<String> names = new ArrayList<>();
        for (String name : TARGETS) {
            try {
                Class<?> c = Class.forName(name.replace('/', '.'), false, null);
                definitions.add(new ClassDefinition(c, rewrite(name, classFile(name))));
                names.add(shortName(name));
            } catch (ClassNotFoundException e) {
                record(errors, name + ": not in this JDK");
            } catch (Throwable t) {
                record(errors, name + ": " + t);
            }
        }
        if (definitions.isEmpty()) {
            return;
        }
        try {
            inst.redefineClasses(definitions.toArray(new ClassDefinition[0]));
            for (String n : names) {
                record(installed, n);
            }
        } catch (Throwable t) {
            record(errors, "redefinition: " + t);
        }
    }

    /** A java.base class's file as the runtime image holds it. */
    static byte[] classFile(String internalName) throws java.io.IOException {
        try (InputStream in = Object.class.getResourceAsStream("/" + internalName + ".class")) {
            if (in == null) {
                throw new java.io.IOException("class file not in the runtime image");
            }
            return in.readAllBytes();
        }
    }

    private static String shortName(String className) {
        return className.substring(Math.max(className.lastIndexOf('/'), className.lastIndexOf('$')) + 1)
                .replace("AbstractQueuedSynchronizer", "AQS").replace("AbstractQueuedLongSynchronizer", "AQLS");
    }

    /** The rewritten class file; visible for tests, which check it on classes of both JDKs. */
    static byte[] rewrite(String className, byte[] bytes) {
        ClassReader reader = new ClassReader(bytes);
        Map<String, Integer> maxLocals = maxLocals(reader);
        // Max sizes are set by WrappedMethod, not computed: on a class file without a StackMapTable (as a
        // retransformation hands java.base classes over, which earlier versions rewrote) ASM's
        // COMPUTE_MAXS gave awaitUninterruptibly a max_stack of 6 for code needing 8, which the JVM (never verifying
        // java.base) accepted until a garbage collection's oop map of a waiting thread found the overflow and died.
        ClassWriter writer = new ClassWriter(reader, 0);
        reader.accept(new ClassVisitor(Opcodes.ASM9, writer) {
            @Override
            public MethodVisitor visitMethod(int access, String name, String desc, String signature, String[] exceptions) {
                MethodVisitor mv = super.visitMethod(access, name, desc, signature, exceptions);
                Integer locals = maxLocals.get(name + desc);
                if (locals != null) {
                    return wrap(className, name, desc, mv, locals);
                }
                if (name.equals("signalNext") || name.equals("signalNextIfShared")) {
                    return new UnparkRedirect(mv);
                }
                return mv;
            }
        }, ClassReader.EXPAND_FRAMES);
        return writer.toByteArray();
    }

    /** Whether this method is one to wrap. */
    private static boolean wrapped(String className, String name, String desc) {
        if (className.equals(AQS) || className.equals(AQLS)) {
            return name.equals("acquire") && desc.startsWith("(L") && desc.endsWith(")I"); // acquire(Node, arg, shared, ...)
        }
        if (className.equals(STAMPED)) {
            return name.equals("acquireWrite") || name.equals("acquireRead");
        }
        return AWAITS.contains(name);
    }

    private static MethodVisitor wrap(String owner, String name, String desc, MethodVisitor mv, int tokenSlot) {
        if (owner.equals(STAMPED)) {
            boolean write = name.equals("acquireWrite");
            return new WrappedMethod(mv, owner, desc, tokenSlot) {
                @Override
                void enter() {
                    super.visitVarInsn(Opcodes.ALOAD, 0);
                    super.visitInsn(write ? Opcodes.ICONST_1 : Opcodes.ICONST_0);
                    callDispatch("stampedBegin", "(Ljava/lang/Object;Z)J");
                }

                @Override
                void exit(int returnOpcode) {
                    loadThisAndToken();
                    callDispatch("stampedEnd", "(JLjava/lang/Object;J)J");
                }

                @Override
                void exitByThrowable() {
                    loadThisAndToken();
                    super.visitInsn(Opcodes.ICONST_0);
                    callDispatch("waitEnd", "(Ljava/lang/Object;JZ)V");
                }
            };
        }
        if (name.equals("acquire")) {
            return new WrappedMethod(mv, owner, desc, tokenSlot) {
                @Override
                void enter() {
                    super.visitVarInsn(Opcodes.ALOAD, 0);
                    super.visitVarInsn(Opcodes.ALOAD, argumentSlot(0)); // node
                    super.visitVarInsn(Opcodes.ILOAD, argumentSlot(2)); // shared
                    callDispatch("acquireBegin", "(Ljava/lang/Object;Ljava/lang/Object;Z)J");
                }

                @Override
                void exit(int returnOpcode) {
                    loadThisAndToken();
                    callDispatch("acquireEnd", "(ILjava/lang/Object;J)I");
                }

                @Override
                void exitByThrowable() {
                    loadThisAndToken();
                    super.visitInsn(Opcodes.ICONST_0);
                    callDispatch("waitEnd", "(Ljava/lang/Object;JZ)V");
                }
            };
        }
        return new WrappedMethod(mv, owner, desc, tokenSlot) {
            @Override
            void enter() {
                super.visitVarInsn(Opcodes.ALOAD, 0);
                callDispatch("conditionBegin", "(Ljava/lang/Object;)J");
            }

            @Override
            void exit(int returnOpcode) {
                exitByThrowable();
            }

            @Override
            void exitByThrowable() {
                loadThisAndToken();
                callDispatch("conditionEnd", "(Ljava/lang/Object;J)V");
            }
        };
    }

    /** First pass: each method to wrap, with its max_locals (the wrapped method's token goes there). */
    private static Map<String, Integer> maxLocals(ClassReader reader) {
        Map<String, Integer> out = new HashMap<>();
        String className = reader.getClassName();
        reader.accept(new ClassVisitor(Opcodes.ASM9) {
            @Override
            public MethodVisitor visitMethod(int access, String name, String desc, String signature, String[] exceptions) {
                if ((access & (Opcodes.ACC_STATIC | Opcodes.ACC_ABSTRACT | Opcodes.ACC_NATIVE)) != 0
                        || !wrapped(className, name, desc)) {
                    return null;
                }
                return new MethodVisitor(Opcodes.ASM9) {
                    @Override
                    public void visitMaxs(int maxStack, int maxLocals) {
                        out.put(name + desc, maxLocals);
                    }
                };
            }
        }, ClassReader.SKIP_DEBUG | ClassReader.SKIP_FRAMES);
        return out;
    }

    /** Inside the wake-successor methods, {@code LockSupport.unpark(t)} becomes the dispatcher's (which unparks, then tells the agent). */
    private static final class UnparkRedirect extends MethodVisitor {
        UnparkRedirect(MethodVisitor mv) {
            super(Opcodes.ASM9, mv);
        }

        @Override
        public void visitMethodInsn(int opcode, String owner, String name, String desc, boolean itf) {
            if (opcode == Opcodes.INVOKESTATIC && owner.equals(LOCKS + "LockSupport") && name.equals("unpark")) {
                super.visitMethodInsn(opcode, WrappedMethod.DISPATCH, "unpark", "(Ljava/lang/Thread;)V", false);
            } else {
                super.visitMethodInsn(opcode, owner, name, desc, itf);
            }
        }
    }

    private static void record(List<String> list, String line) {
        synchronized (list) {
            list.add(line);
        }
    }

    /** Simple names of the transformed classes, e.g. [AQS, ConditionObject, StampedLock]. */
    public List<String> installed() {
        synchronized (installed) {
            return new ArrayList<>(installed);
        }
    }

    public List<String> errors() {
        synchronized (errors) {
            return new ArrayList<>(errors);
        }
    }
}
