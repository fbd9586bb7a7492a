package dev.lockscope.analyzer.read;

import static org.assertj.core.api.Assertions.assertThat;

import dev.lockscope.analyzer.model.AgentSummary;
import dev.lockscope.analyzer.model.OwnerCpuSplit;
import dev.lockscope.events.AgentStatus;
import dev.lockscope.events.ClockMark;
import dev.lockscope.events.CriticalSection;
import dev.lockscope.events.LockAdvice;
import dev.lockscope.events.LockSummary;
import dev.lockscope.events.LockWait;
import dev.lockscope.events.Log2Histogram;
import dev.lockscope.events.ProbeStatus;
import java.io.IOException;
import java.lang.reflect.Field;
import java.lang.reflect.Modifier;
import java.lang.reflect.RecordComponent;
import java.net.URI;
import java.nio.file.FileSystem;
import java.nio.file.FileSystems;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.CountDownLatch;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import jdk.jfr.Event;
import jdk.jfr.EventType;
import jdk.jfr.Recording;
import jdk.jfr.ValueDescriptor;
import jdk.jfr.consumer.RecordedEvent;
import jdk.jfr.consumer.RecordedThread;
import jdk.jfr.consumer.RecordingFile;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The contract between the agent and the analyzer is jfr-events: each event's {@code NAME} and {@code Fields}
 * constants. Every lockscope event type is written here through its own class, every field with a value no other
 * field has, into a real recording; the JDK's reader must find each field by its constant, and the analyzer's reader
 * (JmcRecordingReader: the fast reader reads only the JDK's monitor events) must hand on every field it uses as
 * written. A field renamed in an event class or in its constant fails here, naming it, instead of reading as
 * "missing" in reports.
 */
class EventContractRoundTripTest {
    /** Every event type jfr-events declares ({@link #theListHoldsEveryEventClassOfJfrEvents} keeps it whole). */
    static final List<Class<? extends Event>> EVENTS = List.of(LockSummary.class, LockWait.class, AgentStatus.class,
            ProbeStatus.class, LockAdvice.class, ClockMark.class, CriticalSection.class);
    /** The fields JFR gives every event: the JDK names them, not the contract. */
    static final Set<String> JFR_OWN_FIELDS = Set.of("startTime", "duration", "eventThread", "stackTrace");

    /** AgentSummary component -> the LockSummary field it is read from. */
    static final Map<String, String> SUMMARY_FIELDS = Map.ofEntries(
            Map.entry("lockClass", LockSummary.Fields.LOCK_CLASS), Map.entry("site", LockSummary.Fields.SITE),
            Map.entry("siteKind", LockSummary.Fields.SITE_KIND), Map.entry("lockId", LockSummary.Fields.LOCK_ID),
            Map.entry("source", LockSummary.Fields.SOURCE), Map.entry("periodNanos", LockSummary.Fields.PERIOD),
            Map.entry("waits", LockSummary.Fields.WAITS), Map.entry("readWaits", LockSummary.Fields.READ_WAITS),
            Map.entry("writeWaits", LockSummary.Fields.WRITE_WAITS),
            Map.entry("waitNanos", LockSummary.Fields.WAIT_TIME), Map.entry("maxWaitNanos", LockSummary.Fields.MAX_WAIT),
            Map.entry("waitHistogram", LockSummary.Fields.WAIT_HISTOGRAM), Map.entry("holds", LockSummary.Fields.HOLDS),
            Map.entry("holdNanos", LockSummary.Fields.HOLD_TIME), Map.entry("maxHoldNanos", LockSummary.Fields.MAX_HOLD),
            Map.entry("conditionWaits", LockSummary.Fields.CONDITION_WAITS),
            Map.entry("topOwner", LockSummary.Fields.TOP_OWNER),
            Map.entry("topOwnerShare", LockSummary.Fields.TOP_OWNER_SHARE),
            Map.entry("ownerOnCpuShare", LockSummary.Fields.OWNER_ON_CPU_SHARE),
            Map.entry("futexCalls", LockSummary.Fields.FUTEX_CALLS),
            Map.entry("ownerMeasuredWaitNanos", LockSummary.Fields.OWNER_MEASURED_WAIT_TIME),
            Map.entry("futexWaits", LockSummary.Fields.FUTEX_WAITS),
            Map.entry("ownerOnCpuSource", LockSummary.Fields.OWNER_ON_CPU_SOURCE),
            Map.entry("runnableThreadsPerCpu", LockSummary.Fields.RUNNABLE_THREADS_PER_CPU),
            Map.entry("runnableSource", LockSummary.Fields.RUNNABLE_SOURCE),
            Map.entry("holdHistogram", LockSummary.Fields.HOLD_HISTOGRAM),
            Map.entry("virtualWaits", LockSummary.Fields.VIRTUAL_WAITS));

    @TempDir
    static Path dir;
    static Path recording;
    /** Event class -> field name -> the value written. */
    static final Map<Class<?>, Map<String, Object>> WRITTEN = new HashMap<>();
    /** Two live threads for the LockWait's owner and carrier: JFR writes a thread not started without its id. */
    static final CountDownLatch DONE = new CountDownLatch(1);
    static Thread owner;
    static Thread carrier;
    static Thread writer;

    @BeforeAll
    static void writeEveryEventWithEveryFieldSet() throws Exception {
        owner = parked("contract-owner");
        carrier = parked("contract-carrier");
        writer = Thread.currentThread();
        recording = dir.resolve("every-event.jfr");
        int[] n = {1};
        try (Recording r = new Recording()) {
            for (Class<? extends Event> c : EVENTS) {
                r.enable(c).withThreshold(Duration.ZERO).withStackTrace();
            }
            r.start();
            for (Class<? extends Event> c : EVENTS) {
                Event e = c.getDeclaredConstructor().newInstance();
                e.begin();
                Map<String, Object> written = new LinkedHashMap<>();
                for (String name : fieldConstants(c).values()) {
                    Field f = field(c, name);
                    if (f == null) {
                        continue; // a constant naming no field: the tests below name it
                    }
                    Object value = distinct(c, f, n[0]++);
                    f.set(e, value);
                    written.put(name, value);
                }
                WRITTEN.put(c, written);
                e.end();
                e.commit();
            }
            r.stop();
            r.dump(recording);
        }
    }

    @AfterAll
    static void releaseThreads() {
        DONE.countDown();
    }

    @Test
    void theListHoldsEveryEventClassOfJfrEvents() throws Exception {
        assertThat(eventClassesOfJfrEvents()).containsExactlyInAnyOrderElementsOf(
                EVENTS.stream().map(Class::getName).collect(Collectors.toList()));
    }

    @Test
    void eachEventIsRecordedUnderItsNameWithExactlyTheFieldsItsConstantsName() throws Exception {
        for (Class<? extends Event> c : EVENTS) {
            EventType type = EventType.getEventType(c);
            String name = (String) c.getField("NAME").get(null);
            assertThat(type.getName()).as(c.getSimpleName() + ".NAME").isEqualTo(name)
                    .isEqualTo("dev.lockscope." + c.getSimpleName());
            Set<String> recorded = type.getFields().stream().map(ValueDescriptor::getName)
                    .filter(f -> !JFR_OWN_FIELDS.contains(f)).collect(Collectors.toCollection(TreeSet::new));
            Map<String, String> constants = fieldConstants(c);
            assertThat(new TreeSet<>(constants.values())).as(c.getSimpleName() + ".Fields against the event's fields")
                    .isEqualTo(recorded);
            constants.forEach((constant, field) -> assertThat(constant).as(c.getSimpleName() + ".Fields." + constant)
                    .isEqualTo(upperSnake(field)));
        }
    }

    @Test
    void theJdksReaderFindsEveryFieldOfEveryEventByItsConstant() throws Exception {
        Map<String, RecordedEvent> byName = new HashMap<>();
        for (RecordedEvent e : RecordingFile.readAllEvents(recording)) {
            assertThat(byName.put(e.getEventType().getName(), e)).as("one event of each type").isNull();
        }
        for (Class<? extends Event> c : EVENTS) {
            RecordedEvent e = byName.get((String) c.getField("NAME").get(null));
            assertThat(e).as(c.getSimpleName() + " in the recording").isNotNull();
            WRITTEN.get(c).forEach((field, value) -> {
                Object read = e.getValue(field);
                if (value instanceof Thread) {
                    assertThat(((RecordedThread) read).getJavaThreadId()).as(c.getSimpleName() + "." + field)
                            .isEqualTo(((Thread) value).getId());
                } else {
                    assertThat(read).as(c.getSimpleName() + "." + field).isEqualTo(value);
                }
            });
        }
    }

    @Test
    void theAnalyzerReadsEveryLockSummaryFieldItUsesAsWritten() throws Exception {
        assertThat(SUMMARY_FIELDS.keySet()).as("a LockSummary field for every AgentSummary component")
                .containsExactlyInAnyOrderElementsOf(Stream.of(AgentSummary.class.getRecordComponents())
                        .map(RecordComponent::getName).collect(Collectors.toList()));
        AgentSummary s = read().summaries.get(0);
        for (RecordComponent c : AgentSummary.class.getRecordComponents()) {
            String field = SUMMARY_FIELDS.get(c.getName());
            Object written = written(LockSummary.class, field);
            assertThat(String.valueOf(c.getAccessor().invoke(s))).as("AgentSummary." + c.getName() + " from " + field)
                    .isEqualTo(String.valueOf(asType(written, c.getType())));
        }
    }

    @Test
    void theAnalyzerReadsALockWaitsLockOwnerCpuSplitTimesAndStackAsWritten() throws Exception {
        Read read = read();
        long lockId = (Long) written(LockWait.class, LockWait.Fields.LOCK_ID);
        String source = (String) written(LockWait.class, LockWait.Fields.OWNER_ON_CPU_SOURCE);
        RecordedEvent jdk = jdkEvent(LockWait.NAME);
        assertThat(read.waits).singleElement().asList().containsExactly(lockId,
                jdk.getStartTime().getEpochSecond() * 1_000_000_000L + jdk.getStartTime().getNano(),
                jdk.getDuration().toNanos(), writer.getId(), owner.getId(),
                new OwnerCpuSplit((Double) written(LockWait.class, LockWait.Fields.OWNER_ON_CPU_SHARE),
                        (Double) written(LockWait.class, LockWait.Fields.OWNER_PREEMPTED_SHARE),
                        (Double) written(LockWait.class, LockWait.Fields.OWNER_OFF_CPU_VOLUNTARY_SHARE), source), source);
        assertThat(written(LockWait.class, LockWait.Fields.OWNER)).isSameAs(owner);
        assertThat(read.waitSites).hasSize(1);
        assertThat(read.waitSites.get(0).get(0)).isEqualTo(lockId);
        assertThat((String) read.waitSites.get(0).get(1)).as("the site of the wait's stack").contains(getClass().getName());
    }

    @Test
    void theAnalyzerReadsTheAgentStatusAndCriticalSectionFieldsItUsesAsWritten() throws Exception {
        Read read = read();
        assertThat(read.adaptedSites)
                .containsExactly((String) written(AgentStatus.class, AgentStatus.Fields.ADAPTED_SITES));
        assertThat(read.virtualThreadMonitors)
                .containsExactly((String) written(AgentStatus.class, AgentStatus.Fields.VIRTUAL_THREAD_MONITORS));
        assertThat(read.sections).singleElement().asList().containsExactly(
                written(CriticalSection.class, CriticalSection.Fields.CLASS_NAME),
                written(CriticalSection.class, CriticalSection.Fields.METHOD),
                written(CriticalSection.class, CriticalSection.Fields.LINE),
                written(CriticalSection.class, CriticalSection.Fields.READ_ONLY));
    }

    @Test
    void aHistogramFormattedByTheWriterParsesBackToTheSameBuckets() {
        List<long[]> histograms = new ArrayList<>();
        histograms.add(new long[Log2Histogram.BUCKETS]); // formats as "", every bucket empty
        for (int i = 0; i < Log2Histogram.BUCKETS; i++) {
            long[] one = new long[Log2Histogram.BUCKETS];
            one[i] = i + 1;
            histograms.add(one);
        }
        long[] mixed = new long[Log2Histogram.BUCKETS];
        mixed[0] = 3;
        mixed[7] = Long.MAX_VALUE / 2; // gaps and trailing empty buckets
        mixed[20] = 1;
        histograms.add(mixed);
        for (long[] h : histograms) {
            assertThat(Log2Histogram.parse(Log2Histogram.format(h))).as(Log2Histogram.format(h)).containsExactly(h);
        }
        assertThat(Log2Histogram.parse(null)).isNull();
        assertThat(Log2Histogram.parse("3,x,1")).as("malformed: no distribution rather than a wrong one").isNull();
    }

    @Test
    void theWritersLastBucketIsTheReadersLastBucket() {
        // The writer puts the longest durations in its last bucket; the reader has exactly as many.
        assertThat(Log2Histogram.bucket(Long.MAX_VALUE)).isEqualTo(Log2Histogram.BUCKETS - 1);
        for (int i = 1; i < Log2Histogram.BUCKETS; i++) {
            assertThat(Log2Histogram.bucket(1L << i)).isEqualTo(i);
            assertThat(Log2Histogram.bucket((1L << i) - 1)).isEqualTo(i - 1);
        }
        long[] longest = new long[Log2Histogram.BUCKETS];
        longest[Log2Histogram.bucket(Long.MAX_VALUE)] = 5;
        assertThat(Log2Histogram.parse(Log2Histogram.format(longest))).hasSize(Log2Histogram.BUCKETS)
                .containsExactly(longest);
        // An entry past the last bucket (no writer makes one) counts in the last bucket, as the writer's bucket() does.
        assertThat(Log2Histogram.parse(Log2Histogram.format(longest) + ",2")[Log2Histogram.BUCKETS - 1]).isEqualTo(7);
    }

    /** What the analyzer's reader handed on from the recording. */
    static final class Read {
        final List<AgentSummary> summaries = new ArrayList<>();
        final List<List<Object>> waits = new ArrayList<>();
        final List<List<Object>> waitSites = new ArrayList<>();
        final List<List<Object>> sections = new ArrayList<>();
        final List<String> adaptedSites = new ArrayList<>();
        final List<String> virtualThreadMonitors = new ArrayList<>();
    }

    private static Read read() throws Exception {
        Read read = new Read();
        new JmcRecordingReader().read(ChunkLayout.scan(recording), new IgnoringVisitor() {
            @Override
            public void agentSummary(AgentSummary s) {
                read.summaries.add(s);
            }

            @Override
            public void agentWaitSite(long lockId, String waitingSite) {
                read.waitSites.add(List.of(lockId, waitingSite));
            }

            @Override
            public void agentLockWait(long lockId, long startNanos, long durationNanos, long threadId,
                                      long ownerThreadId, OwnerCpuSplit ownerCpu, String ownerCpuSource) {
                read.waits.add(List.of(lockId, startNanos, durationNanos, threadId, ownerThreadId, ownerCpu,
                        ownerCpuSource));
            }

            @Override
            public void criticalSection(String className, String method, int line, boolean readOnly) {
                read.sections.add(List.of(className, method, line, readOnly));
            }

            @Override
            public void agentAdaptedSites(String adaptedSites) {
                read.adaptedSites.add(adaptedSites);
            }

            @Override
            public void agentVirtualThreadMonitors(String status) {
                read.virtualThreadMonitors.add(status);
            }
        }, x -> { });
        assertThat(read.summaries).as("LockSummary events read").hasSize(1);
        return read;
    }

    private static RecordedEvent jdkEvent(String name) throws IOException {
        return RecordingFile.readAllEvents(recording).stream().filter(e -> e.getEventType().getName().equals(name))
                .findFirst().orElseThrow();
    }

    /** The event's public field of that name, or null. */
    private static Field field(Class<?> event, String name) {
        try {
            return event.getField(name);
        } catch (NoSuchFieldException e) {
            return null;
        }
    }

    /** What was written to {@code field} of {@code event}; fails when the event has no such field. */
    private static Object written(Class<?> event, String field) {
        assertThat(WRITTEN.get(event)).as(event.getSimpleName() + " has a field " + field).containsKey(field);
        return WRITTEN.get(event).get(field);
    }

    /** An event class's {@code Fields} constants: constant name -> field name. */
    static Map<String, String> fieldConstants(Class<?> event) throws Exception {
        Map<String, String> constants = new LinkedHashMap<>();
        for (Field f : Class.forName(event.getName() + "$Fields").getDeclaredFields()) {
            if (Modifier.isStatic(f.getModifiers()) && f.getType() == String.class) {
                constants.put(f.getName(), (String) f.get(null));
            }
        }
        return constants;
    }

    /** A value no other field gets, of the field's type (histograms as the writer formats them). */
    private static Object distinct(Class<?> event, Field f, int n) {
        Class<?> type = f.getType();
        if (type == String.class) {
            return f.getName().endsWith("Histogram") ? Log2Histogram.format(new long[] {n, 0, n + 1})
                    : event.getSimpleName() + "." + f.getName() + " value " + n;
        }
        if (type == long.class) {
            return 1_000_003L * n;
        }
        if (type == int.class) {
            return 1000 * n + 7;
        }
        if (type == double.class) {
            return n / 1000.0;
        }
        if (type == boolean.class) {
            return true; // the default is false, so true shows the field was read
        }
        if (type == Thread.class) {
            return f.getName().equals(LockWait.Fields.CARRIER) ? carrier : owner;
        }
        throw new AssertionError("no test value for " + type + " " + f.getName());
    }

    private static Object asType(Object v, Class<?> type) {
        if (type == long.class && v instanceof Number) {
            return ((Number) v).longValue();
        }
        if (type == double.class && v instanceof Number) {
            return ((Number) v).doubleValue();
        }
        return v;
    }

    static String upperSnake(String camel) {
        return camel.replaceAll("([a-z0-9])([A-Z])", "$1_$2").toUpperCase(java.util.Locale.ROOT);
    }

    private static Thread parked(String name) {
        Thread t = new Thread(() -> {
            try {
                DONE.await();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }, name);
        t.setDaemon(true);
        t.start();
        return t;
    }

    /** The JFR event classes in jfr-events' classes (a directory in the build, a jar otherwise). */
    private static List<String> eventClassesOfJfrEvents() throws Exception {
        Path where = Path.of(LockSummary.class.getProtectionDomain().getCodeSource().getLocation().toURI());
        List<String> names = new ArrayList<>();
        if (Files.isDirectory(where)) {
            collect(where, names);
        } else {
            try (FileSystem jar = FileSystems.newFileSystem(URI.create("jar:" + where.toUri()), Map.of())) {
                collect(jar.getPath("/"), names);
            }
        }
        List<String> events = new ArrayList<>();
        for (String name : names) {
            Class<?> c = Class.forName(name, false, LockSummary.class.getClassLoader());
            if (Event.class.isAssignableFrom(c) && !Modifier.isAbstract(c.getModifiers())) {
                events.add(name);
            }
        }
        assertThat(events).as("event classes found in " + where).isNotEmpty();
        return events;
    }

    private static void collect(Path root, List<String> names) throws IOException {
        try (Stream<Path> files = Files.walk(root)) {
            files.map(p -> root.relativize(p).toString()).filter(p -> p.endsWith(".class"))
                    .map(p -> p.substring(0, p.length() - ".class".length()).replace('/', '.').replace('\\', '.'))
                    .forEach(names::add);
        }
    }
}
