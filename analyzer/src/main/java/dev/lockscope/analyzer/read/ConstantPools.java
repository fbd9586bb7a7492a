package dev.lockscope.analyzer.read;

import dev.lockscope.analyzer.read.JfrMetadata.Field;
import dev.lockscope.analyzer.read.JfrMetadata.Type;
import java.util.HashMap;
import java.util.Map;

/**
 * One chunk's constant pools, indexed lazily: a checkpoint's entries are walked once (they have no size prefix,
 * so the metadata says how to step over each) and only their byte offsets are kept; an entry is decoded when
 * an event first refers to it. Values decode generically: a struct becomes {@code Object[]} in field order, a
 * constant-pool reference a {@code Long} key, an array {@code Object[]}.
 */
final class ConstantPools implements JfrInput.StringPool {
    private static final int MAX_DEPTH = 32;

    private final JfrInput in;
    private final JfrMetadata metadata;
    private final Map<Long, LongIntMap> offsets = new HashMap<>();
    private final Map<Long, String> strings = new HashMap<>();
    private final Type stringType;

    ConstantPools(JfrInput in, JfrMetadata metadata) {
        this.in = in;
        this.metadata = metadata;
        this.stringType = metadata.type("java.lang.String");
    }

    /** Indexes the checkpoint event whose fields start at the input's position (after size and type id). */
    void indexCheckpoint() {
        in.readLong(); // start time
        in.readLong(); // duration
        in.readLong(); // delta to the previous checkpoint (we read them in file order instead)
        in.readByte(); // checkpoint kind (flush, chunk header, statics, thread)
        int pools = in.readCount();
        for (int i = 0; i < pools; i++) {
            long typeId = in.readLong();
            Type type = metadata.type(typeId);
            if (type == null) {
                throw new IndexOutOfBoundsException("constant pool of unknown type " + typeId);
            }
            LongIntMap index = offsets.computeIfAbsent(typeId, k -> new LongIntMap());
            int count = in.readCount();
            for (int j = 0; j < count; j++) {
                long key = in.readLong();
                index.put(key, in.position());
                skipType(type, 0);
                in.checkInside();
            }
        }
    }

    /** The pool entry {@code key} of {@code type} as decoded by {@link #readType}, or null when absent. */
    Object entry(Type type, long key) {
        if (type == null) {
            return null;
        }
        LongIntMap index = offsets.get(type.id);
        int at = index == null ? -1 : index.get(key);
        if (at < 0) {
            return null;
        }
        int saved = in.position();
        try {
            in.position(at);
            Object v = readType(type, 0);
            in.checkInside();
            return v;
        } finally {
            in.position(saved);
        }
    }

    @Override
    public String string(long key) {
        String s = strings.get(key);
        if (s == null && !strings.containsKey(key)) {
            Object v = entry(stringType, key);
            s = v instanceof String ? (String) v : null;
            strings.put(key, s);
        }
        return s;
    }

    /** Reads one field's value (array or single). */
    Object readField(Field f, int depth) {
        if (!f.array) {
            return readSingle(f, depth);
        }
        int n = in.readCount();
        Object[] a = new Object[n];
        for (int i = 0; i < n; i++) {
            a[i] = readSingle(f, depth);
        }
        return a;
    }

    private Object readSingle(Field f, int depth) {
        return f.constantPool ? (Object) in.readLong() : readType(f.type, depth);
    }

    Object readType(Type t, int depth) {
        switch (t.kind) {
            case JfrMetadata.BOOLEAN: return in.readBoolean();
            case JfrMetadata.BYTE: return in.readByte();
            case JfrMetadata.CHAR: return in.readChar();
            case JfrMetadata.SHORT: return in.readShort();
            case JfrMetadata.INT: return in.readInt();
            case JfrMetadata.LONG: return in.readLong();
            case JfrMetadata.FLOAT: return in.readFloat();
            case JfrMetadata.DOUBLE: return in.readDouble();
            case JfrMetadata.STRING: return in.readString(this);
            default:
                if (depth > MAX_DEPTH) {
                    throw new IndexOutOfBoundsException("type " + t.name + " nests itself");
                }
                Object[] v = new Object[t.fields.size()];
                for (int i = 0; i < v.length; i++) {
                    v[i] = readField(t.fields.get(i), depth + 1);
                }
                return v;
        }
    }

    void skipField(Field f, int depth) {
        int n = f.array ? in.readCount() : 1;
        for (int i = 0; i < n; i++) {
            if (f.constantPool) {
                in.readLong();
            } else {
                skipType(f.type, depth);
            }
        }
    }

    void skipType(Type t, int depth) {
        switch (t.kind) {
            case JfrMetadata.BOOLEAN:
            case JfrMetadata.BYTE:
                in.skip(1);
                return;
            case JfrMetadata.CHAR:
                in.readChar();
                return;
            case JfrMetadata.SHORT:
                in.readShort();
                return;
            case JfrMetadata.INT:
                in.readInt();
                return;
            case JfrMetadata.LONG:
                in.readLong();
                return;
            case JfrMetadata.FLOAT:
                in.skip(4);
                return;
            case JfrMetadata.DOUBLE:
                in.skip(8);
                return;
            case JfrMetadata.STRING:
                in.skipString();
                return;
            default:
                if (depth > MAX_DEPTH) {
                    throw new IndexOutOfBoundsException("type " + t.name + " nests itself");
                }
                for (Field f : t.fields) {
                    skipField(f, depth + 1);
                }
        }
    }
}
