package dev.lockscope.analyzer.holders;

/** A frame, event type or lock with how many times it was seen and the time it accounts for. */
public record NamedTime(String name, long count, long nanos) {
}
