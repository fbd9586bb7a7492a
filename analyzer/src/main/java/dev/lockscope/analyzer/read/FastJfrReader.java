package dev.lockscope.analyzer.read;

import dev.lockscope.analyzer.classify.WaitClassifier;
import dev.lockscope.analyzer.model.ClassNames;
import dev.lockscope.analyzer.model.Frame;
import dev.lockscope.analyzer.model.WaitEvent;
import dev.lockscope.events.ThreadNames;
import dev.lockscope.analyzer.read.JfrMetadata.Type;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.StandardOpenOption;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.LongConsumer;

/**
 * Lockscope's own reader of the JFR chunk format (version 2, JDK 17-25) for one question: which monitors did
 * threads wait to enter. It decodes only {@code jdk.JavaMonitorEnter} and a few rare events (JVM information,
 * settings, thread counts, GCs) and steps over every other event by its size prefix, as {@code jfr view} does;
 * constant pools are indexed by offset and an entry (thread, stack, class) is decoded only when an event
 * refers to it. Park and wait events are not read at all, so the report says so.
 */
public final class FastJfrReader implements RecordingReader {
    private static final int HEADER_SIZE = 68;
    private static final int CHECKPOINT = 1;
    /** Largest chunk read (into one heap array); JFR rotates chunks at 12 MB unless told otherwise. */
    static final long MAX_CHUNK = 512L << 20;
    /** Chunks read at once, one per core up to this. */
    private static final int MAX_WORKERS = 4;

    @Override
    public String ownerEventsNotRead() {
        return "not read with --only monitors (it reads monitor enters alone); analyze without it to see them";
    }

    @Override
    public List<String> notes() {
        return List.of("only monitor enters (jdk.JavaMonitorEnter) were read (--only monitors): parks "
                + "(j.u.c. locks, conditions), Object.wait and virtual-thread pinning were not read");
    }

