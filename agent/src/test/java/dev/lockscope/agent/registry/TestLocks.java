package dev.lockscope.agent.registry;

import dev.lockscope.events.SiteKinds;

/** Test helper: registry entries of a lock constructed at a given site (the constructor is package-private). */
public final class TestLocks {
    private TestLocks() {
    }

    public static LockStats constructed(LockRegistry r, Object lock, String lockClass, String where) {
        Site site = r.sites.intern(where, SiteKinds.CONSTRUCTED);
        return r.locks.getOrCreate(lock, (sync, hash) -> new LockStats(sync, hash, lockClass, site, LockRegistry.SOURCE_HOOKS));
    }
}
