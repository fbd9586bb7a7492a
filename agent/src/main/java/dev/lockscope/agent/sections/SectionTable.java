package dev.lockscope.agent.sections;

import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReferenceArray;

/**
 * The classified sections, in a fixed array (bounded memory; past capacity new ones are counted, not kept), which
 * {@code jfr.CriticalSectionEvents} writes as {@code dev.lockscope.CriticalSection} at the end of every chunk.
 * Appends are lock-free: class loading runs on many threads at once and must never wait for the agent.
 * Classes are classified off the loading thread ({@link #classifyPending}): a full parse costs about half a
 * millisecond a class, a quarter of a second of a Spring Boot start-up if the loading threads paid it.
 */
public final class SectionTable {
    private final AtomicReferenceArray<Section> sections;
    private final AtomicLong next = new AtomicLong();
    private final AtomicLong dropped = new AtomicLong();
    /** Class files waiting to be classified, at most {@link #PENDING_BYTES} of them; over that a class is skipped. */
    private final ConcurrentLinkedQueue<byte[]> pending = new ConcurrentLinkedQueue<>();
    private final AtomicLong pendingBytes = new AtomicLong();
    private final AtomicLong skippedClasses = new AtomicLong();
    private final AtomicLong failures = new AtomicLong();
    /** The class-load transformer feeding this table: a part of the agent's one load-time transformer. */
    public java.lang.instrument.ClassFileTransformer transformer;
    static final long PENDING_BYTES = 16 << 20;

    public SectionTable(int capacity) {
        sections = new AtomicReferenceArray<>(capacity);
    }

    /** From the loading thread: keeps the class file for {@link #classifyPending}, or counts it skipped when full. */
    void defer(byte[] classFile) {
        if (pendingBytes.addAndGet(classFile.length) > PENDING_BYTES) {
            pendingBytes.addAndGet(-classFile.length);
            skippedClasses.incrementAndGet();
            return;
        }
        pending.add(classFile);
    }

    /** Classifies the classes loaded since the last call; on the agent's own threads, never the application's. */
    public void classifyPending() {
        for (byte[] b; (b = pending.poll()) != null; ) {
            pendingBytes.addAndGet(-b.length);
            try {
                for (Section s : SectionClassifier.classify(b)) {
                    add(s);
                }
            } catch (Throwable t) {
                failures.incrementAndGet();
            }
        }
    }

    /** Classes not classified: over the pending budget, or failing to parse. */
    public long classesSkipped() {
        return skippedClasses.get() + failures.get();
    }

    void add(Section s) {
        long i = next.getAndIncrement();
        if (i < sections.length()) {
            sections.set((int) i, s);
        } else {
            dropped.incrementAndGet();
        }
    }

    public int size() {
        return (int) Math.min(next.get(), sections.length());
    }

    public long dropped() {
        return dropped.get();
    }

    /** The section in slot {@code i} (below {@link #size}), or null while a loading thread is still writing it. */
    public Section get(int i) {
        return sections.get(i);
    }
}
