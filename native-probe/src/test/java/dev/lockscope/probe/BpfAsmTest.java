package dev.lockscope.probe;

import static dev.lockscope.probe.BpfAsm.*;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

class BpfAsmTest {
    private static String hex(byte[] b) {
        StringBuilder sb = new StringBuilder();
        for (int i = 0; i < b.length; i++) {
            sb.append(i % 8 == 0 && i > 0 ? " " : "").append(String.format("%02x", b[i]));
        }
        return sb.toString();
    }

    @Test
    void encodesInstructionsAsTheKernelDocumentsThem() {
        // r0 = 1; exit  -> b7 00 0000 01000000, 95 00 0000 00000000
        assertThat(hex(new BpfAsm().movImm(R0, 1).exit().assemble())).isEqualTo("b700000001000000 9500000000000000");
        // r6 = r1 -> bf 16: dst in the low nibble, src in the high nibble
        assertThat(hex(new BpfAsm().mov(R6, R1).assemble())).isEqualTo("bf16000000000000");
        // r2 = *(u64 *)(r9 + 8) -> 79 92 0800
        assertThat(hex(new BpfAsm().ldx(DW, R2, R9, 8).assemble())).isEqualTo("7992080000000000");
        // *(u32 *)(r10 - 4) = r1 -> 63 1a fcff
        assertThat(hex(new BpfAsm().stx(W, R10, -4, R1).assemble())).isEqualTo("631afcff00000000");
        // *(u32 *)(r9 + 4) = 1 -> 62 09 0400 01000000
        assertThat(hex(new BpfAsm().st(W, R9, 4, 1).assemble())).isEqualTo("6209040001000000");
        // r1 >>= 32 -> 77 01 0000 20000000
        assertThat(hex(new BpfAsm().aluImm(RSH, R1, 32).assemble())).isEqualTo("7701000020000000");
        // w8 = w0 (32-bit mov zero-extends) -> bc 08
        assertThat(hex(new BpfAsm().mov32(R8, R0).assemble())).isEqualTo("bc08000000000000");
        // call 14 -> 85 00 0000 0e000000
        assertThat(hex(new BpfAsm().call(FN_GET_CURRENT_PID_TGID).assemble())).isEqualTo("850000000e000000");
        // lock *(u64 *)(r9 + 64) += r3 -> db 39 4000 00000000
        assertThat(hex(new BpfAsm().atomicAdd64(R9, 64, R3).assemble())).isEqualTo("db39400000000000");
    }

    @Test
    void ldImm64TakesTwoSlotsAndMapFdUsesPseudoSource() {
        assertThat(hex(new BpfAsm().ldImm64(R1, 0x1122334455667788L).assemble()))
                .isEqualTo("1801000088776655 0000000044332211");
        assertThat(hex(new BpfAsm().ldMapFd(R1, 7).assemble())).isEqualTo("1811000007000000 0000000000000000");
    }

    @Test
    void resolvesForwardAndBackwardLabelsRelativeToTheNextInstruction() {
        byte[] code = new BpfAsm()
                .jmpImm(JNE, R1, 202, "out") // 0: skips 1 and 2 -> off = 3 - 0 - 1 = 2
                .movImm(R0, 0)               // 1
                .ja("out")                   // 2: off = 0
                .label("out")
                .movImm(R0, 1)               // 3
                .exit()
                .assemble();
        assertThat(hex(code).split(" ")[0]).isEqualTo("55010200ca000000");
        assertThat(hex(code).split(" ")[2]).isEqualTo("0500000000000000");
        byte[] loop = new BpfAsm().label("top").aluImm(ADD, R1, 1).jmpImm(JLT, R1, 10, "top").exit().assemble();
        assertThat(hex(loop).split(" ")[1]).isEqualTo("a501feff0a000000"); // off = 0 - 1 - 1 = -2
    }

    @Test
    void refusesUndefinedAndDuplicateLabels() {
        assertThatThrownBy(() -> new BpfAsm().ja("nowhere").assemble()).hasMessageContaining("undefined label: nowhere");
        assertThatThrownBy(() -> new BpfAsm().label("a").label("a")).hasMessageContaining("label defined twice");
    }

    @Test
    void probeProgramsAssembleToWholeInstructions() {
        byte[] sw = SchedPrograms.schedSwitch(3, 1234, 1023, 1264, 1268);
        byte[] hb = SchedPrograms.heartbeat(3, 1234, 1023, 1264, 1268);
        byte[] fx = SchedPrograms.futexEnter(3, 1234, 1023);
        for (byte[] p : new byte[][] {sw, hb, fx}) {
            assertThat(p.length % 8).isZero();
            // every program ends "r0 = 1; exit": a perf-attached tracepoint returning 0 would hide the event
            assertThat(hex(p)).endsWith("b700000001000000 9500000000000000");
        }
    }
}
