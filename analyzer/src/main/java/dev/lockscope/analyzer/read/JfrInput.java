package dev.lockscope.analyzer.read;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;

/**
 * One chunk's bytes with JFR's integer encodings: LEB128-style varints when the chunk header's "compressed
 * integers" feature is set, big-endian fixed width otherwise. Reads past the chunk throw
 * {@link IndexOutOfBoundsException}, which the reader turns into a "corrupt recording" message.
 */
final class JfrInput {
    private final ByteBuffer buf;
    private final boolean compressed;
    private int pos;

    JfrInput(ByteBuffer buf, boolean compressed) {
        this.buf = buf;
        this.compressed = compressed;
    }

    int position() {
        return pos;
    }

    void position(int p) {
        if (p < 0 || p > buf.limit()) {
            throw new IndexOutOfBoundsException("position " + p + " outside the chunk");
        }
        pos = p;
    }

    int limit() {
        return buf.limit();
    }

    int remaining() {
        return buf.limit() - pos;
    }

    byte readByte() {
        return buf.get(pos++);
    }

    boolean readBoolean() {
        return buf.get(pos++) != 0;
    }

    long readLong() {
        if (!compressed) {
            long v = buf.getLong(pos);
            pos += 8;
            return v;
        }
        long ret = 0;
        for (int shift = 0; shift < 56; shift += 7) {
            byte b = buf.get(pos++);
            ret |= (b & 0x7FL) << shift;
            if (b >= 0) {
                return ret;
            }
        }
        return ret | ((buf.get(pos++) & 0xFFL) << 56); // the ninth byte carries all 8 bits
    }

    int readInt() {
        if (!compressed) {
            int v = buf.getInt(pos);
            pos += 4;
            return v;
        }
        return (int) readLong();
    }

    short readShort() {
        if (!compressed) {
            short v = buf.getShort(pos);
            pos += 2;
            return v;
        }
        return (short) readLong();
    }

    char readChar() {
        if (!compressed) {
            char v = buf.getChar(pos);
            pos += 2;
            return v;
        }
        return (char) readLong();
    }

    float readFloat() {
        float v = buf.getFloat(pos);
        pos += 4;
        return v;
    }

    double readDouble() {
        double v = buf.getDouble(pos);
        pos += 8;
        return v;
    }

    /** Fixed big-endian, whatever the features say (the chunk header). */
    long rawLong(int at) {
        return buf.getLong(at);
    }

    int rawInt(int at) {
        return buf.getInt(at);
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
                byte[] b = new byte[n];
                buf.get(pos, b);
                pos += n;
                return new String(b, StandardCharsets.UTF_8);
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
                byte[] b = new byte[n];
                buf.get(pos, b);
                pos += n;
                return new String(b, StandardCharsets.ISO_8859_1);
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
