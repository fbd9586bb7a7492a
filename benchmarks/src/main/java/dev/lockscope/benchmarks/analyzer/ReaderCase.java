package dev.lockscope.benchmarks.analyzer;

import dev.lockscope.analyzer.Analysis;
import dev.lockscope.analyzer.model.Frame;
import dev.lockscope.analyzer.model.WaitEvent;
import dev.lockscope.analyzer.read.ChunkLayout;
import dev.lockscope.analyzer.read.FastJfrReader;
import dev.lockscope.analyzer.read.JmcRecordingReader;
import dev.lockscope.analyzer.read.IgnoringVisitor;
import dev.lockscope.analyzer.report.Report;
import java.io.BufferedInputStream;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.util.List;
import java.util.Set;
import java.util.concurrent.atomic.LongAdder;
import jdk.jfr.consumer.RecordedClass;
import jdk.jfr.consumer.RecordedEvent;
import jdk.jfr.consumer.RecordedFrame;
import jdk.jfr.consumer.RecordedStackTrace;
import jdk.jfr.consumer.RecordedThread;
import jdk.jfr.consumer.RecordingFile;
import org.openjdk.jmc.common.item.IItemCollection;
import org.openjdk.jmc.common.item.IItemIterable;
import org.openjdk.jmc.common.item.ItemFilters;
import org.openjdk.jmc.flightrecorder.JfrLoaderToolkit;
import org.openjdk.jmc.flightrecorder.parser.IEventSink;
import org.openjdk.jmc.flightrecorder.parser.IEventSinkFactory;
import org.openjdk.jmc.flightrecorder.parser.IParserExtension;
import org.openjdk.jmc.flightrecorder.parser.ValueField;

/**
 * One way of reading a recording, run alone in its own JVM so that its peak RSS is its own. Prints
 * {@code events N} (lock events seen, where the way counts them) and {@code checksum X} (so no work is dead code).
 *
 * <p>Usage: {@code ReaderCase CASE FILE} with CASE one of {@code recordingfile}, {@code jmc-loader},
 * {@code lockscope}, {@code lockscope-monitors}, {@code lockscope-read-only}, {@code jmc-stream-noop}.
 */
public final class ReaderCase {
    static final Set<String> LOCK_EVENTS = Set.of("jdk.JavaMonitorEnter", "jdk.JavaMonitorWait", "jdk.ThreadPark",
            "jdk.VirtualThreadPinned");

    private ReaderCase() {
    }

    public static void main(String[] args) throws Exception {
        if (args.length != 2) {
            System.err.println("usage: ReaderCase CASE FILE");
            System.exit(2);
        }
        Path file = Paths.get(args[1]);
        long t0 = System.nanoTime();
        long[] result = switch (args[0]) {
            case "recordingfile" -> recordingFile(file);
            case "jmc-loader" -> jmcLoader(file);
            case "lockscope" -> lockscope(file);
            case "lockscope-monitors" -> lockscopeMonitors(file);
            case "lockscope-read-only" -> lockscopeReadOnly(file);
            case "jmc-stream-noop" -> jmcStreamNoop(file);
            default -> throw new IllegalArgumentException("unknown case " + args[0]);
        };
        System.out.printf("events %d%nchecksum %d%ninner.millis %d%nvmhwm.kib %d%n", result[0], result[1],
                (System.nanoTime() - t0) / 1_000_000, PeakRss.kib(ProcessHandle.current().pid()));
    }

    /** (a) The JDK's consumer API: every lock event, its fields, and every frame of its stack. */
    static long[] recordingFile(Path file) throws Exception {
        long events = 0;
        long monitorEnters = 0;
        long sum = 0;
        try (RecordingFile rf = new RecordingFile(file)) {
            while (rf.hasMoreEvents()) {
                RecordedEvent e = rf.readEvent();
                if (!LOCK_EVENTS.contains(e.getEventType().getName())) {
                    continue;
                }
                events++;
                if (e.getEventType().getName().equals("jdk.JavaMonitorEnter")) {
                    monitorEnters++;
                }
                sum += e.getDuration().toNanos();
                RecordedThread t = e.getThread();
                if (t != null) {
                    sum += t.getJavaThreadId();
                }
                RecordedClass c = lockClass(e);
                if (c != null) {
                    sum += c.getName().length();
                }
                RecordedStackTrace st = e.getStackTrace();
                if (st != null) {
                    for (RecordedFrame f : st.getFrames()) {
                        sum += f.getMethod().getType().getName().length() + f.getMethod().getName().length()
                                + f.getLineNumber();
                    }
                }
            }
        }
        System.out.println("monitor.enters " + monitorEnters);
        return new long[] {events, sum};
    }

    private static RecordedClass lockClass(RecordedEvent e) {
        for (String field : new String[] {"monitorClass", "parkedClass"}) {
            if (e.hasField(field)) {
                return e.getClass(field);
            }
        }
        return null;
    }

    /** (b) JMC's plain loader: every event of every type held in memory, then the lock events counted. */
    static long[] jmcLoader(Path file) throws Exception {
        IItemCollection all = JfrLoaderToolkit.loadEvents(file.toFile());
        long events = 0;
        for (String type : LOCK_EVENTS) {
            for (IItemIterable items : all.apply(ItemFilters.type(type))) {
                events += items.getItemCount();
            }
        }
        return new long[] {events, all.hashCode()};
    }

    /** (c) lockscope's analyzer, as {@code lockscope analyze} runs it (report built, not rendered). */
    static long[] lockscope(Path file) throws Exception {
        Report r = Analysis.analyze(List.of(file), new JmcRecordingReader(), Analysis.ProgressListener.NONE);
        return new long[] {-1, r.hashCode()};
    }

    /** (c) for monitor enters only: lockscope's own JFR reader ({@code analyze --only monitors}), report built. */
    static long[] lockscopeMonitors(Path file) throws Exception {
        Report r = Analysis.analyze(List.of(file), new FastJfrReader(), Analysis.ProgressListener.NONE);
        return new long[] {r.locks().stream().mapToLong(Report.LockRow::waitsCount).sum(), r.hashCode()};
    }

    /** lockscope's reader with a visitor that drops every event: JMC parsing plus our event conversion. */
    static long[] lockscopeReadOnly(Path file) throws Exception {
        LongAdder events = new LongAdder();
        LongAdder sum = new LongAdder();
        new JmcRecordingReader().read(ChunkLayout.scan(file), new IgnoringVisitor() {
            @Override
            public void waitEvent(WaitEvent event) {
                events.increment();
                List<Frame> fs = event.frames();
                sum.add(event.durationNanos() + fs.size());
            }
        }, n -> { });
        return new long[] {events.sum(), sum.sum()};
    }

    /** JMC's streaming parser with sinks that only count: the floor any JMC-based reader can reach. */
    static long[] jmcStreamNoop(Path file) throws Exception {
        LongAdder events = new LongAdder();
        IParserExtension counting = new IParserExtension() {
            @Override
            public IEventSinkFactory getEventSinkFactory(IEventSinkFactory subFactory) {
                return new IEventSinkFactory() {
                    @Override
                    public IEventSink create(String id, String label, String[] category, String description,
                                             List<ValueField> fields) {
                        return LOCK_EVENTS.contains(id) ? values -> events.increment() : values -> { };
                    }

                    @Override
                    public void flush() {
                    }
                };
            }
        };
        try (InputStream in = new BufferedInputStream(Files.newInputStream(file), 1 << 20)) {
            JfrLoaderToolkit.loadEvents(in, List.of(counting));
        }
        return new long[] {events.sum(), 0};
    }
}
