package dev.lockscope.realworld.guava;

import com.google.common.cache.CacheBuilder;
import com.google.common.cache.CacheLoader;
import com.google.common.cache.LoadingCache;
import dev.lockscope.realworld.DriverArgs;
import dev.lockscope.realworld.Figures;
import dev.lockscope.realworld.Load;
import java.util.concurrent.ThreadLocalRandom;

/**
 * Reads a small bounded Guava {@code LoadingCache} from many threads, keys drawn from a range ten times the cache's
 * size: most gets miss, load (a few tens of microseconds of computation) and evict; one operation is one get.
 */
public final class GuavaCacheDriver {
    static final int MAX_SIZE = 200;
    static final int KEYS = 2_000;
    static final int WORK = 10_000;
    /** Segments (and segment locks) of the cache: the builder's default concurrency level, 4, at this size. */
    static final int SEGMENTS = 4;

    private GuavaCacheDriver() {
    }

    public static void main(String[] argv) throws Exception {
        DriverArgs args = DriverArgs.parse(argv, 10, 3, 8);
        // Builder defaults otherwise (concurrencyLevel 4: four segments), as a service would write it.
        LoadingCache<Integer, Long> cache = CacheBuilder.newBuilder().maximumSize(MAX_SIZE)
                .build(CacheLoader.from(GuavaCacheDriver::load));
        Load.Result result = Load.run(args, "cache-load", worker -> {
            int key = ThreadLocalRandom.current().nextInt(KEYS);
            long value = cache.get(key);
            if (value >>> 32 != key) {
                throw new IllegalStateException("key " + key + " got the value of key " + (value >>> 32));
            }
        });
        int exit = Figures.printLoad(result);
        System.exit(exit);
    }

    /** The loader's work, some tens of microseconds of computation; the value carries its key in the high half. */
    static Long load(Integer key) {
        long h = key;
        for (int i = 0; i < WORK; i++) {
            h = h * 6364136223846793005L + 1442695040888963407L;
            h ^= h >>> 29;
        }
        return ((long) key << 32) | (h & 0xffff_ffffL);
    }
}
