package dev.lockscope.examples;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.LongAdder;

/**
 * The demo's bundled workload: more threads than cores fighting over
 * <ul>
 *   <li>an {@link OrderLedger} whose short critical sections sit under one {@code ReentrantLock},</li>
 *   <li>a {@link PriceCache} whose {@code synchronized} methods every reader goes through,</li>
 *   <li>a {@link WorkQueue} whose consumers wait on a {@code Condition} (waiting for work, not for a lock),</li>
 *   <li>an idle executor whose worker parks on its queue (neither lock nor contention).</li>
 * </ul>
 * Prints one line of throughput per part when done, so a before/after comparison has a figure to use.
 */
public final class DemoWorkload {

    /** Work between two postings, about as long as a posting's own section (OrderLedger.SECTION_WORK). */
    static final int LEDGER_OUTSIDE_WORK = 2000;
    /** Cache readers serve requests: they sleep between lookups, so they do not crowd the CPUs. */
    static final long CACHE_PAUSE_MS = 1;

    private DemoWorkload() {
    }

    public static void main(String[] args) throws InterruptedException {
        double seconds = 20;
        int ledgerThreads = Math.max(2, Runtime.getRuntime().availableProcessors());
        int cacheThreads = 4;
        for (int i = 0; i < args.length; i++) {
            switch (args[i]) {
                case "--seconds" -> seconds = Double.parseDouble(args[++i]);
                case "--ledger-threads" -> ledgerThreads = Integer.parseInt(args[++i]);
                case "--cache-threads" -> cacheThreads = Integer.parseInt(args[++i]);
                default -> {
                    System.err.println("DemoWorkload: unknown argument " + args[i]);
                    System.exit(2);
                }
            }
        }
        Result r = run((long) (seconds * 1000), ledgerThreads, cacheThreads);
        System.out.printf("ledger.ops %d%ncache.ops %d%nqueue.items %d%nops.per.second %.0f%n",
                r.ledgerOps, r.cacheOps, r.queueItems, (r.ledgerOps + r.cacheOps) / Math.max(seconds, 1e-3));
    }

    /** Throughput of one run. */
    public record Result(long ledgerOps, long cacheOps, long queueItems) {
    }

    public static Result run(long millis, int ledgerThreads, int cacheThreads) throws InterruptedException {
        AtomicBoolean stop = new AtomicBoolean();
        OrderLedger ledger = new OrderLedger();
        PriceCache cache = new PriceCache(512);
        WorkQueue queue = new WorkQueue(64);
        LongAdder ledgerOps = new LongAdder();
        LongAdder cacheOps = new LongAdder();
        LongAdder queueItems = new LongAdder();
        List<Thread> threads = new ArrayList<>();

        for (int i = 0; i < ledgerThreads; i++) {
            int account = i;
            threads.add(new Thread(() -> {
                long n = 0;
                while (!stop.get()) {
                    ledger.post(account, 1 + (n & 7));
                    Spin.work(LEDGER_OUTSIDE_WORK);
                    n++;
                }
                ledgerOps.add(n);
            }, "ledger-" + i));
        }
        for (int i = 0; i < cacheThreads; i++) {
            int seed = i * 7919;
            threads.add(new Thread(() -> {
                long n = 0;
                while (!stop.get()) {
                    cache.price("SKU-" + ((seed + n * 31) % 2048));
                    n++;
                    sleepQuietly(CACHE_PAUSE_MS); // a request handler: waits for its next request
                }
                cacheOps.add(n);
            }, "cache-" + i));
        }
        threads.add(new Thread(() -> {
            long n = 0;
            while (!stop.get()) {
                queue.put(n++);
                sleepQuietly(2);
            }
            queue.put(-1);
        }, "producer"));
        threads.add(new Thread(() -> {
            while (true) {
                long item = queue.take();
                if (item < 0) {
                    break;
                }
                queueItems.increment();
            }
        }, "consumer"));
        ExecutorService idle = Executors.newSingleThreadExecutor(r -> new Thread(r, "idle-executor"));
        idle.submit(() -> { });

        threads.forEach(Thread::start);
        Thread.sleep(millis);
        stop.set(true);
        for (Thread t : threads) {
            t.join();
        }
        idle.shutdown();
        idle.awaitTermination(10, TimeUnit.SECONDS);
        return new Result(ledgerOps.sum(), cacheOps.sum(), queueItems.sum());
    }

    static void sleepQuietly(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
