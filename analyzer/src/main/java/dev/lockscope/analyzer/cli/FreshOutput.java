package dev.lockscope.analyzer.cli;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.time.Instant;
import java.time.temporal.ChronoUnit;

/**
 * An output file that only this run may write: the old one is removed before the run starts, and the file is
 * checked to exist and be newer than the run's start before its path is printed. A run that fails half-way then
 * leaves no older file behind that looks like its own.
 */
final class FreshOutput {
    private final Path path;
    /** The run's start, to the second below: file systems keep modification times no finer than that. */
    private final FileTime since;

    private FreshOutput(Path path, FileTime since) {
        this.path = path;
        this.since = since;
    }

    /** Removes any file at {@code path} left by an earlier run. */
    static FreshOutput clear(Path path) {
        FileTime since = FileTime.from(Instant.now().truncatedTo(ChronoUnit.SECONDS));
        try {
            Files.deleteIfExists(path);
        } catch (IOException e) {
            throw new UserError(path + ": cannot remove the previous run's file: " + e.getMessage(), e);
        }
        return new FreshOutput(path, since);
    }

    Path path() {
        return path;
    }

    /** The path, once this run has written it; a one-line error otherwise. */
    Path written() {
        try {
            if (!Files.isRegularFile(path)) {
                throw new UserError(path + " was not written");
            }
            FileTime modified = Files.getLastModifiedTime(path);
            if (modified.compareTo(since) < 0) {
                throw new UserError(path + " was last written at " + modified + ", before this run started (" + since
                        + "): another process writes it?");
            }
            return path;
        } catch (IOException e) {
            throw new UserError(path + ": cannot check the file just written: " + e.getMessage(), e);
        }
    }
}
