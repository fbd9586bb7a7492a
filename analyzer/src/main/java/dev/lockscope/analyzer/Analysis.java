package dev.lockscope.analyzer;

import dev.lockscope.analyzer.aggregate.Aggregator;
import dev.lockscope.analyzer.aggregate.RecordingFacts;
import dev.lockscope.analyzer.read.ChunkLayout;
import dev.lockscope.analyzer.read.RecordingException;
import dev.lockscope.analyzer.read.RecordingReader;
import dev.lockscope.analyzer.report.Report;
import dev.lockscope.analyzer.report.ReportBuilder;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.Set;
import java.util.List;

/** Reads recordings and builds the report: the analyzer's one entry point for the CLI and for tests. */
public final class Analysis {

    /** Told how far reading has got, in bytes of all files together. */
    public interface ProgressListener {
        ProgressListener NONE = (done, total, file) -> { };

        void progress(long doneBytes, long totalBytes, String file);
    }

    private Analysis() {
    }

    public static Report analyze(List<Path> files, RecordingReader reader, ProgressListener progress)
            throws RecordingException {
        List<ChunkLayout> layouts = new ArrayList<>();
        List<String> notes = new ArrayList<>();
        Set<List<Long>> seen = new HashSet<>();
        long total = 0;
        for (Path p : files) {
            ChunkLayout l = ChunkLayout.scan(p);
            List<ChunkLayout.Chunk> fresh = new ArrayList<>();
            for (ChunkLayout.Chunk c : l.chunkList()) {
                if (seen.add(c.identity())) {
                    fresh.add(c);
                }
            }
            if (fresh.size() < l.chunkList().size()) {
                notes.add(p.getFileName() + ": " + (l.chunkList().size() - fresh.size()) + " of its " + l.chunks()
                        + " chunk(s) were already read from an earlier file (overlapping dumps) and were counted once");
            }
            if (!fresh.isEmpty()) {
                List<ChunkLayout> parts = l.onlyChunks(fresh).recordingsInFile();
                if (parts.size() > 1) {
                    notes.add(p.getFileName() + " holds " + parts.size() + " recordings (chunks apart in time, e.g. "
                            + "files concatenated): each is reported with its own JVM, duration and thread-time");
                }
                layouts.addAll(parts);
                for (ChunkLayout part : parts) {
                    total += part.bytesToRead();
                }
            }
        }
        notes.addAll(reader.notes());
        Aggregator agg = new Aggregator();
        agg.ownerEventsNotRead(reader.ownerEventsNotRead());
        long before = 0;
        for (ChunkLayout l : layouts) {
            long offset = before;
            long all = total;
            String name = l.path().getFileName().toString();
            reader.read(l, agg.visitorFor(l), n -> progress.progress(offset + n, all, name));
            before += l.bytesToRead();
        }
        progress.progress(total, total, "");
        boolean anyWaits = agg.recordings().stream().anyMatch(f -> !f.waitEventsByType().isEmpty());
        if (!anyWaits) {
            RecordingFacts f = agg.recordings().get(0);
            String which = files.size() == 1 ? f.layout().path().toString() : files.size() + " recordings";
            throw new RecordingException(which + ": no lock events (jdk.JavaMonitorEnter, jdk.ThreadPark, "
                    + "jdk.JavaMonitorWait) in the recording; record with lockscope.jfc, -XX:StartFlightRecording's "
                    + "default settings or async-profiler's event=lock");
        }
        return ReportBuilder.build(agg, Version.get(), notes);
    }
}
