package dev.lockscope.probe;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.Arrays;
import java.util.HashMap;
import java.util.Map;

/**
 * Just enough of a BTF reader (Documentation/bpf/btf.rst) to find the byte offset of a struct member in the
 * running kernel, e.g. {@code task_struct.pid}, from {@code /sys/kernel/btf/vmlinux}. This is what lets the
 * sched_switch program read the next task's tid/tgid without kernel headers or tracefs.
 *
 * <p>The kernel's BTF is megabytes (5.5 MB on Linux 6.18). Read whole, it was one humongous array on the host's heap
 * at every probe start, whose pages stayed in the host's RSS; it is read through one small window instead: the string
 * section once for the offsets of the wanted names, then the type section once, comparing offsets, never strings.
 */
final class Btf {
    static final Path VMLINUX = Path.of("/sys/kernel/btf/vmlinux");
    private static final int MAGIC = 0xeB9F;
    private static final int HEADER_BYTES = 24;
    private static final int KIND_STRUCT = 4;
    static final int WINDOW = 64 * 1024;

    /** Positional reads of a BTF blob. */
    private interface Source {
        /** Reads into {@code dst} from {@code position}; returns the bytes read, or -1 at the end. */
        int read(long position, ByteBuffer dst) throws IOException;
    }

    private Btf() {
    }

    /**
     * Byte offsets of the named members of the first struct called {@code struct} in a BTF file; missing members are
     * absent from the result. Bitfield members are refused (we only read whole ints).
     */
    static Map<String, Integer> memberOffsets(Path file, String struct, String... members) throws IOException {
        try (FileChannel ch = FileChannel.open(file, StandardOpenOption.READ)) {
            return memberOffsets((position, dst) -> ch.read(dst, position), struct, members);
        }
    }

    /** The same, of a BTF blob in memory. */
    static Map<String, Integer> memberOffsets(byte[] data, String struct, String... members) throws IOException {
        return memberOffsets((position, dst) -> {
            if (position >= data.length) {
                return -1;
            }
            int n = (int) Math.min(dst.remaining(), data.length - position);
            dst.put(data, (int) position, n);
            return n;
        }, struct, members);
    }

    private static Map<String, Integer> memberOffsets(Source src, String struct, String... members) throws IOException {
        ByteBuffer h = ByteBuffer.allocate(HEADER_BYTES).order(ByteOrder.LITTLE_ENDIAN);
        while (h.hasRemaining() && src.read(h.position(), h) > 0) {
            // fill the header
        }
        if (h.position() < HEADER_BYTES) {
            throw new IOException("not BTF (shorter than its header)");
        }
        if ((h.getShort(0) & 0xffff) != MAGIC) {
            h.order(ByteOrder.BIG_ENDIAN);
            if ((h.getShort(0) & 0xffff) != MAGIC) {
                throw new IOException("not BTF (bad magic)");
            }
        }
        long hdrLen = h.getInt(4) & 0xffffffffL;
        long typeStart = hdrLen + (h.getInt(8) & 0xffffffffL);
        long typeEnd = typeStart + (h.getInt(12) & 0xffffffffL);
        long strStart = hdrLen + (h.getInt(16) & 0xffffffffL);
        long strEnd = strStart + (h.getInt(20) & 0xffffffffL);

        Map<Integer, String> names = stringOffsets(new Window(src, h.order(), strEnd), strStart, strEnd, struct, members);
        Window types = new Window(src, h.order(), typeEnd);
        Map<String, Integer> found = new HashMap<>();
        for (long p = typeStart; p < typeEnd; ) {
            int nameOff = types.intAt(p);
            int info = types.intAt(p + 4);
            int vlen = info & 0xffff;
            int kind = (info >>> 24) & 0x1f;
            boolean kindFlag = (info >>> 31) != 0;
            long body = p + 12;
            if (kind == KIND_STRUCT && struct.equals(names.get(nameOff))) {
                for (int i = 0; i < vlen; i++) {
                    long m = body + i * 12L;
                    String name = names.get(types.intAt(m));
                    int offset = types.intAt(m + 8);
                    int bitOffset = kindFlag ? offset & 0xffffff : offset;
                    int bitSize = kindFlag ? offset >>> 24 : 0;
                    // The names map also holds the struct's own name: only asked-for members are reported.
                    if (name != null && Arrays.asList(members).contains(name) && bitSize == 0 && bitOffset % 8 == 0) {
                        found.put(name, bitOffset / 8);
                    }
                }
                return found;
            }
            p = body + extraBytes(kind, vlen);
        }
        throw new IOException("struct " + struct + " not found in BTF");
    }

    /**
     * The string section's offsets (relative to it, as types name them) of the wanted names, in one pass that compares
     * bytes (a String per kernel string would be megabytes of garbage).
     */
    private static Map<Integer, String> stringOffsets(Window w, long start, long end, String struct, String... members)
            throws IOException {
        String[] names = new String[members.length + 1];
        names[0] = struct;
        System.arraycopy(members, 0, names, 1, members.length);
        byte[][] wanted = new byte[names.length][];
        int longest = 0;
        for (int i = 0; i < names.length; i++) {
            wanted[i] = names[i].getBytes(StandardCharsets.US_ASCII);
            longest = Math.max(longest, wanted[i].length);
        }
        Map<Integer, String> out = new HashMap<>();
        byte[] cur = new byte[longest];
        int len = 0;
        long begin = start;
        for (long p = start; p < end; p++) {
            byte b = w.byteAt(p);
            if (b != 0) {
                if (len < longest) {
                    cur[len] = b;
                }
                len++;
                continue;
            }
            for (int i = 0; i < wanted.length; i++) {
                if (wanted[i].length == len && Arrays.equals(cur, 0, len, wanted[i], 0, len)) {
                    out.put((int) (begin - start), names[i]);
                    break;
                }
            }
            len = 0;
            begin = p + 1;
        }
        return out;
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

    /** A sliding window over a section, read forward; {@code end} is where the section stops. */
    private static final class Window {
        private final Source src;
        private final ByteBuffer buf;
        private final long end;
        private long start = -1;
        private int valid;

        Window(Source src, ByteOrder order, long end) {
            this.src = src;
            this.buf = ByteBuffer.allocate(WINDOW).order(order);
            this.end = end;
        }

        int intAt(long p) throws IOException {
            fill(p, 4);
            return buf.getInt((int) (p - start));
        }

        byte byteAt(long p) throws IOException {
            fill(p, 1);
            return buf.get((int) (p - start));
        }

        private void fill(long p, int n) throws IOException {
            if (start >= 0 && p >= start && p + n <= start + valid) {
                return;
            }
            if (p + n > end) {
                throw new IOException("BTF truncated at byte " + p);
            }
            int want = (int) Math.min(WINDOW, end - p);
            buf.clear().limit(want);
            int got = 0;
            while (got < want) {
                int r = src.read(p + got, buf);
                if (r <= 0) {
                    break;
                }
                got += r;
            }
            if (got < n) {
                throw new IOException("BTF truncated at byte " + (p + got));
            }
            start = p;
            valid = got;
        }
    }
}
