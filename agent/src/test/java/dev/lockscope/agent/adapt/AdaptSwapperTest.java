package dev.lockscope.agent.adapt;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.locks.ReentrantLock;
import org.junit.jupiter.api.Test;

class AdaptSwapperTest {
    /** Two sites on their own lines, one nested in another constructor call, and a fair one. */
    public static final class Sample {
        public final ReentrantLock swapped = new ReentrantLock(); // SWAP-ME
        public final ReentrantLock kept = new ReentrantLock(); // KEEP-ME
        public final List<ReentrantLock> nested = new ArrayList<>(List.of(new ReentrantLock(true))); // NESTED
    }

    @Test
    void onlyTheNamedSiteBuildsTheAdaptiveLockAndTheClassStillVerifies() throws Exception {
        String cls = Sample.class.getName();
        AdaptSites sites = AdaptSites.parse(cls + ".<init>:" + line("SWAP-ME") + "," + cls + ":" + line("NESTED"));
        List<String> told = new ArrayList<>();
        AdaptSwapper swapper = new AdaptSwapper(sites, null, told::add);
        byte[] out = swapper.transform(getClass().getClassLoader(), internal(Sample.class), null, null, bytes(Sample.class));
        assertThat(out).isNotNull();
        Object sample = new OneClassLoader(cls, out).loadClass(cls).getConstructor().newInstance();
        Class<?> type = sample.getClass();
        assertThat(type.getField("swapped").get(sample).getClass().getName()).isEqualTo("dev.lockscope.locks.AdaptiveReentrantLock");
        assertThat(type.getField("kept").get(sample).getClass()).isEqualTo(ReentrantLock.class);
        ReentrantLock nested = (ReentrantLock) ((List<?>) type.getField("nested").get(sample)).get(0);
        assertThat(nested.getClass().getName()).isEqualTo("dev.lockscope.locks.AdaptiveReentrantLock");
        assertThat(nested.isFair()).as("the constructor's argument is kept").isTrue();
        assertThat(told).containsExactlyInAnyOrder(cls + ".<init>:" + line("SWAP-ME"), cls + ".<init>:" + line("NESTED"));
        assertThat(swapper.failures()).isZero();
    }

    @Test
    void classesNoPatternNamesAreNotEvenParsed() throws Exception {
        AdaptSwapper swapper = new AdaptSwapper(AdaptSites.parse("com.example.Other:12"), null, s -> { });
        assertThat(swapper.transform(getClass().getClassLoader(), internal(Sample.class), null, null, bytes(Sample.class))).isNull();
        assertThat(swapper.transform(getClass().getClassLoader(), "com/example/Other", null, null, new byte[] {1, 2})).isNull();
        assertThat(swapper.failures()).as("garbage bytes are a counted failure, never an exception").isEqualTo(1);
    }

    @Test
    void sitePatternsParseAsTheReportsPrintThem() {
        AdaptSites s = AdaptSites.parse("a.b.C.<init>:11,a.b.C.run:20,a.b.D:7,a.b.E,auto");
        assertThat(s.matches("a/b/C", "<init>", 11)).isTrue();
        assertThat(s.matches("a/b/C", "<init>", 12)).isFalse();
        assertThat(s.matches("a/b/C", "run", 20)).isTrue();
        assertThat(s.matches("a/b/D", "anything", 7)).isTrue();
        assertThat(s.matches("a/b/E", "x", 99)).isTrue();
        assertThat(s.texts()).hasSize(4).doesNotContain("auto");
        assertThatThrownBy(() -> AdaptSites.parse("a.b.C.run:x")).hasMessageContaining("must end in :LINE");
        assertThatThrownBy(() -> AdaptSites.parse(".C:1")).hasMessageContaining("must look like");
    }

    static int line(String marker) throws Exception {
        List<String> lines = Files.readAllLines(Path.of("src/test/java/dev/lockscope/agent/adapt/AdaptSwapperTest.java"));
        for (int i = 0; i < lines.size(); i++) {
            if (lines.get(i).contains("// " + marker)) {
                return i + 1;
            }
        }
        throw new AssertionError(marker);
    }

    private static String internal(Class<?> c) {
        return c.getName().replace('.', '/');
    }

    private static byte[] bytes(Class<?> c) throws Exception {
        String simple = c.getName().substring(c.getName().lastIndexOf('.') + 1);
        try (InputStream in = c.getResourceAsStream(simple + ".class")) {
            return in.readAllBytes();
        }
    }

    /** Defines one class from given bytes, everything else from the parent. */
    static final class OneClassLoader extends ClassLoader {
        private final String name;
        private final byte[] bytes;

        OneClassLoader(String name, byte[] bytes) {
            super(AdaptSwapperTest.class.getClassLoader());
            this.name = name;
            this.bytes = bytes;
        }

        @Override
        protected Class<?> loadClass(String n, boolean resolve) throws ClassNotFoundException {
            if (n.equals(name)) {
                synchronized (getClassLoadingLock(n)) {
                    Class<?> c = findLoadedClass(n);
                    return c != null ? c : defineClass(n, bytes, 0, bytes.length);
                }
            }
            return super.loadClass(n, resolve);
        }
    }
}
