package dev.lockscope.agent.instrument;

import java.util.ArrayDeque;
import net.bytebuddy.jar.asm.ClassReader;
import net.bytebuddy.jar.asm.ClassVisitor;
import net.bytebuddy.jar.asm.ClassWriter;
import net.bytebuddy.jar.asm.Label;
import net.bytebuddy.jar.asm.MethodVisitor;
import net.bytebuddy.jar.asm.Opcodes;

/**
 * Follows a method's {@code new T(...)} expressions: each NEW is paired with the constructor call that completes it
 * (nested ones included, a {@code super(...)} call told apart), with the source line in force, so a subclass can
 * change the type created or add code right after the object is built.
 */
public abstract class ConstructionVisitor extends MethodVisitor {
    protected final String owner;
    protected final String method;
    /** Pending NEW instructions: the type as written and the type emitted in its place. */
    private final ArrayDeque<String[]> pendingNew = new ArrayDeque<>();
    private int line;

    protected ConstructionVisitor(MethodVisitor mv, String owner, String method) {
        super(Opcodes.ASM9, mv);
        this.owner = owner;
        this.method = method;
    }

    /** Makes the visitor for one method of {@code owner}; it sets {@code changed[0]} when it rewrites anything. */
    public interface Factory {
        MethodVisitor create(MethodVisitor mv, String owner, String method, boolean[] changed);
    }

    /** Runs {@code factory}'s visitor over every method of the class: its new bytes, or null when nothing changed. */
    public static byte[] rewriteMethods(String className, byte[] bytes, Factory factory) {
        return rewriteMethods(className, bytes, null, factory);
    }

    /**
     * As {@link #rewriteMethods(String, byte[], Factory)}, over the methods marked in {@code candidates} (class-file
     * order; null: all). The others go to the writer as they are, which then copies their bytes without ASM parsing
     * their code: most of a class's methods construct nothing.
     */
    public static byte[] rewriteMethods(String className, byte[] bytes, boolean[] candidates, Factory factory) {
        ClassReader reader = new ClassReader(bytes);
        ClassWriter writer = new ClassWriter(reader, 0);
        boolean[] changed = new boolean[1];
        int[] index = {0};
        reader.accept(new ClassVisitor(Opcodes.ASM9, writer) {
            @Override
            public MethodVisitor visitMethod(int access, String name, String desc, String sig, String[] exceptions) {
                int m = index[0]++;
                MethodVisitor plain = super.visitMethod(access, name, desc, sig, exceptions);
                if (candidates != null && (m >= candidates.length || !candidates[m])) {
                    return plain;
                }
                return factory.create(plain, className, name, changed);
            }
        }, 0);
        return changed[0] ? writer.toByteArray() : null;
    }

    /** The site at the current line, as the reports print it: {@code pkg.Class.method:line}. */
    protected final String site() {
        return owner.replace('/', '.') + '.' + method + ':' + line;
    }

    protected final int line() {
        return line;
    }

    /** The type to create for a {@code NEW type} on the current line; the written type by default. */
    protected String newType(String writtenType) {
        return writtenType;
    }

    /** Right after the constructor call of a {@code new writtenType(...)}: the new object is on the stack. */
    protected void constructed(String writtenType) {
    }

    @Override
    public void visitLineNumber(int line, Label start) {
        this.line = line;
        super.visitLineNumber(line, start);
    }

    @Override
    public void visitTypeInsn(int opcode, String type) {
        if (opcode != Opcodes.NEW) {
            super.visitTypeInsn(opcode, type);
            return;
        }
        String emitted = newType(type);
        pendingNew.push(new String[] {type, emitted});
        super.visitTypeInsn(opcode, emitted);
    }

    @Override
    public void visitMethodInsn(int opcode, String calledOwner, String name, String desc, boolean itf) {
        if (opcode == Opcodes.INVOKESPECIAL && name.equals("<init>") && !pendingNew.isEmpty()
                && pendingNew.peek()[0].equals(calledOwner)) {
            String[] pair = pendingNew.pop();
            super.visitMethodInsn(opcode, pair[1], name, desc, itf);
            constructed(pair[0]);
            return;
        }
        super.visitMethodInsn(opcode, calledOwner, name, desc, itf);
    }
}
