package dev.lockscope.agent.instrument;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.lockscope.agent.sections.Section;
import dev.lockscope.agent.sections.SectionClassifier;
import java.io.IOException;
import java.io.InputStream;
import java.util.ArrayList;
import java.util.Enumeration;
import java.util.List;
import java.util.jar.JarEntry;
import java.util.jar.JarFile;
import net.bytebuddy.jar.asm.ClassReader;
import net.bytebuddy.jar.asm.ClassVisitor;
import net.bytebuddy.jar.asm.MethodVisitor;
import net.bytebuddy.jar.asm.Opcodes;
import org.junit.jupiter.api.Test;

/**
 * The constant-pool scan against ASM's full parse, over every class of a real library (Byte Buddy's jar, some
 * thousands of classes with every kind of constant): it must say "names a lock class" exactly when some code
 * constructs or names one, and never miss a synchronized method or block.
 */
class ClassFileScanTest {

    @Test
    void agreesWithAFullParseOnEveryClassOfARealLibrary() throws Exception {
        List<byte[]> corpus = corpus();
        assertThat(corpus).hasSizeGreaterThan(1000);
        int monitors = 0;
        int lockClasses = 0;
        for (byte[] b : corpus) {
            ClassFileScan scan = ClassFileScan.of(b);
            Parsed p = parse(b);
            assertThat(scan.namesLockClass).as(p.name).isEqualTo(p.namesLockClass);
            lockClasses += p.namesLockClass ? 1 : 0;
            if (p.hasMonitors) {
                monitors++;
                assertThat(scan.mayHaveMonitors(b)).as(p.name).isTrue();
            }
        }
        assertThat(monitors).as("classes with synchronized code in the corpus").isPositive();
        assertThat(lockClasses).as("classes naming a lock class in the corpus").isGreaterThan(10);
    }

    /**
     * The section classifier parses only the methods this marks: none with an acquire may be left out (a synchronized
     * method, a monitorenter, a call to lock/tryLock/lockInterruptibly), and most methods of the corpus must be.
     */
    @Test
    void marksEveryMethodWithAnAcquireAndLeavesMostOut() throws Exception {
        Marks m = marks((scan, b) -> scan.methodsWithAcquires(b), ClassFileScanTest::acquiresByMethod);
        assertThat(m.expected).as("methods with an acquire in the corpus").isGreaterThan(100);
        assertThat(m.marked).as("methods marked of " + m.methods).isLessThan(m.methods / 5);
    }

    /**
     * The site rewriter visits only the methods this marks: none constructing a lock class may be left out, and in a
     * corpus that constructs them throughout (java.util.concurrent) most methods must be.
     */
    @Test
    void marksEveryMethodConstructingALockAndLeavesMostOut() throws Exception {
        Marks m = marks((scan, b) -> scan.methodsConstructingLocks(b), ClassFileScanTest::constructionsByMethod);
        assertThat(m.expected).as("methods constructing a lock class in the corpus").isGreaterThan(10);
        assertThat(m.marked).as("methods marked of " + m.methods).isLessThan(m.methods / 20);
    }

    /**
     * What the section reader keeps of a class until it is classified: the classifier must find the same sections in
     * it as in the whole class file, over the corpus, and it must be smaller.
     */
    @Test
    void aClassWithOnlyItsAcquiringMethodsClassifiesTheSameInAFractionOfTheBytes() throws Exception {
        long whole = 0;
        long kept = 0;
        int classes = 0;
        int sections = 0;
        for (byte[] b : corpus()) {
            ClassFileScan scan = ClassFileScan.of(b);
            byte[] only = scan.withOnlyMethods(b, scan.methodsWithAcquires(b));
            List<Section> expected = SectionClassifier.classify(b);
            String name = new ClassReader(b).getClassName();
            if (only == null) {
                assertThat(expected).as(name + ": no method kept, so no section").isEmpty();
                continue;
            }
            assertThat(SectionClassifier.classify(only)).as(name).isEqualTo(expected);
            assertThat(new ClassReader(only).getClassName()).isEqualTo(name);
            classes++;
            sections += expected.size();
            whole += b.length;
            kept += only.length;
        }
        assertThat(sections).as("sections in the corpus").isGreaterThan(100);
        // 73% here: this corpus is lock-heavy (java.util.concurrent) and the constant pool, kept whole, is most of a
        // class file; on a Spring Boot service's classes it kept 67% (5.9 MB of 8.9 MB pending at ready).
        assertThat(kept).as("bytes kept of " + whole + " in " + classes + " classes").isLessThan(whole * 4 / 5);
    }