    @Override
    public void read(ChunkLayout layout, RecordingVisitor visitor, LongConsumer bytesRead) throws RecordingException {
        Set<String> typesSeen = ConcurrentHashMap.newKeySet();
        List<ChunkLayout.Chunk> chunks = layout.chunkList();
        for (ChunkLayout.Chunk c : chunks) {
            if (c.size() > MAX_CHUNK) {
                throw new RecordingException(layout.path() + ": chunk at byte " + c.offset() + " has "
                        + c.size() / 1_000_000 + " MB, more than --only monitors reads at once ("
                        + MAX_CHUNK / 1_000_000 + " MB); analyze without --only");
            }
        }
        AtomicInteger next = new AtomicInteger();
        AtomicLong done = new AtomicLong();
        AtomicReference<RecordingException> failure = new AtomicReference<>();
        try (FileChannel ch = FileChannel.open(layout.path(), StandardOpenOption.READ)) {
            // Chunks are independent (each has its own metadata and pools): one worker per core takes the next.
            Runnable worker = () -> {
                byte[] bytes = new byte[0];
                MetadataCache metadataCache = new MetadataCache();
                for (int i = next.getAndIncrement(); i < chunks.size() && failure.get() == null;
                     i = next.getAndIncrement()) {
                    ChunkLayout.Chunk c = chunks.get(i);
                    try {
                        if (bytes.length < c.size()) {
                            // One heap array per worker, reused: array reads make stepping over millions of events
                            // cheap, and memory stays bounded by the largest chunk (JFR rotates them at 12 MB).
                            bytes = new byte[(int) c.size()];
                        }
                        readFully(ch, bytes, (int) c.size(), c.offset());
                        new ChunkReader(bytes, (int) c.size(), visitor, typesSeen, metadataCache).read();
                        synchronized (done) { // progress listeners expect one caller and growing totals
                            bytesRead.accept(done.addAndGet(c.size()));
                        }
                    } catch (IOException e) {
                        failure.compareAndSet(null, new RecordingException(layout.path() + ": cannot read: "
                                + e.getMessage(), e));
                    } catch (RuntimeException | StackOverflowError e) {
                        // Bad sizes, counts, ids or encodings: every read is bounds-checked against the chunk.
                        failure.compareAndSet(null, new RecordingException(layout.path() + ": corrupt JFR recording: "
                                + ChunkCheck.explain(layout, e), e));
                    }
                }
            };
            int workers = Math.max(1, Math.min(Math.min(MAX_WORKERS, Runtime.getRuntime().availableProcessors()),
                    chunks.size()));
            List<Thread> threads = new ArrayList<>();
            for (int w = 1; w < workers; w++) {
                Thread t = new Thread(worker, "lockscope-jfr-reader-" + w);
                t.setDaemon(true);
                t.start();
                threads.add(t);
            }
            worker.run();
            for (Thread t : threads) {
                t.join();
            }
        } catch (IOException e) {
            throw new RecordingException(layout.path() + ": cannot read: " + e.getMessage(), e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new RecordingException(layout.path() + ": reading interrupted", e);
        }
        if (failure.get() != null) {
            throw failure.get();
        }
        for (String type : RecordingVisitor.TYPES_NOTED_WHEN_ABSENT) {
            if (!typesSeen.contains(type)) {
                visitor.setting(type, "enabled", "absent");
            }
        }
    }

    /** Reads at most {@link ChunksInputStream#MAX_READ} a call: the JDK's temporary direct buffer is of that size. */
    private static void readFully(FileChannel ch, byte[] bytes, int size, long offset) throws IOException {
        ByteBuffer b = ByteBuffer.wrap(bytes, 0, size);
        while (b.hasRemaining()) {
            b.limit(Math.min(size, b.position() + ChunksInputStream.MAX_READ));
            if (ch.read(b, offset + b.position()) < 0) {
                throw new IOException("file shrank while being read");
            }
            b.limit(size);
        }
    }

    /** One chunk: header, metadata, then one pass over its events. */
    private static final class ChunkReader {
        private final JfrInput in;
        private final RecordingVisitor visitor;
        private final Set<String> typesSeen;
        private long startNanos;
        private long startTicks;
        private double nanosPerTick;
        private JfrMetadata md;
        private ConstantPools pools;
        private final Map<Long, String[]> threads = new HashMap<>();
        private final Map<Long, String> classes = new HashMap<>();
        private final Map<Long, Frame> methods = new HashMap<>();
        private final Map<Long, List<Frame>> stacks = new HashMap<>();

        private final MetadataCache metadataCache;

        ChunkReader(byte[] bytes, int size, RecordingVisitor visitor, Set<String> typesSeen, MetadataCache cache) {
            this.metadataCache = cache;
            int features = new JfrInput(bytes, size, false).rawInt(64);
            this.in = new JfrInput(bytes, size, (features & 1) != 0);
            this.visitor = visitor;
            this.typesSeen = typesSeen;
        }

        void read() {
            int major = in.rawInt(4) >>> 16;
            if (major != 2) {
                throw new IllegalArgumentException("JFR format version " + major + ", expected 2 (JDK 11 or later)");
            }
            long size = in.rawLong(8);
            long metadataOffset = in.rawLong(24);
            startNanos = in.rawLong(32);
            startTicks = in.rawLong(48);
            long ticksPerSecond = in.rawLong(56);
            if (size != in.limit() || ticksPerSecond <= 0 || metadataOffset < HEADER_SIZE || metadataOffset >= size) {
                throw new IllegalArgumentException("inconsistent chunk header");
            }
            nanosPerTick = 1e9 / ticksPerSecond;
            md = metadataCache.get(in, (int) metadataOffset);
            pools = new ConstantPools(in, md);
            if (!metadataCache.reused) {
                for (Type t : md.types().values()) {
                    typesSeen.add(t.name);
                }
            }
            long monitorEnter = id(WaitClassifier.MONITOR_ENTER);
            long jvm = id("jdk.JVMInformation");
            long setting = id("jdk.ActiveSetting");
            long threadStats = id("jdk.JavaThreadStatistics");
            long gc = id("jdk.GarbageCollection");
            long cpuLoad = id("jdk.CPULoad");
            long cpuInfo = id("jdk.CPUInformation");

            // Pools may come after the events that use them (they are flushed later), so the events we want
            // are noted by offset in this pass and decoded after it.
            IntList wanted = scan(new long[] {monitorEnter, jvm, setting, threadStats, gc, cpuLoad, cpuInfo});
            for (int i = 0; i < wanted.size(); i++) {
                in.position(wanted.get(i));
                in.readInt();
                Type t = md.type(in.readLong());
                Object[] v = (Object[]) pools.readType(t, 0);
                in.checkInside();
                if (t.id == monitorEnter) {
                    monitorEnter(t, v);
                } else if (t.id == jvm) {
                    visitor.jvm(str(v, t, "jvmName"), str(v, t, "jvmVersion"),
                            num(v, t, "pid", -1), num(v, t, "jvmStartTime", 0) * 1_000_000L);
                } else if (t.id == setting) {
                    Type of = md.type(num(v, t, "id", -1));
                    if (of != null) {
                        visitor.setting(of.name, String.valueOf(str(v, t, "name")), String.valueOf(str(v, t, "value")));
                    }
                } else if (t.id == threadStats) {
                    visitor.threadCount(time(num(v, t, "startTime", 0)), num(v, t, "activeCount", -1));
                } else if (t.id == gc) {
                    visitor.garbageCollection(time(num(v, t, "startTime", 0)) + span(num(v, t, "duration", 0)));
                } else if (t.id == cpuLoad) {
                    visitor.cpuLoad(time(num(v, t, "startTime", 0)), dbl(v, t, "jvmUser"), dbl(v, t, "jvmSystem"));
                } else if (t.id == cpuInfo) {
                    visitor.cpuCount(num(v, t, "hwThreads", -1));
                }
            }
        }

        /**
         * One pass over the chunk's events: checkpoints are indexed, the offsets of the wanted types kept,
         * everything else stepped over by its size. A small method of its own so the JIT compiles it early.
         */
        private IntList scan(long[] types) {
            IntList wanted = new IntList();
            int pos = HEADER_SIZE;
            int end = in.limit();
            while (pos < end) {
                in.position(pos);
                int eventSize = in.readInt();
                if (eventSize <= 0 || eventSize > end - pos) {
                    throw new IllegalArgumentException("event at byte " + pos + " has size " + eventSize);
                }
                long type = in.readLong();
                if (type == CHECKPOINT) {
                    pools.indexCheckpoint();
                } else if (wanted(types, type)) {
                    wanted.add(pos);
                }
                pos += eventSize;
            }
            return wanted;
        }

        private static boolean wanted(long[] types, long type) {
            for (long t : types) {
                if (t == type) {
                    return true;
                }
            }
            return false;
        }

        private void monitorEnter(Type t, Object[] v) {
            String[] thread = thread(ref(v, t, "eventThread"));
            String[] owner = thread(ref(v, t, "previousOwner"));
            if (thread != null && thread[2] != null && thread[0] != null) {
                visitor.virtualThreadSeen(Long.parseLong(thread[0]), WaitClassifier.MONITOR_ENTER);
            }
            visitor.waitEvent(new WaitEvent(WaitClassifier.MONITOR_ENTER, time(num(v, t, "startTime", 0)),
                    span(num(v, t, "duration", 0)),
                    thread == null || thread[0] == null ? -1 : Long.parseLong(thread[0]),
                    thread == null ? "?" : thread[1],
                    className(ref(v, t, "monitorClass")),
                    num(v, t, "address", 0),
                    owner == null ? null : owner[1],
                    stack(ref(v, t, "stackTrace")),
                    owner == null || owner[0] == null ? -1 : Long.parseLong(owner[0])));
        }

        private long id(String name) {
            Type t = md.type(name);
            return t == null ? Long.MIN_VALUE : t.id;
        }

        private long time(long ticks) {
            return startNanos + span(ticks - startTicks);
        }

        private long span(long ticks) {
            return nanosPerTick == 1.0 ? ticks : (long) (ticks * nanosPerTick);
        }

        /**
         * Thread {@code [javaThreadId or null, name, "virtual" or null]}: the Java name, or the OS name for a native
         * thread, never blank ({@link ThreadNames}).
         */
        private String[] thread(Long key) {
            if (key == null || key == 0) {
                return null;
            }
            return threads.computeIfAbsent(key, k -> {
                Type t = md.type("java.lang.Thread");
                Object[] v = (Object[]) pools.entry(t, k);
                if (v == null) {
                    return null;
                }
                String name = str(v, t, "javaName");
                if (name == null) {
                    name = str(v, t, "osName");
                }
                Object id = field(v, t, "javaThreadId");
                boolean virtual = Boolean.TRUE.equals(field(v, t, "virtual"));
                name = ThreadNames.display(name, id instanceof Long ? (Long) id : -1, virtual);
                return new String[] {id instanceof Long ? id.toString() : null, name, virtual ? "virtual" : null};
            });
        }

        private String className(Long key) {
            if (key == null || key == 0) {
                return null;
            }
            return classes.computeIfAbsent(key, k -> {
                Type t = md.type("java.lang.Class");
                Object[] v = (Object[]) pools.entry(t, k);
                if (v == null) {
                    return null;
                }
                String name = symbol(ref(v, t, "name"));
                return name == null ? null : ClassNames.javaName(name.replace('/', '.'));
            });
        }

        private String symbol(Long key) {
            if (key == null) {
                return null;
            }
            Type t = md.type("jdk.types.Symbol");
            Object[] v = (Object[]) pools.entry(t, key);
            return v == null ? null : str(v, t, "string");
        }

        private List<Frame> stack(Long key) {
            if (key == null || key == 0) {
                return List.of();
            }
            return stacks.computeIfAbsent(key, k -> {
                Type t = md.type("jdk.types.StackTrace");
                Object[] v = (Object[]) pools.entry(t, k);
                Object frames = v == null ? null : field(v, t, "frames");
                if (!(frames instanceof Object[])) {
                    return List.of();
                }
                Type ft = md.type("jdk.types.StackFrame");
                List<Frame> out = new ArrayList<>();
                for (Object f : (Object[]) frames) {
                    Object[] fv = (Object[]) f;
                    Frame m = method(ref(fv, ft, "method"));
                    if (m != null) {
                        Object line = field(fv, ft, "lineNumber");
                        out.add(new Frame(m.className(), m.method(), line instanceof Integer ? (Integer) line : -1));
                    }
                }
                return List.copyOf(out);
            });
        }

        /** A method as a frame without a line: its class's name and its own. */
        private Frame method(Long key) {
            if (key == null || key == 0) {
                return null;
            }
            return methods.computeIfAbsent(key, k -> {
                Type t = md.type("jdk.types.Method");
                Object[] v = (Object[]) pools.entry(t, k);
                if (v == null) {
                    return null;
                }
                String cls = className(ref(v, t, "type"));
                String name = symbol(ref(v, t, "name"));
                return new Frame(cls, name, -1);
            });
        }

        private static Object field(Object[] v, Type t, String name) {
            int i = t == null ? -1 : t.fieldIndex(name);
            return i < 0 || i >= v.length ? null : v[i];
        }

        private static Long ref(Object[] v, Type t, String name) {
            Object o = field(v, t, name);
            return o instanceof Long ? (Long) o : null;
        }

        private static long num(Object[] v, Type t, String name, long otherwise) {
            Object o = field(v, t, name);
            return o instanceof Number ? ((Number) o).longValue() : otherwise;
        }

        private static double dbl(Object[] v, Type t, String name) {
            Object o = field(v, t, name);
            return o instanceof Number ? ((Number) o).doubleValue() : -1;
        }

        private static String str(Object[] v, Type t, String name) {
            Object o = field(v, t, name);
            return o instanceof String ? (String) o : null;
        }
    }

    /**
     * The last chunk's parsed metadata, reused when the next chunk's metadata event has the same bytes (it
     * nearly always has: the same JVM describes the same types), which spares parsing ~100 KB per chunk.
     */
    private static final class MetadataCache {
        private byte[] body = new byte[0];
        private JfrMetadata parsed;
        boolean reused;

        JfrMetadata get(JfrInput in, int offset) {
            in.position(offset);
            int size = in.readInt();
            if (size <= 0 || size > in.limit() - offset) {
                throw new IllegalArgumentException("metadata event at byte " + offset + " has size " + size);
            }
            int end = offset + size;
            in.readLong(); // type id, checked when parsed
            in.readLong(); // start time, duration and metadata id differ between chunks; the types do not
            in.readLong();
            in.readLong();
            int from = in.position();
            reused = parsed != null && in.sameBytes(from, end, body);
            if (!reused) {
                in.position(offset);
                parsed = JfrMetadata.read(in);
                body = in.copy(from, end);
            }
            return parsed;
        }
    }

    /** A growable list of ints (event offsets) without boxing. */
    private static final class IntList {
        private int[] a = new int[1024];
        private int n;

        void add(int v) {
            if (n == a.length) {
                a = java.util.Arrays.copyOf(a, n * 2);
            }
            a[n++] = v;
        }

        int get(int i) {
            return a[i];
        }

        int size() {
            return n;
        }
    }
}
