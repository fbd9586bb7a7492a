package dev.lockscope.agent.instrument;

import static org.assertj.core.api.Assertions.assertThat;

import dev.lockscope.agent.registry.SiteRegistry;
import java.io.InputStream;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Semaphore;
import java.util.concurrent.locks.ReentrantLock;
import java.util.concurrent.locks.ReentrantReadWriteLock;
import java.util.concurrent.locks.StampedLock;
import org.junit.jupiter.api.Test;

class SiteRewriterTest {
    /** Constructions the rewriter must see, and a subclass whose super() call it must leave alone. */
    static final class Sample {
        final ReentrantLock a = new ReentrantLock(true); // SITE-A
        final ReentrantReadWriteLock b = new ReentrantReadWriteLock(); // SITE-B
        final Semaphore c = new Semaphore(3); // SITE-C
        final StampedLock d = new StampedLock(); // SITE-D
        final Object notALock = new Object();
    }

    static final class MyLock extends ReentrantLock {
        MyLock() {
            super(true);
        }
    }

    @Test
    void rewritesEachConstructionOnceWithItsLineAndLeavesSuperCallsAlone() throws Exception {
        SiteRegistry sites = new SiteRegistry(64);
        SiteRewriter r = new SiteRewriter(sites, null);
        byte[] out = r.transform(getClass().getClassLoader(), internal(Sample.class), null, null, bytes(Sample.class));
        assertThat(out).isNotNull();
        assertThat(r.rewrittenSites()).isEqualTo(4);
        List<String> where = new ArrayList<>();
        for (int id = 1; id < sites.size(); id++) {
            where.add(sites.byId(id).where);
        }
        assertThat(where).allMatch(w -> w.startsWith(Sample.class.getName() + ".<init>:"));
        assertThat(where).hasSize(4).doesNotHaveDuplicates();
        assertThat(r.transform(getClass().getClassLoader(), internal(MyLock.class), null, null, bytes(MyLock.class))).isNull();
        assertThat(r.failures()).isZero();
    }

    /** One method of several builds a lock: the others are passed through unparsed, and the class still runs. */
    public static final class Mixed {
        public int sum(int n) {
            int s = 0;
            for (int i = 0; i < n; i++) {
                s += i % 3 == 0 ? i : -1;
            }
            return s;
        }

        public ReentrantLock make() {
            return new ReentrantLock(); // the one construction
        }

        public String name(ReentrantLock l) {
            return l.isFair() ? "fair" : "unfair";
        }
    }

    @Test
    void rewritesOnlyTheMethodThatBuildsALockAndTheClassStillRuns() throws Exception {
        SiteRegistry sites = new SiteRegistry(64);
        SiteRewriter r = new SiteRewriter(sites, null);
        byte[] out = r.transform(getClass().getClassLoader(), internal(Mixed.class), null, null, bytes(Mixed.class));
        assertThat(out).isNotNull();
        assertThat(r.rewrittenSites()).isEqualTo(1);
        assertThat(sites.byId(1).where).startsWith(Mixed.class.getName() + ".make:");
        Class<?> c = new ClassLoader(getClass().getClassLoader()) {
            Class<?> define() {
                return defineClass(Mixed.class.getName(), out, 0, out.length);
            }
        }.define();
        Object m = c.getConstructor().newInstance();
        assertThat(c.getMethod("sum", int.class).invoke(m, 10)).isEqualTo(new Mixed().sum(10));
        Object lock = c.getMethod("make").invoke(m);
        assertThat(lock).isInstanceOf(ReentrantLock.class);
        assertThat(c.getMethod("name", ReentrantLock.class).invoke(m, lock)).isEqualTo("unfair");
        assertThat(r.failures()).isZero();
    }

    @Test
    void leavesJdkClassesAndClassesWithoutLocksAlone() throws Exception {
        SiteRewriter r = new SiteRewriter(new SiteRegistry(64), null);
        assertThat(r.transform(getClass().getClassLoader(), internal(SiteRewriterTest.class), null, null, bytes(SiteRewriterTest.class))).isNull();
        assertThat(r.transform(null, "java/util/concurrent/LinkedBlockingQueue", null, null, new byte[0])).isNull();
    }

    private static String internal(Class<?> c) {
        return c.getName().replace('.', '/');
    }

    private static byte[] bytes(Class<?> c) throws Exception {
        try (InputStream in = c.getResourceAsStream(c.getSimpleName().isEmpty() ? "" : c.getName().substring(c.getName().lastIndexOf('.') + 1) + ".class")) {
            return in.readAllBytes();
        }
    }
}
