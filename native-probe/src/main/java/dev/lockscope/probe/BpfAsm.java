package dev.lockscope.probe;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * A small eBPF assembler: emits the 8-byte instructions of the kernel's BPF ISA
 * (Documentation/bpf/standardization/instruction-set.rst), with named labels for forward jumps.
 * Only what the probe's programs need; each method is one instruction (ld_imm64 is two slots).
 */
final class BpfAsm {
    // instruction classes
    static final int LD = 0x00, LDX = 0x01, ST = 0x02, STX = 0x03, ALU = 0x04, JMP = 0x05, ALU64 = 0x07;
    // sizes
    static final int W = 0x00, H = 0x08, B = 0x10, DW = 0x18;
    // modes
    static final int IMM = 0x00, MEM = 0x60, ATOMIC = 0xc0;
    // source operand
    static final int K = 0x00, X = 0x08;
    // ALU ops
    static final int ADD = 0x00, SUB = 0x10, MUL = 0x20, OR = 0x40, AND = 0x50, LSH = 0x60, RSH = 0x70, MOV = 0xb0;
    // jump ops
    static final int JA = 0x00, JEQ = 0x10, JGT = 0x20, JGE = 0x30, JNE = 0x50, CALL = 0x80, EXIT = 0x90, JLT = 0xa0;
    /** ld_imm64 src_reg meaning "imm is a map fd". */
    static final int PSEUDO_MAP_FD = 1;
    // registers
    static final int R0 = 0, R1 = 1, R2 = 2, R3 = 3, R4 = 4, R5 = 5, R6 = 6, R7 = 7, R8 = 8, R9 = 9, R10 = 10;
    // helper ids (include/uapi/linux/bpf.h, __BPF_FUNC_MAPPER order)
    static final int FN_MAP_LOOKUP_ELEM = 1, FN_KTIME_GET_NS = 5, FN_GET_CURRENT_PID_TGID = 14, FN_PROBE_READ_KERNEL = 113;

    private final List<long[]> insns = new ArrayList<>(); // {opcode, dst, src, off, imm}
    private final Map<String, Integer> labels = new HashMap<>();
    private final Map<Integer, String> fixups = new HashMap<>();

    private BpfAsm emit(int op, int dst, int src, int off, int imm) {
        insns.add(new long[] {op, dst, src, off, imm});
        return this;
    }

    /** dst = imm (64-bit mov of a sign-extended 32-bit immediate). */
    BpfAsm movImm(int dst, int imm) { return emit(ALU64 | MOV | K, dst, 0, 0, imm); }

    /** dst = src. */
    BpfAsm mov(int dst, int src) { return emit(ALU64 | MOV | X, dst, src, 0, 0); }

    /** dst = (u32) src: a 32-bit mov zero-extends. */
    BpfAsm mov32(int dst, int src) { return emit(ALU | MOV | X, dst, src, 0, 0); }

    /** 64-bit ALU op with an immediate, e.g. {@code alu(RSH, R0, 32)}. */
    BpfAsm aluImm(int op, int dst, int imm) { return emit(ALU64 | op | K, dst, 0, 0, imm); }

    /** 64-bit ALU op with a register. */
    BpfAsm alu(int op, int dst, int src) { return emit(ALU64 | op | X, dst, src, 0, 0); }

    /** dst = *(size *)(src + off). */
    BpfAsm ldx(int size, int dst, int src, int off) { return emit(LDX | MEM | size, dst, src, off, 0); }

    /** *(size *)(dst + off) = src. */
    BpfAsm stx(int size, int dst, int off, int src) { return emit(STX | MEM | size, dst, src, off, 0); }

    /** *(size *)(dst + off) = imm. */
    BpfAsm st(int size, int dst, int off, int imm) { return emit(ST | MEM | size, dst, 0, off, imm); }

    /** Atomic *(u64 *)(dst + off) += src (so concurrent CPUs cannot lose an increment). */
    BpfAsm atomicAdd64(int dst, int off, int src) { return emit(STX | ATOMIC | DW, dst, src, off, ADD); }

    /** dst = 64-bit immediate (two instruction slots). */
    BpfAsm ldImm64(int dst, long imm) {
        emit(LD | IMM | DW, dst, 0, 0, (int) imm);
        return emit(0, 0, 0, 0, (int) (imm >>> 32));
    }

    /** dst = address of the map whose fd is {@code fd} (verifier resolves it). */
    BpfAsm ldMapFd(int dst, int fd) {
        emit(LD | IMM | DW, dst, PSEUDO_MAP_FD, 0, fd);
        return emit(0, 0, 0, 0, 0);
    }

    /** if (dst op imm) goto label. */
    BpfAsm jmpImm(int op, int dst, int imm, String label) {
        fixups.put(insns.size(), label);
        return emit(JMP | op | K, dst, 0, 0, imm);
    }

    /** if (dst op src) goto label. */
    BpfAsm jmp(int op, int dst, int src, String label) {
        fixups.put(insns.size(), label);
        return emit(JMP | op | X, dst, src, 0, 0);
    }

    /** goto label. */
    BpfAsm ja(String label) {
        fixups.put(insns.size(), label);
        return emit(JMP | JA, 0, 0, 0, 0);
    }

    BpfAsm call(int helper) { return emit(JMP | CALL, 0, 0, 0, helper); }

    BpfAsm exit() { return emit(JMP | EXIT, 0, 0, 0, 0); }

    /** Marks the next instruction with {@code name}. */
    BpfAsm label(String name) {
        if (labels.putIfAbsent(name, insns.size()) != null) {
            throw new IllegalStateException("label defined twice: " + name);
        }
        return this;
    }

    int size() { return insns.size(); }

    /** The program as little-endian instruction bytes, labels resolved. */
    byte[] assemble() {
        ByteBuffer out = ByteBuffer.allocate(insns.size() * 8).order(ByteOrder.LITTLE_ENDIAN);
        for (int i = 0; i < insns.size(); i++) {
            long[] in = insns.get(i);
            int off = (int) in[3];
            String target = fixups.get(i);
            if (target != null) {
                Integer at = labels.get(target);
                if (at == null) {
                    throw new IllegalStateException("undefined label: " + target);
                }
                off = at - i - 1; // jump offsets count from the next instruction
                if (off < Short.MIN_VALUE || off > Short.MAX_VALUE) {
                    throw new IllegalStateException("jump too far: " + target);
                }
            }
            out.put((byte) in[0]);
            out.put((byte) ((in[1] & 0xf) | ((in[2] & 0xf) << 4)));
            out.putShort((short) off);
            out.putInt((int) in[4]);
        }
        return out.array();
    }
}
