package dev.lockscope.probe;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;

/**
 * Just enough of a BTF reader (Documentation/bpf/btf.rst) to find the byte offset of a struct member in the
 * running kernel, e.g. {@code task_struct.pid}, from {@code /sys/kernel/btf/vmlinux}. This is what lets the
 * sched_switch program read the next task's tid/tgid without kernel headers or tracefs.
 */
final class Btf {
    static final Path VMLINUX = Path.of("/sys/kernel/btf/vmlinux");
    private static final int MAGIC = 0xeB9F;
    private static final int KIND_STRUCT = 4;

    private final ByteBuffer types;
    private final ByteBuffer strings;

    private Btf(ByteBuffer types, ByteBuffer strings) {
        this.types = types;
        this.strings = strings;
    }

    static Btf read(Path file) throws IOException {
        return parse(Files.readAllBytes(file));
    }

    static Btf parse(byte[] data) throws IOException {
        ByteBuffer b = ByteBuffer.wrap(data).order(ByteOrder.LITTLE_ENDIAN);
        if ((b.getShort(0) & 0xffff) != MAGIC) {
            b.order(ByteOrder.BIG_ENDIAN);
            if ((b.getShort(0) & 0xffff) != MAGIC) {
                throw new IOException("not BTF (bad magic)");
            }
        }
        int hdrLen = b.getInt(4);
        int typeOff = b.getInt(8), typeLen = b.getInt(12), strOff = b.getInt(16), strLen = b.getInt(20);
        ByteBuffer t = slice(b, hdrLen + typeOff, typeLen);
        ByteBuffer s = slice(b, hdrLen + strOff, strLen);
        return new Btf(t, s);
    }

    private static ByteBuffer slice(ByteBuffer b, int off, int len) {
        ByteBuffer d = b.duplicate();
        d.position(off).limit(off + len);
        return d.slice().order(b.order());
    }

    /**
     * Byte offsets of the named members of the first struct called {@code struct}; missing members are absent
     * from the result. Bitfield members are refused (we only read whole ints).
     */
    Map<String, Integer> memberOffsets(String struct, String... members) throws IOException {
        Map<String, Integer> found = new HashMap<>();
        int p = 0;
        int limit = types.limit();
        while (p < limit) {
            int nameOff = types.getInt(p);
            int info = types.getInt(p + 4);
            int vlen = info & 0xffff;
            int kind = (info >>> 24) & 0x1f;
            boolean kindFlag = (info >>> 31) != 0;
            int body = p + 12;
            if (kind == KIND_STRUCT && struct.equals(string(nameOff))) {
                for (int i = 0; i < vlen; i++) {
                    int m = body + i * 12;
                    String name = string(types.getInt(m));
                    int offset = types.getInt(m + 8);
                    int bitOffset = kindFlag ? offset & 0xffffff : offset;
                    int bitSize = kindFlag ? offset >>> 24 : 0;
                    for (String want : members) {
                        if (want.equals(name) && bitSize == 0 && bitOffset % 8 == 0) {
                            found.put(want, bitOffset / 8);
                        }
                    }
                }
                return found;
            }
            p = body + extraBytes(kind, vlen);
        }
        throw new IOException("struct " + struct + " not found in BTF");
    }

    /** Size of the data following a type's 12-byte header, per kind. */
    private static int extraBytes(int kind, int vlen) throws IOException {
        switch (kind) {
            case 1: return 4;                  // INT
            case 2: case 7: case 8: case 9: case 10: case 11: case 12: case 16: case 18: return 0; // PTR FWD TYPEDEF VOLATILE CONST RESTRICT FUNC FLOAT TYPE_TAG
            case 3: return 12;                 // ARRAY
            case 4: case 5: return vlen * 12;  // STRUCT UNION
            case 6: return vlen * 8;           // ENUM
            case 13: return vlen * 8;          // FUNC_PROTO
            case 14: return 4;                 // VAR
            case 15: return vlen * 12;         // DATASEC
            case 17: return 4;                 // DECL_TAG
            case 19: return vlen * 12;         // ENUM64
            default: throw new IOException("unknown BTF kind " + kind);
        }
    }

    private String string(int off) {
        int end = off;
        while (end < strings.limit() && strings.get(end) != 0) {
            end++;
        }
        byte[] bytes = new byte[end - off];
        for (int i = 0; i < bytes.length; i++) {
            bytes[i] = strings.get(off + i);
        }
        return new String(bytes, StandardCharsets.US_ASCII);
    }
}
