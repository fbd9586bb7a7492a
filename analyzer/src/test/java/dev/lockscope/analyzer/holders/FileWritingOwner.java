package dev.lockscope.analyzer.holders;

import java.io.FileInputStream;
import java.io.FileOutputStream;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * A monitor whose owner, holding it, appends a journal record and forces a file, after a little work, and a reader
 * that wants the monitor meanwhile. The record goes through a pipe (a FIFO) that a slow consumer drains, so that the
 * write blocks for about two milliseconds as a slow disk's would, without loading this machine's disk; the force is a
 * real one, of a small file. Prints the reader's waiting time and how much of it the writer spent in the write and
 * force calls, and in its work ({@code System.nanoTime} around each).
 *
 * <p>Arguments: seconds to run, a folder for the pipe and the file (Linux: the pipe is made with {@code mkfifo}).
 */
public final class FileWritingOwner {
    /** The planted monitor: its class names it in the report. */
    public static final class Journal {
    }

    /** Four times the pipe's 64 KiB: each write waits for the consumer to drain three of them. */
    static final int RECORD_BYTES = 256 * 1024;
    static final int DRAIN_BYTES = 64 * 1024;
    static final long DRAIN_PAUSE_NANOS = 500_000;

    private final Journal journal = new Journal();
    private final Intervals io = new Intervals();
    private final Intervals work = new Intervals();
    private final Intervals readerWaits = new Intervals();
    private final byte[] record = new byte[RECORD_BYTES];
    private final ByteBuffer page = ByteBuffer.allocateDirect(4096);
    private FileOutputStream pipe;
    private FileChannel file;

    public static void main(String[] args) throws Exception {
        double seconds = Double.parseDouble(args[0]);
        Path dir = Path.of(args[1]);
        Path fifo = dir.resolve("journal.pipe");
        Process mkfifo = new ProcessBuilder("mkfifo", fifo.toString()).inheritIO().start();
        if (!mkfifo.waitFor(30, TimeUnit.SECONDS) || mkfifo.exitValue() != 0) {
            throw new IllegalStateException("mkfifo " + fifo + " failed");
        }
        Thread consumer = new Thread(() -> drain(fifo), "journal-consumer");
        consumer.setDaemon(true);
        consumer.start();
        FileWritingOwner p = new FileWritingOwner();
        try (FileOutputStream out = new FileOutputStream(fifo.toFile());
             FileChannel c = FileChannel.open(dir.resolve("journal.index"), StandardOpenOption.CREATE,
                     StandardOpenOption.WRITE, StandardOpenOption.TRUNCATE_EXISTING)) {
            p.pipe = out;
            p.file = c;
            PlantedOwner.runFor(seconds, List.of("journal-writer", "journal-reader"),
                    List.of(p::writeOne, p::readOne));
        }
        PlantedOwner.print("waits.nanos", p.readerWaits.total());
        PlantedOwner.print("waits.count", p.readerWaits.count());
        PlantedOwner.print("io.nanos", p.io.overlap(p.readerWaits));
        PlantedOwner.print("work.nanos", p.work.overlap(p.readerWaits));
    }

    /** The slow consumer: a pipe's worth at a time, a pause between (a busy spin: a sleep would be an event). */
    private static void drain(Path fifo) {
        byte[] buf = new byte[DRAIN_BYTES];
        try (FileInputStream in = new FileInputStream(fifo.toFile())) {
            while (in.read(buf) >= 0) {
                PlantedOwner.spin(DRAIN_PAUSE_NANOS);
            }
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }

    private void writeOne() throws Exception {
        synchronized (journal) {
            work.timeOnCpu(() -> PlantedOwner.spin(PlantedOwner.jittered(100_000)));
            io.time(() -> {
                append();
                flush();
                return null;
            });
        }
        PlantedOwner.outside();
    }

    private void append() throws Exception {
        pipe.write(record);
    }

    private void flush() throws Exception {
        page.clear();
        file.write(page, 0);
        file.force(false);
    }

    private void readOne() {
        long t0 = System.nanoTime();
        synchronized (journal) {
            readerWaits.add(t0, System.nanoTime());
        }
        PlantedOwner.outside();
    }
}
