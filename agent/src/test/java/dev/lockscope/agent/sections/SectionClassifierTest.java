package dev.lockscope.agent.sections;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** The classifier on compiled code: each sample's acquire site, its line and its verdict. */
class SectionClassifierTest {
    static List<Section> sections;
    /** Marker name to source line, from the "// S:name" comments in Samples.java. */
    static final Map<String, Integer> LINES = new HashMap<>();

    @BeforeAll
    static void classify() throws IOException {
        sections = SectionClassifier.classify(bytesOf(Samples.class));
        List<String> src = Files.readAllLines(Path.of("src/test/java/dev/lockscope/agent/sections/Samples.java"));
        for (int i = 0; i < src.size(); i++) {
            int at = src.get(i).indexOf("// S:");
            if (at >= 0) {
                LINES.put(src.get(i).substring(at + 5).trim(), i + 1);
            }
        }
    }

    static byte[] bytesOf(Class<?> c) throws IOException {
        try (InputStream in = c.getResourceAsStream(c.getSimpleName() + ".class")) {
            return in.readAllBytes();
        }
    }

    /** The section classified at the marked line of that method. */
    static Section at(String marker, String method) {
        int line = LINES.get(marker);
        List<Section> found = sections.stream().filter(s -> s.method().equals(method) && s.line() == line).toList();
        assertThat(found).as("one section at " + method + ":" + line + " in " + sections).hasSize(1);
        return found.get(0);
    }

    @Test
    void aSectionThatOnlyReadsIsReadOnly() {
        Section s = at("readOnly", "readOnly");
        assertThat(s.readOnly()).isTrue();
        assertThat(s.acquire()).isEqualTo("lock");
        assertThat(s.className()).isEqualTo(Samples.class.getName());
        assertThat(s.basis()).isEqualTo(Section.READ_ONLY);
    }

    @Test
    void fieldStaticAndArrayStoresAreWrites() {
        assertThat(at("fieldStore", "fieldStore").basis()).startsWith("putfield count at line");
        assertThat(at("staticStore", "staticStore").basis()).startsWith("putstatic total");
        assertThat(at("arrayStore", "arrayStore").basis()).startsWith("array store");
        assertThat(List.of(at("fieldStore", "fieldStore"), at("staticStore", "staticStore"), at("arrayStore", "arrayStore")))
                .noneMatch(Section::readOnly);
    }

    @Test
    void aMapPutInsideIsAWrite() {
        Section s = at("mapPut", "mapPut");
        assertThat(s.readOnly()).isFalse();
        assertThat(s.basis()).startsWith("calls java.util.Map.put at line " + (LINES.get("mapPut") + 2));
    }

    @Test
    void nestedSectionsAreClassifiedEachToItsOwnRelease() {
        assertThat(at("nestedInner", "nested").readOnly()).as("inner section reads only").isTrue();
        Section outer = at("nestedOuter", "nested");
        assertThat(outer.readOnly()).as("outer section writes after the inner release").isFalse();
        assertThat(outer.basis()).startsWith("putfield count");
    }

    @Test
    void twoSectionsInOneMethodAreTwoSites() {
        assertThat(at("firstOfTwo", "twoSections").readOnly()).isTrue();
        assertThat(at("secondOfTwo", "twoSections").readOnly()).isFalse();
        assertThat(at("secondOfTwo", "twoSections").basis()).contains("Map.remove");
    }

    @Test
    void aWriteOnTheExceptionPathInsideTheSectionCounts() {
        Section s = at("writeInCatch", "writeInCatch");
        assertThat(s.readOnly()).isFalse();
        assertThat(s.basis()).startsWith("putfield count");
    }

    @Test
    void aWriteAfterTheReleaseIsOutsideTheSection() {
        assertThat(at("writeAfterRelease", "writeAfterRelease").readOnly()).isTrue();
    }

    @Test
    void tryLocksFailurePathIsNotPartOfTheSection() {
        assertThat(at("tryLockRead", "tryLockRead").readOnly()).isTrue();
        assertThat(at("tryLockRead", "tryLockRead").acquire()).isEqualTo("tryLock");
        assertThat(at("tryLockNegated", "tryLockNegated").readOnly()).isTrue();
    }