    @Test
    void aClassKeptWholeIsTheSameArrayAndOneKeptNoneIsNull() throws IOException {
        byte[] plain = bytesOf(NoFields.class);
        ClassFileScan scan = ClassFileScan.of(plain);
        assertThat(scan.withOnlyMethods(plain, all(scan.methodsWithAcquires(plain).length))).as("no interface, no field")
                .isSameAs(plain);
        byte[] planted = bytesOf(Planted.class);
        ClassFileScan withFields = ClassFileScan.of(planted);
        boolean[] every = all(withFields.methodsWithAcquires(planted).length);
        byte[] kept = withFields.withOnlyMethods(planted, every);
        assertThat(kept).as("its fields left out").hasSizeLessThan(planted.length);
        assertThat(SectionClassifier.classify(kept)).isEqualTo(SectionClassifier.classify(planted)).isNotEmpty();
        assertThat(withFields.withOnlyMethods(planted, new boolean[every.length])).as("none kept").isNull();
    }

    private static boolean[] all(int n) {
        boolean[] b = new boolean[n];
        java.util.Arrays.fill(b, true);
        return b;
    }

    static final class NoFields {
        void run(Object monitor) {
            synchronized (monitor) {
                monitor.hashCode();
            }
        }
    }

    private record Marks(int methods, int marked, int expected) {
    }

    /** Over the corpus: a per-method mask against ASM's full parse; every method the parse finds must be marked. */
    private static Marks marks(java.util.function.BiFunction<ClassFileScan, byte[], boolean[]> mask,
                               java.util.function.Function<byte[], List<Boolean>> parsed) throws Exception {
        int methods = 0;
        int marked = 0;
        int expected = 0;
        for (byte[] b : corpus()) {
            boolean[] got = mask.apply(ClassFileScan.of(b), b);
            List<Boolean> want = parsed.apply(b);
            assertThat(got).hasSize(want.size());
            for (int m = 0; m < got.length; m++) {
                methods++;
                marked += got[m] ? 1 : 0;
                if (want.get(m)) {
                    expected++;
                    assertThat(got[m]).as(new ClassReader(b).getClassName() + " method " + m).isTrue();
                }
            }
        }
        return new Marks(methods, marked, expected);
    }

    private static List<Boolean> constructionsByMethod(byte[] b) {
        List<Boolean> out = new ArrayList<>();
        new ClassReader(b).accept(new ClassVisitor(Opcodes.ASM9) {
            @Override
            public MethodVisitor visitMethod(int access, String n, String d, String s, String[] e) {
                int m = out.size();
                out.add(false);
                return new MethodVisitor(Opcodes.ASM9) {
                    @Override
                    public void visitMethodInsn(int opcode, String owner, String name, String desc, boolean itf) {
                        if (opcode == Opcodes.INVOKESPECIAL && name.equals("<init>") && SiteRewriter.LOCK_TYPES.contains(owner)) {
                            out.set(m, true);
                        }
                    }
                };
            }
        }, ClassReader.SKIP_DEBUG | ClassReader.SKIP_FRAMES);
        return out;
    }

    private static List<Boolean> acquiresByMethod(byte[] b) {
        List<Boolean> out = new ArrayList<>();
        new ClassReader(b).accept(new ClassVisitor(Opcodes.ASM9) {
            @Override
            public MethodVisitor visitMethod(int access, String n, String d, String s, String[] e) {
                int m = out.size();
                out.add((access & Opcodes.ACC_SYNCHRONIZED) != 0);
                return new MethodVisitor(Opcodes.ASM9) {
                    @Override
                    public void visitInsn(int opcode) {
                        if (opcode == Opcodes.MONITORENTER) {
                            out.set(m, true);
                        }
                    }

                    @Override
                    public void visitMethodInsn(int opcode, String owner, String name, String desc, boolean itf) {
                        if ((opcode == Opcodes.INVOKEVIRTUAL || opcode == Opcodes.INVOKEINTERFACE)
                                && (name.equals("lock") || name.equals("tryLock") || name.equals("lockInterruptibly"))) {
                            out.set(m, true);
                        }
                    }
                };
            }
        }, ClassReader.SKIP_DEBUG | ClassReader.SKIP_FRAMES);
        return out;
    }

    @Test
    void findsALockConstructionALockCallAndASynchronizedBlock() throws IOException {
        byte[] b = bytesOf(Planted.class);
        ClassFileScan scan = ClassFileScan.of(b);
        assertThat(scan.namesLockClass).isTrue();
        assertThat(scan.namesLockMethod).isTrue();
        assertThat(scan.mayHaveMonitors(b)).isTrue();
        byte[] plain = bytesOf(ClassFileScanTest.class);
        assertThat(ClassFileScan.of(plain).namesLockClass).isFalse();
    }

