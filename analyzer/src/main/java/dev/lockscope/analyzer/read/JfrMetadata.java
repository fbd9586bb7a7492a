package dev.lockscope.analyzer.read;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * A chunk's metadata event: every type's id, name and fields (their type, whether they refer to a constant pool,
 * whether they are arrays). It drives the generic decoding of constant pools, whose entries carry no size.
 */
final class JfrMetadata {

    /** Primitive kinds; {@code STRUCT} is any type with fields. */
    static final int BOOLEAN = 1;
    static final int BYTE = 2;
    static final int CHAR = 3;
    static final int SHORT = 4;
    static final int INT = 5;
    static final int LONG = 6;
    static final int FLOAT = 7;
    static final int DOUBLE = 8;
    static final int STRING = 9;
    static final int STRUCT = 10;

    static final class Type {
        final long id;
        final String name;
        final List<Field> fields = new ArrayList<>();
        int kind = STRUCT;

        Type(long id, String name) {
            this.id = id;
            this.name = name;
        }

        int fieldIndex(String fieldName) {
            for (int i = 0; i < fields.size(); i++) {
                if (fields.get(i).name.equals(fieldName)) {
                    return i;
                }
            }
            return -1;
        }
    }

    static final class Field {
        final String name;
        final long typeId;
        final boolean constantPool;
        final boolean array;
        Type type;

        Field(String name, long typeId, boolean constantPool, boolean array) {
            this.name = name;
            this.typeId = typeId;
            this.constantPool = constantPool;
            this.array = array;
        }
    }

    private final Map<Long, Type> byId = new HashMap<>();
    private final Map<String, Type> byName = new HashMap<>();

    Type type(long id) {
        return byId.get(id);
    }

    Type type(String name) {
        return byName.get(name);
    }

    Map<Long, Type> types() {
        return byId;
    }

    /** Parses the metadata event at the input's position. */
    static JfrMetadata read(JfrInput in) {
        in.readInt(); // size
        long typeId = in.readLong();
        if (typeId != 0) {
            throw new IndexOutOfBoundsException("no metadata event where the chunk header points (type " + typeId + ")");
        }
        in.readLong(); // start time
        in.readLong(); // duration
        in.readLong(); // metadata id
        int n = in.readCount();
        String[] strings = new String[n];
        for (int i = 0; i < n; i++) {
            strings[i] = in.readString(null);
        }
        JfrMetadata md = new JfrMetadata();
        md.element(in, strings, null, 0);
        in.checkInside();
        for (Type t : md.byId.values()) {
            for (Field f : t.fields) {
                f.type = md.byId.get(f.typeId);
                if (f.type == null) {
                    throw new IndexOutOfBoundsException("field " + t.name + "." + f.name + " has unknown type " + f.typeId);
                }
            }
        }
        return md;
    }

    /** Reads one element and its children; "class" elements become types, their "field" children fields. */
    private void element(JfrInput in, String[] strings, Type owner, int depth) {
        if (depth > 16) {
            throw new IndexOutOfBoundsException("metadata nested deeper than any JDK writes");
        }
        String name = str(strings, in.readInt());
        int attributes = in.readCount();
        Map<String, String> attr = new HashMap<>();
        for (int i = 0; i < attributes; i++) {
            attr.put(str(strings, in.readInt()), str(strings, in.readInt()));
        }
        Type current = owner;
        if ("class".equals(name)) {
            current = new Type(Long.parseLong(attr.get("id")), attr.get("name"));
            current.kind = primitiveKind(current.name);
            byId.put(current.id, current);
            byName.put(current.name, current);
        } else if ("field".equals(name) && owner != null) {
            owner.fields.add(new Field(attr.get("name"), Long.parseLong(attr.get("class")),
                    "true".equals(attr.get("constantPool")), attr.containsKey("dimension")
                            && !"0".equals(attr.get("dimension"))));
            current = null; // a field's children are annotations
        } else if (!"metadata".equals(name) && !"root".equals(name)) {
            current = null;
        }
        int children = in.readCount();
        for (int i = 0; i < children; i++) {
            element(in, strings, "field".equals(name) || "annotation".equals(name) || "setting".equals(name)
                    ? null : current, depth + 1);
        }
    }

    private static String str(String[] strings, int i) {
        if (i < 0 || i >= strings.length) {
            throw new IndexOutOfBoundsException("metadata string index " + i + " out of range");
        }
        return strings[i];
    }

    private static int primitiveKind(String name) {
        switch (name) {
            case "boolean": return BOOLEAN;
            case "byte": return BYTE;
            case "char": return CHAR;
            case "short": return SHORT;
            case "int": return INT;
            case "long": return LONG;
            case "float": return FLOAT;
            case "double": return DOUBLE;
            case "java.lang.String": return STRING;
            default: return STRUCT;
        }
    }
}