    @Test
    void buildingALocalStringIsNotAWrite() {
        assertThat(at("formats", "formats").readOnly()).as(at("formats", "formats").basis()).isTrue();
    }

    @Test
    void synchronizedBlocksAndMethods() {
        assertThat(at("syncBlockRead", "syncBlockRead").readOnly()).isTrue();
        assertThat(at("syncBlockRead", "syncBlockRead").acquire()).isEqualTo("monitorenter");
        assertThat(at("syncBlockWrite", "syncBlockWrite").basis()).contains("Map.clear");
        Section read = sections.stream().filter(s -> s.method().equals("syncMethodRead")).findFirst().orElseThrow();
        assertThat(read.acquire()).isEqualTo("synchronized-method");
        assertThat(read.readOnly()).isTrue();
        // A synchronized method's section is keyed by its first instruction's line (the body's first line).
        assertThat(read.line()).isEqualTo(LINES.get("syncMethodRead") + 1);
        Section write = sections.stream().filter(s -> s.method().equals("syncMethodWrite")).findFirst().orElseThrow();
        assertThat(write.readOnly()).isFalse();
    }

    @Test
    void aLockStillHeldAtReturnIsNotClassified() {
        Section s = at("heldPastReturn", "heldPastReturn");
        assertThat(s.readOnly()).isFalse();
        assertThat(s.basis()).startsWith("not classified: the lock is still held when the method returns");
    }

    @Test
    void lockInterruptiblyIsAnAcquire() {
        assertThat(at("interruptibly", "interruptibly").acquire()).isEqualTo("lockInterruptibly");
        assertThat(at("interruptibly", "interruptibly").readOnly()).isTrue();
    }

    @Test
    void everySiteIsFoundAndNothingElse() {
        // One per marker; the synchronized methods' sections sit on the line after their marker.
        assertThat(sections).hasSize(LINES.size());
    }

    @Test
    void classesWithoutLocksAreNotParsedInFull() throws IOException {
        byte[] plain = bytesOf(Section.class);
        assertThat(SectionTransformer.mayHaveSections(plain)).isFalse();
        byte[] samples = bytesOf(Samples.class);
        assertThat(SectionTransformer.mayHaveSections(samples)).isTrue();
        assertThat(SectionClassifier.classify(plain)).isEmpty();
    }

    @Test
    void monitorOnlyClassesPassThePrefilter() throws IOException {
        for (Class<?> c : new Class<?>[] {MonitorOnlySamples.SyncMethodOnly.class, MonitorOnlySamples.SyncBlockOnly.class}) {
            byte[] b;
            try (InputStream in = c.getResourceAsStream(c.getName().substring(c.getName().lastIndexOf('.') + 1) + ".class")) {
                b = in.readAllBytes();
            }
            assertThat(SectionTransformer.mayHaveSections(b)).as(c.getName()).isTrue();
            List<Section> found = SectionClassifier.classify(b);
            assertThat(found).as(c.getName()).hasSize(1);
            assertThat(found.get(0).readOnly()).isEqualTo(c == MonitorOnlySamples.SyncMethodOnly.class);
        }
    }

    @Test
    void theTransformerNeverChangesAClassAndNeverThrows() {
        SectionTable table = new SectionTable(4);
        SectionTransformer t = new SectionTransformer(table, null);
        ClassLoader app = SectionClassifierTest.class.getClassLoader();
        assertThat(t.transform(app, "x/Broken", null, null, new byte[] {1, 2, 3})).isNull();
        assertThat(t.failures()).isEqualTo(1);
        byte[] samples;
        try {
            samples = bytesOf(Samples.class);
        } catch (IOException e) {
            throw new AssertionError(e);
        }
        assertThat(t.transform(app, "com/example/Samples", null, null, samples)).isNull();
        table.classifyPending(); // the agent's thread classifies, never the loading one
        // Bounded: four kept, the rest counted.
        assertThat(table.size()).isEqualTo(4);
        assertThat(table.dropped()).isEqualTo(LINES.size() - 4);
    }
}
