package dev.lockscope.examples;

import java.util.LinkedHashMap;
import java.util.Map;

/** An LRU cache whose every read takes the cache's monitor (access order changes on each get). */
public final class PriceCache {
    private final Map<String, Long> prices;

    public PriceCache(int capacity) {
        this.prices = new LinkedHashMap<>(capacity * 2, 0.75f, true) {
            @Override
            protected boolean removeEldestEntry(Map.Entry<String, Long> eldest) {
                return size() > capacity;
            }
        };
    }

    public synchronized long price(String sku) {
        Long p = prices.get(sku);
        if (p == null) {
            p = Spin.work(20_000) & 0xffff;   // a slow "lookup" (~20 us) done while holding the monitor
            prices.put(sku, p);
        }
        return p;
    }
}
