package dev.lockscope.analyzer.model;

/**
 * What the lockscope agent measured of a wait's owner from the native probe (a {@code dev.lockscope.LockWait}'s
 * {@code ownerOnCpuShare}, {@code ownerPreemptedShare}, {@code ownerOffCpuVoluntaryShare}): the shares of the wait it
 * ran on a CPU, was runnable but preempted, and was off a CPU by its own doing; they add up to 1.
 *
 * @param source where they come from ({@code ownerOnCpuSource})
 */
public record OwnerCpuSplit(double onCpu, double preempted, double offCpuVoluntary, String source) {

    /** The split, or null when the event did not measure it (any share -1, or an agent that wrote no such field). */
    public static OwnerCpuSplit of(double onCpu, double preempted, double offCpuVoluntary, String source) {
        return onCpu < 0 || preempted < 0 || offCpuVoluntary < 0 ? null
                : new OwnerCpuSplit(onCpu, preempted, offCpuVoluntary, source);
    }
}
