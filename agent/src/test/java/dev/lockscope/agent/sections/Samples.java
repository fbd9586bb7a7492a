package dev.lockscope.agent.sections;

import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.locks.Lock;
import java.util.concurrent.locks.ReentrantLock;

/** Critical sections of every shape the classifier must tell apart. Acquire sites carry a marker comment naming them. */
@SuppressWarnings("unused")
final class Samples {
    private final ReentrantLock lock = new ReentrantLock();
    private final Lock other = new ReentrantLock();
    private final Object monitor = new Object();
    private final Map<String, Long> map = new HashMap<>();
    private final long[] slots = new long[8];
    private long count;
    private static long total;

    long readOnly(String k) {
        lock.lock(); // S:readOnly
        try {
            Long v = map.get(k);
            return v == null ? 0 : v + slots[1];
        } finally {
            lock.unlock();
        }
    }

    void fieldStore() {
        lock.lock(); // S:fieldStore
        try {
            count++;
        } finally {
            lock.unlock();
        }
    }

    void staticStore() {
        lock.lock(); // S:staticStore
        try {
            total = 1;
        } finally {
            lock.unlock();
        }
    }

    void arrayStore(int i) {
        lock.lock(); // S:arrayStore
        try {
            slots[i & 7] = 1;
        } finally {
            lock.unlock();
        }
    }

    void mapPut(String k) {
        lock.lock(); // S:mapPut
        try {
            map.put(k, 1L);
        } finally {
            lock.unlock();
        }
    }

    long nested(String k) {
        lock.lock(); // S:nestedOuter
        try {
            long v;
            other.lock(); // S:nestedInner
            try {
                v = map.getOrDefault(k, 0L);
            } finally {
                other.unlock();
            }
            count = v; // inside the outer section only
            return v;
        } finally {
            lock.unlock();
        }
    }

    long twoSections(String k) {
        long v;
        lock.lock(); // S:firstOfTwo
        try {
            v = map.getOrDefault(k, 0L);
        } finally {
            lock.unlock();
        }
        lock.lock(); // S:secondOfTwo
        try {
            map.remove(k);
        } finally {
            lock.unlock();
        }
        return v;
    }

    long writeInCatch(String k) {
        lock.lock(); // S:writeInCatch
        try {
            return Long.parseLong(k);
        } catch (NumberFormatException e) {
            count++; // only on the exception path, still inside the section
            return -1;
        } finally {
            lock.unlock();
        }
    }

    long writeAfterRelease(String k) {
        long v;
        lock.lock(); // S:writeAfterRelease
        try {
            v = map.getOrDefault(k, 0L);
        } finally {
            lock.unlock();
        }
        count = v; // after the release: not in the section
        return v;
    }

    long tryLockRead(String k) {
        if (lock.tryLock()) { // S:tryLockRead
            try {
                return map.getOrDefault(k, 0L);
            } finally {
                lock.unlock();
            }
        }
        count++; // the failure path holds no lock
        return -1;
    }

    long tryLockNegated(String k) {
        if (!lock.tryLock()) { // S:tryLockNegated
            count++; // the failure path holds no lock
            return -1;
        }
        try {
            return map.getOrDefault(k, 0L);
        } finally {
            lock.unlock();
        }
    }

    String formats(String k) {
        lock.lock(); // S:formats
        try {
            StringBuilder sb = new StringBuilder();
            sb.append(k).append('=').append(map.get(k));
            return sb.toString().replace(' ', '_');
        } finally {
            lock.unlock();
        }
    }

    long syncBlockRead() {
        synchronized (monitor) { // S:syncBlockRead
            return count;
        }
    }

    void syncBlockWrite() {
        synchronized (monitor) { // S:syncBlockWrite
            map.clear();
        }
    }

    synchronized long syncMethodRead() { // S:syncMethodRead
        return count + map.size();
    }

    synchronized void syncMethodWrite(long v) { // S:syncMethodWrite
        count = v;
    }

    void heldPastReturn() {
        lock.lock(); // S:heldPastReturn
        map.get("x");
    }

    long interruptibly() throws InterruptedException {
        lock.lockInterruptibly(); // S:interruptibly
        try {
            return count;
        } finally {
            lock.unlock();
        }
    }
}
