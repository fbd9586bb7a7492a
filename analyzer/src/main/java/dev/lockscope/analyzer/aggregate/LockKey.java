package dev.lockscope.analyzer.aggregate;

import dev.lockscope.analyzer.model.WaitKind;

/**
 * Identifies one lock (or one place of waiting) within one JVM. Locks are instances: class plus address. Other
 * waits (conditions, other parks, pinning) are grouped by class and site.
 *
 * @param jvm       which JVM (recordings of the same JVM share it)
 * @param kind      what kind of waiting
 * @param family    {@code monitor} for {@code synchronized}/{@code Object.wait}, {@code j.u.c.} for parks
 * @param lockClass the monitor or blocker class, or null
 * @param address   the monitor or blocker address, 0 when unknown
 * @param site      only for rows that are not lock instances: their first application frame
 */
public record LockKey(int jvm, WaitKind kind, String family, String lockClass, long address, String site) {
}
