package dev.lockscope.analyzer.cli;

/** What {@code analyze --only} may restrict a report to. */
public enum OnlyWaits {
    /** Monitor enters ({@code synchronized}) only, read by lockscope's own fast reader. */
    monitors
}
