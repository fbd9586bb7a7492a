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
        Map<String, Integer> off = Btf.parse(sample(false)).memberOffsets("task_struct", "pid", "tgid", "absent");
        assertThat(off).containsExactlyInAnyOrderEntriesOf(Map.of("pid", 4, "tgid", 8));
    }

    @Test
    void refusesBitfieldsAndMissingStructs() throws IOException {
        assertThat(Btf.parse(sample(true)).memberOffsets("task_struct", "pid", "tgid")).containsOnlyKeys("tgid");
        assertThatThrownBy(() -> Btf.parse(sample(false)).memberOffsets("mm_struct", "pid")).hasMessageContaining("not found");
        assertThatThrownBy(() -> Btf.parse(new byte[24])).hasMessageContaining("bad magic");
    }

    @Test
    void readsTaskStructFromTheRunningKernel() throws IOException {
        assumeTrue(Files.isReadable(Btf.VMLINUX), "skipped: " + Btf.VMLINUX + " not readable");
        Map<String, Integer> off = Btf.read(Btf.VMLINUX).memberOffsets("task_struct", "pid", "tgid");
        assertThat(off).containsKeys("pid", "tgid");
        assertThat(off.get("tgid")).isEqualTo(off.get("pid") + 4); // pid_t pid; pid_t tgid; adjacent in every kernel since 2.6
    }
}
