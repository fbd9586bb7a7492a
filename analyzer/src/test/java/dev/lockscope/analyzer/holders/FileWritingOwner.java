package dev.lockscope.analyzer.holders;

import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.List;

/**
 * A monitor whose owner writes and forces a file while holding it, after about a millisecond of work, and a reader
 * that wants the monitor meanwhile. Prints the reader's waiting time and how much of it the writer spent in the
 * write and force calls, and in its work ({@code System.nanoTime} around each).
 *
 * <p>Arguments: seconds to run, the file to write.
 */
public final class FileWritingOwner {
    /** The planted monitor: its class names it in the report. */
    public static final class Journal {
    }

    static final int RECORD_BYTES = 128 * 1024;

    private final Journal journal = new Journal();
    private final Intervals io = new Intervals();
    private final Intervals work = new Intervals();
    private final Intervals readerWaits = new Intervals();
    private final ByteBuffer record = ByteBuffer.allocateDirect(RECORD_BYTES);
    private FileChannel channel;

    public static void main(String[] args) throws Exception {
        FileWritingOwner p = new FileWritingOwner();
        try (FileChannel c = FileChannel.open(Path.of(args[1]), StandardOpenOption.CREATE, StandardOpenOption.WRITE,
                StandardOpenOption.TRUNCATE_EXISTING)) {
            p.channel = c;
            PlantedOwner.runFor(Double.parseDouble(args[0]), List.of("journal-writer", "journal-reader"),
                    List.of(p::writeOne, p::readOne));
        }
        PlantedOwner.print("waits.nanos", p.readerWaits.total());
        PlantedOwner.print("waits.count", p.readerWaits.count());
        PlantedOwner.print("io.nanos", p.io.overlap(p.readerWaits));
        PlantedOwner.print("work.nanos", p.work.overlap(p.readerWaits));
        PlantedOwner.print("work.total.nanos", p.work.total());
        PlantedOwner.print("work.cpu.nanos", p.work.cpuNanos());
    }

    private void writeOne() throws Exception {
        synchronized (journal) {
            work.timeOnCpu(() -> PlantedOwner.spin(PlantedOwner.jittered(1_000_000)));
            io.time(() -> {
                append();
                flush();
                return null;
            });
        }
        PlantedOwner.outside();
    }

    private void append() throws Exception {
        record.clear();
        channel.position(0);
        channel.write(record);
    }

    private void flush() throws Exception {
        channel.force(false);
    }

    private void readOne() {
        long t0 = System.nanoTime();
        synchronized (journal) {
            readerWaits.add(t0, System.nanoTime());
        }
        PlantedOwner.outside();
    }
}
