package dev.lockscope.agent.hooks;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CyclicBarrier;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;

class ThreadTidsTest {
    @Test
    void registeredThreadsAreFoundAndUnknownOnesAreNot() {
        ThreadTids t = new ThreadTids(64);
        t.register(7, 1234);
        t.register(8, 4_194_303);
        assertThat(t.tidOf(7)).isEqualTo(1234);
        assertThat(t.tidOf(8)).isEqualTo(4_194_303);
        assertThat(t.tidOf(9)).isEqualTo(-1);
        t.register(7, 99); // a re-registration replaces, never duplicates
        assertThat(t.tidOf(7)).isEqualTo(99);
        t.register(10, 0);
        t.register(11, 1 << 22); // out of range: ignored, not mangled
        assertThat(t.tidOf(10)).isEqualTo(-1);
        assertThat(t.tidOf(11)).isEqualTo(-1);
    }

    @Test
    void aFullTableEvictsButNeverAnswersWithAnotherThreadsTid() {
        ThreadTids t = new ThreadTids(16);
        for (long id = 0; id < 1000; id++) {
            t.register(id, (int) (id + 1));
        }
        int found = 0;
        for (long id = 0; id < 1000; id++) {
            int tid = t.tidOf(id);
            assertThat(tid).isIn(-1, (int) (id + 1));
            found += tid > 0 ? 1 : 0;
        }
        assertThat(found).isBetween(1, 16);
        t.register(3, 4);
        assertThat(t.tidOf(3)).as("a thread evicted registers again on its next slow path").isEqualTo(4);
    }

    /** Racing writers and readers: a reader sees a thread's own tid or -1, never a torn or foreign entry. */
    @Test
    void concurrentRegistrationNeverMixesThreads() throws Exception {
        ThreadTids t = new ThreadTids(32);
        int threads = 4;
        CyclicBarrier start = new CyclicBarrier(threads);
        AtomicLong wrong = new AtomicLong();
        AtomicLong hits = new AtomicLong();
        List<Thread> all = new ArrayList<>();
        for (int w = 0; w < threads; w++) {
            int base = w * 10_000;
            Thread th = new Thread(() -> {
                try {
                    start.await();
                } catch (Exception e) {
                    throw new IllegalStateException(e);
                }
                for (int round = 0; round < 200; round++) {
                    for (int i = 0; i < 100; i++) {
                        long id = base + i;
                        t.register(id, (int) (id * 3 + 1));
                        int other = t.tidOf(((base + 10_000) % (threads * 10_000)) + i);
                        int mine = t.tidOf(id);
                        long otherId = ((base + 10_000) % (threads * 10_000)) + i;
                        if ((other != -1 && other != otherId * 3 + 1) || (mine != -1 && mine != id * 3 + 1)) {
                            wrong.incrementAndGet();
                        }
                        hits.addAndGet(mine > 0 ? 1 : 0);
                    }
                }
            });
            all.add(th);
            th.start();
        }
        for (Thread th : all) {
            th.join();
        }
        assertThat(wrong.get()).isZero();
        assertThat(hits.get()).isPositive();
    }
}
