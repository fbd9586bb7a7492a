package dev.lockscope.probe;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.file.Files;
import java.util.Map;
import org.junit.jupiter.api.Test;

class BtfTest {
    /** A tiny BTF blob: INT "int", an ENUM (to be skipped), STRUCT "task_struct" {int state; int pid; int tgid;}. */
    private static byte[] sample(boolean bitfieldPid) {
        String strs = "\0int\0E\0A\0task_struct\0state\0pid\0tgid\0";
        int sInt = 1, sE = 5, sA = 7, sTask = 9, sState = 21, sPid = 27, sTgid = 31;
        ByteBuffer t = ByteBuffer.allocate(256).order(ByteOrder.LITTLE_ENDIAN);
        t.putInt(sInt).putInt(1 << 24).putInt(4).putInt(32);                       // INT, 4 extra bytes
        t.putInt(sE).putInt((6 << 24) | 1).putInt(4).putInt(sA).putInt(0);          // ENUM with 1 value
        t.putInt(sTask).putInt((4 << 24) | 3 | (bitfieldPid ? 1 << 31 : 0)).putInt(12);
        t.putInt(sState).putInt(1).putInt(0);
        t.putInt(sPid).putInt(1).putInt(bitfieldPid ? (3 << 24) | 32 : 32);
        t.putInt(sTgid).putInt(1).putInt(64);
        int typeLen = t.position();
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ByteBuffer h = ByteBuffer.allocate(24).order(ByteOrder.LITTLE_ENDIAN);
        h.putShort((short) 0xeB9F).put((byte) 1).put((byte) 0).putInt(24).putInt(0).putInt(typeLen).putInt(typeLen).putInt(strs.length());
        out.writeBytes(h.array());
        out.write(t.array(), 0, typeLen);
        out.writeBytes(strs.getBytes());
        return out.toByteArray();
    }

    @Test
    void findsMemberByteOffsetsPastOtherKinds() throws IOException {
        Map<String, Integer> off = Btf.memberOffsets(sample(false), "task_struct", "pid", "tgid", "absent");
        assertThat(off).containsExactlyInAnyOrderEntriesOf(Map.of("pid", 4, "tgid", 8));
    }

    @Test
    void refusesBitfieldsAndMissingStructs() throws IOException {
        assertThat(Btf.memberOffsets(sample(true), "task_struct", "pid", "tgid")).containsOnlyKeys("tgid");
        assertThatThrownBy(() -> Btf.memberOffsets(sample(false), "mm_struct", "pid")).hasMessageContaining("not found");
        assertThatThrownBy(() -> Btf.memberOffsets(new byte[24], "task_struct", "pid")).hasMessageContaining("bad magic");
    }

    /**
     * The strings before the types, both sections longer than the read window, and the struct past many other types:
     * the names are found by offset across window edges whatever the order of the sections.
     */
    @Test
    void findsTheStructAcrossReadWindowsWithTheStringsFirst() throws IOException {
        int fillers = Btf.WINDOW / 12 + 1000; // INT types of 16 bytes each: over a window of types before the struct
        StringBuilder strs = new StringBuilder("\0");
        for (int i = 0; strs.length() < Btf.WINDOW + 5000; i++) {
            strs.append("filler_").append(i).append('\0');
        }
        int sInt = strs.length();
        strs.append("int\0");
        int sTask = strs.length();
        strs.append("task_struct\0");
        int sPid = strs.length();
        strs.append("pid\0");
        int sTgid = strs.length();
        strs.append("tgid\0");
        ByteBuffer t = ByteBuffer.allocate(fillers * 16 + 64).order(ByteOrder.BIG_ENDIAN);
        for (int i = 0; i < fillers; i++) {
            t.putInt(sInt).putInt(1 << 24).putInt(4).putInt(32);
        }
        t.putInt(sTask).putInt((4 << 24) | 3).putInt(16);
        t.putInt(sPid).putInt(1).putInt(8 * 1000);
        t.putInt(sTgid).putInt(1).putInt(8 * 1004);
        t.putInt(sTask).putInt(1).putInt(8 * 1008); // a member named like its struct: not asked for, not reported
        int typeLen = t.position();
        byte[] strBytes = strs.toString().getBytes();
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ByteBuffer h = ByteBuffer.allocate(24).order(ByteOrder.BIG_ENDIAN);
        h.putShort((short) 0xeB9F).put((byte) 1).put((byte) 0).putInt(24)
                .putInt(strBytes.length).putInt(typeLen).putInt(0).putInt(strBytes.length);
        out.writeBytes(h.array());
        out.writeBytes(strBytes);
        out.write(t.array(), 0, typeLen);
        assertThat(Btf.memberOffsets(out.toByteArray(), "task_struct", "pid", "tgid"))
                .containsExactlyInAnyOrderEntriesOf(Map.of("pid", 1000, "tgid", 1004));
    }

    @Test
    void aTruncatedBlobIsAnErrorNotAWrongOffset() {
        byte[] whole = sample(false);
        byte[] cut = java.util.Arrays.copyOf(whole, whole.length - 10);
        assertThatThrownBy(() -> Btf.memberOffsets(cut, "task_struct", "pid")).hasMessageContaining("truncated");
    }

    /** The kernel's BTF is megabytes; reading it must cost the host's heap a window, not the file. */
    @Test
    void readingTheRunningKernelsBtfAllocatesAWindowNotTheFile() throws IOException {
        assumeTrue(Files.isReadable(Btf.VMLINUX), "skipped: " + Btf.VMLINUX + " not readable");
        com.sun.management.ThreadMXBean threads = (com.sun.management.ThreadMXBean) java.lang.management.ManagementFactory.getThreadMXBean();
        Btf.memberOffsets(Btf.VMLINUX, "task_struct", "pid", "tgid"); // classes loaded, code warm
        long before = threads.getCurrentThreadAllocatedBytes();
        Btf.memberOffsets(Btf.VMLINUX, "task_struct", "pid", "tgid");
        long allocated = threads.getCurrentThreadAllocatedBytes() - before;
        long fileBytes = Files.size(Btf.VMLINUX) > 0 ? Files.size(Btf.VMLINUX) : 1 << 20;
        assertThat(allocated).as("bytes allocated reading a %d-byte BTF file", fileBytes)
                .isLessThan(4L * Btf.WINDOW).isLessThan(fileBytes);
    }

    @Test
    void readsTaskStructFromTheRunningKernel() throws IOException {
        assumeTrue(Files.isReadable(Btf.VMLINUX), "skipped: " + Btf.VMLINUX + " not readable");
        Map<String, Integer> off = Btf.memberOffsets(Btf.VMLINUX, "task_struct", "pid", "tgid");
        assertThat(off).containsKeys("pid", "tgid");
        assertThat(off.get("tgid")).isEqualTo(off.get("pid") + 4); // pid_t pid; pid_t tgid; adjacent in every kernel since 2.6
    }
}
