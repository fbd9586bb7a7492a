package dev.lockscope.analyzer;

import dev.lockscope.analyzer.aggregate.Aggregator;
import dev.lockscope.analyzer.aggregate.RecordingFacts;
import dev.lockscope.analyzer.fleet.FleetReader;
import dev.lockscope.analyzer.read.ChunkLayout;
import dev.lockscope.analyzer.read.RecordingException;
import dev.lockscope.analyzer.read.RecordingReader;
import dev.lockscope.analyzer.report.RepeatedNotes;
import dev.lockscope.analyzer.report.Report;
import dev.lockscope.analyzer.report.ReportBuilder;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/** Reads recordings and builds the report: the analyzer's one entry point for the CLI and for tests. */
public final class Analysis {

    /** Told how far reading has got, in bytes of all files together, and in recordings. */
    public interface ProgressListener {
        ProgressListener NONE = (done, total, file) -> { };

        void progress(long doneBytes, long totalBytes, String file);

        /** Recordings read so far, of {@code total} (several files: they are read in parallel). */
        default void recordings(int done, int total) {
        }
    }

    /**
     * How to read many files.
     *
     * @param jobs             recordings read at once
     * @param skipUnreadable   leave out a file that cannot be read and report the others (named in the report's
     *                         notes and {@code skipped}), rather than fail; a report needs at least one file read
     * @param partBytes        a recording is read in parts of about this many bytes of chunks ({@link #PART_BYTES})
     */
    public record Options(int jobs, boolean skipUnreadable, long partBytes) {
        public Options {
            if (jobs < 1) {
                throw new IllegalArgumentException("jobs must be at least 1: " + jobs);
            }
            if (partBytes < 1) {
                throw new IllegalArgumentException("partBytes must be at least 1: " + partBytes);
            }
        }

        public Options(int jobs, boolean skipUnreadable) {
            this(jobs, skipUnreadable, PART_BYTES);
        }

        /** One job per processor (as the heap allows); a file that cannot be read fails the analysis. */
        public static Options defaults() {
            return new Options(FleetReader.defaultJobs(), false);
        }
    }

    private Analysis() {
    }

    public static Report analyze(List<Path> files, RecordingReader reader, ProgressListener progress)
            throws RecordingException {
        return analyze(files, reader, progress, Options.defaults());
    }

    /**
     * A recording is read in parts of about this many bytes of chunks, each joined with its owners' events and let go
     * before the next (what the holder profile keeps of one part stays under its bound, where a whole large recording
     * would pass it early and profile only its start), two or more read at once; rotated 20 MB files are read alike.
     */
    static final long PART_BYTES = 32L << 20;

    public static Report analyze(List<Path> files, RecordingReader reader, ProgressListener progress, Options options)
            throws RecordingException {
        List<ChunkLayout> layouts = new ArrayList<>();
        RepeatedNotes perFile = new RepeatedNotes();
        List<Report.SkippedFile> skipped = new ArrayList<>();
        RecordingException firstFailure = null;
        Set<List<Long>> seen = new HashSet<>();
        for (Path p : files) {
            ChunkLayout l;
            try {
                l = ChunkLayout.scan(p);
            } catch (RecordingException e) {
                if (!options.skipUnreadable()) {
                    throw e;
                }
                firstFailure = firstFailure == null ? e : firstFailure;
                skipped.add(new Report.SkippedFile(p.toString(), e.getMessage()));
                continue;
            }
            List<ChunkLayout.Chunk> fresh = new ArrayList<>();
            for (ChunkLayout.Chunk c : l.chunkList()) {
                if (seen.add(c.identity())) {
                    fresh.add(c);
                }
            }
            String name = p.getFileName().toString();
            if (fresh.size() < l.chunkList().size()) {
                perFile.add("chunks read from an earlier file", name, name + ": "
                        + (l.chunkList().size() - fresh.size()) + " of its " + l.chunks() + " chunk(s) were already "
                        + "read from an earlier file (overlapping dumps) and were counted once");
            }
            if (!fresh.isEmpty()) {
                List<ChunkLayout> parts = l.onlyChunks(fresh).recordingsInFile();
                if (parts.size() > 1) {
                    perFile.add("several recordings in one file", name, name + " holds " + parts.size()
                            + " recordings (chunks apart in time, e.g. files concatenated): each is reported with "
                            + "its own JVM, duration and thread-time");
                }
                for (ChunkLayout recording : parts) {
                    layouts.addAll(recording.parts(options.partBytes()));
                }
            }
        }
        List<String> notes = new ArrayList<>(perFile.notes());
        notes.addAll(reader.notes());
        if (layouts.isEmpty() && firstFailure != null) {
            throw unreadable(files, firstFailure);
        }
        // Progress counts recordings, not the parts they are read in: recording i is done with its last part.
        int[] recordingsDoneAfter = new int[layouts.size() + 1];
        int recordingCount = 0;
        for (int i = 0; i < layouts.size(); i++) {
            if (i == layouts.size() - 1 || !layouts.get(i).continuedBy(layouts.get(i + 1))) {
                recordingCount++;
            }
            recordingsDoneAfter[i + 1] = recordingCount;
        }
        int recordingTotal = recordingCount;
        FleetReader.Result read = FleetReader.read(layouts, reader, options.jobs(), options.skipUnreadable(),
                new FleetReader.Progress() {
                    @Override
                    public void bytes(long done, long total, String file) {
                        progress.progress(done, total, file);
                    }

                    @Override
                    public void recordings(int done, int total) {
                        progress.recordings(recordingsDoneAfter[done], recordingTotal);
                    }
                });
        long total = layouts.stream().mapToLong(ChunkLayout::bytesToRead).sum();
        progress.progress(total, total, "");
        for (FleetReader.Failure f : read.failures()) {
            firstFailure = firstFailure == null ? f.error() : firstFailure;
            String path = f.layout().path().toString();
            if (skipped.stream().noneMatch(k -> k.file().equals(path))) { // a file read in parts fails once
                skipped.add(new Report.SkippedFile(path, f.error().getMessage()));
            }
        }
        Aggregator agg = read.merged();
        if (agg.recordings().isEmpty()) {
            throw unreadable(files, firstFailure);
        }
        boolean anyWaits = agg.recordings().stream().anyMatch(f -> !f.waitEventsByType().isEmpty());
        if (!anyWaits) {
            RecordingFacts f = agg.recordings().get(0);
            String which = files.size() == 1 ? f.layout().path().toString() : files.size() + " recordings";
            throw new RecordingException(which + ": no lock events (jdk.JavaMonitorEnter, jdk.ThreadPark, "
                    + "jdk.JavaMonitorWait) in the recording; record with lockscope.jfc, -XX:StartFlightRecording's "
                    + "default settings or async-profiler's event=lock");
        }
        return ReportBuilder.build(agg, Version.get(), notes, skipped);
    }

    /** None of the files could be read: the one failure, or the first of several with how many there were. */
    private static RecordingException unreadable(List<Path> files, RecordingException first) {
        if (first == null) {
            return new RecordingException(files.size() + " files: no complete recording in them");
        }
        if (files.size() == 1) {
            return first;
        }
        return new RecordingException("none of the " + files.size() + " files could be read; the first: "
                + first.getMessage(), first);
    }
}
