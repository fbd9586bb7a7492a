package dev.lockscope.analyzer.holders;

/**
 * Where the owners of one lock took it, for the waits whose owner held it from there; or, with {@code unknown}, the
 * waits for which that is not known, and why.
 *
 * @param site          {@code pkg.Class.method:line}, as the lock's sites are named; null when unknown
 * @param unknown       why the site is not known; null when it is
 * @param waits         profiled waits whose owner held the lock from there
 * @param nanos         their owned time (what the profile's shares are of)
 * @param recordedWaits of those, waits whose owner's own acquisition was recorded (the rest: found in its stacks)
 */
public record AcquireSite(String site, Unknown unknown, long waits, long nanos, long recordedWaits) {

    /** Why an owner's acquire site is not known. */
    public enum Unknown {
        /** No sample or event of the owner fell in the wait, and no acquisition of it was recorded then. */
        NOTHING_RECORDED,
        /** The owner's stacks in the wait hold no frame in a method where this lock was recorded waited for. */
        NOT_IN_STACKS
    }
}
