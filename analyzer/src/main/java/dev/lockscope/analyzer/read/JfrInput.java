package dev.lockscope.analyzer.read;

import java.nio.charset.StandardCharsets;

/**
 * One chunk's bytes with JFR's integer encodings: LEB128-style varints when the chunk header's "compressed
 * integers" feature is set, big-endian fixed width otherwise. Reads past the chunk throw
 * {@link IndexOutOfBoundsException}, which the reader turns into a "corrupt recording" message.
 */
final class JfrInput {
    private final byte[] a;
    private final int limit;
    private final boolean compressed;
    private int pos;

    /** The chunk is {@code a[0, limit)}; the array may be longer (it is reused from chunk to chunk). */
    JfrInput(byte[] a, int limit, boolean compressed) {
        this.a = a;
        this.limit = limit;
        this.compressed = compressed;
    }

    int position() {
        return pos;
    }

    void position(int p) {
        if (p < 0 || p > limit) {
            throw new IndexOutOfBoundsException("position " + p + " outside the chunk");
        }
        pos = p;
    }

    int limit() {
        return limit;
    }

    int remaining() {
        return limit - pos;
    }

    /** Fails when a value read ran past the chunk's end (reads stay inside the array, which may be longer). */
    void checkInside() {
        if (pos > limit) {
            throw new IndexOutOfBoundsException("a value runs past the chunk's end");
        }
    }

    /** True when bytes {@code [from, to)} of the chunk equal {@code other}. */
    boolean sameBytes(int from, int to, byte[] other) {
        return from >= 0 && from <= to && to <= limit
                && java.util.Arrays.equals(a, from, to, other, 0, other.length);
    }

    byte[] copy(int from, int to) {
        if (from < 0 || from > to || to > limit) {
            throw new IndexOutOfBoundsException("range " + from + ".." + to + " outside the chunk");
        }
        return java.util.Arrays.copyOfRange(a, from, to);
    }

    byte readByte() {
        return a[pos++];
    }

    boolean readBoolean() {
        return a[pos++] != 0;
    }

    long readLong() {
        if (!compressed) {
            long v = rawLong(pos);
            pos += 8;
            return v;
        }
        byte b = a[pos++];
        if (b >= 0) {
            return b; // most values (sizes, type ids, small keys) fit in one byte
        }
        long ret = b & 0x7FL;
        for (int shift = 7; shift < 56; shift += 7) {
            b = a[pos++];
            ret |= (b & 0x7FL) << shift;
            if (b >= 0) {
                return ret;
            }
        }
        return ret | ((a[pos++] & 0xFFL) << 56); // the ninth byte carries all 8 bits
    }

    int readInt() {
        if (!compressed) {
            int v = rawInt(pos);
            pos += 4;
            return v;
        }
        return (int) readLong();
    }

    short readShort() {
        if (!compressed) {
            short v = (short) (((a[pos] & 0xFF) << 8) | (a[pos + 1] & 0xFF));
            pos += 2;
            return v;
        }
        return (short) readLong();
    }

    char readChar() {
        if (!compressed) {
            char v = (char) (((a[pos] & 0xFF) << 8) | (a[pos + 1] & 0xFF));
            pos += 2;
            return v;
        }
        return (char) readLong();
    }

    float readFloat() {
        float v = Float.intBitsToFloat(rawInt(pos));
        pos += 4;
        return v;
    }

    double readDouble() {
        double v = Double.longBitsToDouble(rawLong(pos));
        pos += 8;
        return v;
    }

    /** Fixed big-endian, whatever the features say (the chunk header). */
    long rawLong(int at) {
        return ((long) rawInt(at) << 32) | (rawInt(at + 4) & 0xFFFFFFFFL);
    }

    int rawInt(int at) {
        if (at < 0 || at + 4 > limit) {
            throw new IndexOutOfBoundsException("read at " + at + " outside the chunk");
        }
        return ((a[at] & 0xFF) << 24) | ((a[at + 1] & 0xFF) << 16) | ((a[at + 2] & 0xFF) << 8) | (a[at + 3] & 0xFF);
    }

    void skip(long n) {
        if (n < 0 || n > remaining()) {
            throw new IndexOutOfBoundsException("skip of " + n + " bytes past the chunk's end");
        }
        pos += (int) n;
    }

    /** A count read from the data, checked against the bytes left so a corrupt count cannot allocate or loop wildly. */
    int readCount() {
        long n = readInt() & 0xFFFFFFFFL;
        if (n > remaining()) {
            throw new IndexOutOfBoundsException("count " + n + " larger than the chunk's remaining bytes");
        }
        return (int) n;
    }

    /** Encodings of a string value (first byte). */
    static final int STRING_NULL = 0;
    static final int STRING_EMPTY = 1;
    static final int STRING_POOL = 2;
    static final int STRING_UTF8 = 3;
    static final int STRING_CHARS = 4;
    static final int STRING_LATIN1 = 5;

    /** A string that is not a pool reference; {@code pool} resolves encoding 2 (may be null to get "?"). */
    String readString(StringPool pool) {
        byte enc = readByte();
        switch (enc) {
            case STRING_NULL:
                return null;
            case STRING_EMPTY:
                return "";
            case STRING_POOL: {
                long key = readLong();
                return pool == null ? null : pool.string(key);
            }
            case STRING_UTF8: {
                int n = readCount();
                String v = new String(a, pos, n, StandardCharsets.UTF_8);
                pos += n;
                return v;
            }
            case STRING_CHARS: {
                int n = readCount();
                char[] c = new char[n];
                for (int i = 0; i < n; i++) {
                    c[i] = readChar();
                }
                return new String(c);
            }
            case STRING_LATIN1: {
                int n = readCount();
                String v = new String(a, pos, n, StandardCharsets.ISO_8859_1);
                pos += n;
                return v;
            }
            default:
                throw new IndexOutOfBoundsException("unknown string encoding " + enc + " at byte " + (pos - 1));
        }
    }

    void skipString() {
        byte enc = readByte();
        switch (enc) {
            case STRING_NULL:
            case STRING_EMPTY:
                return;
            case STRING_POOL:
                readLong();
                return;
            case STRING_UTF8:
            case STRING_LATIN1:
                skip(readCount());
                return;
            case STRING_CHARS: {
                int n = readCount();
                for (int i = 0; i < n; i++) {
                    readChar();
                }
                return;
            }
            default:
                throw new IndexOutOfBoundsException("unknown string encoding " + enc + " at byte " + (pos - 1));
        }
    }

    /** Resolves string pool references (encoding 2). */
    interface StringPool {
        String string(long key);
    }
}