    /** The load-time transformer's two parts ask about each class in turn, passing the same array: one scan between them. */
    @Test
    void theSameArrayAskedAgainOnOneThreadIsScannedOnce() throws Exception {
        byte[] b = bytesOf(Planted.class);
        ClassFileScan first = ClassFileScan.of(b);
        assertThat(ClassFileScan.of(b)).isSameAs(first);
        byte[] copy = b.clone();
        assertThat(ClassFileScan.of(copy)).as("another array, even with the same bytes").isNotSameAs(first);
        ClassFileScan[] elsewhere = new ClassFileScan[1];
        Thread t = new Thread(() -> elsewhere[0] = ClassFileScan.of(b));
        t.start();
        t.join();
        assertThat(elsewhere[0]).as("another thread scans for itself").isNotSameAs(first);
        assertThat(elsewhere[0].namesLockClass).isEqualTo(first.namesLockClass);
    }

    @Test
    void aTruncatedClassFileThrowsForTheTransformerToCatch() throws IOException {
        byte[] b = bytesOf(Planted.class);
        assertThatThrownBy(() -> ClassFileScan.of(java.util.Arrays.copyOf(b, 40))).isInstanceOf(RuntimeException.class);
    }

    static final class Planted {
        final java.util.concurrent.locks.ReentrantLock lock = new java.util.concurrent.locks.ReentrantLock();
        final Object monitor = new Object();

        void run() {
            lock.lock();
            lock.unlock();
            synchronized (monitor) {
                monitor.hashCode();
            }
        }
    }

    private record Parsed(String name, boolean namesLockClass, boolean hasMonitors) {
    }

    private static Parsed parse(byte[] b) {
        ClassReader r = new ClassReader(b);
        boolean names = false;
        char[] buf = new char[r.getMaxStringLength()];
        for (int i = 1; i < r.getItemCount(); i++) {
            int at = r.getItem(i);
            if (at > 0 && b[at - 1] == 7) { // CONSTANT_Class
                names |= SiteRewriter.LOCK_TYPES.contains(r.readUTF8(at, buf));
            }
        }
        boolean[] monitors = {false};
        r.accept(new ClassVisitor(Opcodes.ASM9) {
            @Override
            public MethodVisitor visitMethod(int access, String n, String d, String s, String[] e) {
                monitors[0] |= (access & Opcodes.ACC_SYNCHRONIZED) != 0;
                return new MethodVisitor(Opcodes.ASM9) {
                    @Override
                    public void visitInsn(int opcode) {
                        monitors[0] |= opcode == Opcodes.MONITORENTER;
                    }
                };
            }
        }, ClassReader.SKIP_DEBUG | ClassReader.SKIP_FRAMES);
        return new Parsed(r.getClassName(), names, monitors[0]);
    }

    private static byte[] bytesOf(Class<?> c) throws IOException {
        String name = c.getName().substring(c.getName().lastIndexOf('.') + 1) + ".class";
        try (InputStream in = c.getResourceAsStream(name)) {
            return in.readAllBytes();
        }
    }

    /** Every class of Byte Buddy's jar and of java.util.concurrent, which constructs and names the lock classes throughout. */
    private static List<byte[]> corpus() throws Exception {
        List<byte[]> corpus = classesOf(ClassReader.class);
        try (var files = java.nio.file.Files.walk(java.nio.file.FileSystems.getFileSystem(java.net.URI.create("jrt:/"))
                .getPath("/modules/java.base/java/util/concurrent"))) {
            for (java.nio.file.Path f : files.filter(f -> f.toString().endsWith(".class")).toList()) {
                corpus.add(java.nio.file.Files.readAllBytes(f));
            }
        }
        return corpus;
    }

    private static List<byte[]> classesOf(Class<?> inJar) throws Exception {
        List<byte[]> out = new ArrayList<>();
        try (JarFile jar = new JarFile(new java.io.File(inJar.getProtectionDomain().getCodeSource().getLocation().toURI()))) {
            Enumeration<JarEntry> en = jar.entries();
            while (en.hasMoreElements()) {
                JarEntry e = en.nextElement();
                if (e.getName().endsWith(".class") && !e.getName().endsWith("module-info.class") && !e.getName().startsWith("META-INF/")) {
                    try (InputStream in = jar.getInputStream(e)) {
                        out.add(in.readAllBytes());
                    }
                }
            }
        }
        return out;
    }
}
