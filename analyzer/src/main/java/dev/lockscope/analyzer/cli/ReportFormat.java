package dev.lockscope.analyzer.cli;

import java.nio.file.Path;

/** The report formats {@code analyze} offers ({@code diff}: text, json and html). */
public enum ReportFormat {
    text, json, html,
    /** Gzipped pprof profile.proto, for continuous-profiling backends and {@code go tool pprof}. */
    pprof,
    /** Collapsed stacks of lock acquisition waits, the text flame-graph tools read. */
    collapsed;

    /** Written as bytes, not text. */
    boolean binary() {
        return this == pprof;
    }

    /** Where the report goes without {@code -o}: a file for formats a terminal cannot show, else null (stdout). */
    Path defaultFile() {
        return switch (this) {
            case html -> Path.of("lockscope-report.html");
            case pprof -> Path.of("lockscope-locks.pb.gz");
            default -> null;
        };
    }

    /** The formats that compare two recordings ({@code diff}). */
    boolean diffable() {
        return this == text || this == json || this == html;
    }
}
