package dev.lockscope.probe;

import static dev.lockscope.probe.BpfAsm.*;

/**
 * The probe's three eBPF programs, assembled for this JVM (its tgid is an immediate) and this kernel
 * (task_struct offsets from BTF). All are raw-tracepoint programs: no tracefs needed. Each returns 1: raw
 * tracepoints ignore it, but a perf-attached tracepoint program returning 0 would hide the event from other perf users.
 */
final class SchedPrograms {
    /** x86_64 struct pt_regs offset of si (the futex op argument). */
    static final int PT_REGS_SI = 104;
    /** How long a thread must look off-CPU before a heartbeat counts as a missed switch-in. */
    static final int REPAIR_AFTER_NS = 2_000_000;

    private SchedPrograms() {}

    /**
     * sched_switch(preempt, prev, next, prev_state): closes prev's on-CPU interval, opens next's, counts
     * voluntary/involuntary switches. prev is the current task (its ids from bpf_get_current_pid_tgid); next's
     * ids are read from its task_struct at the BTF offsets. A prev switched out while runnable (preempted, or a yield)
     * is marked, and when it next switches in its off-CPU gap also goes to its run-queue time.
     */
    static byte[] schedSwitch(int mapFd, int tgid, int mask, int pidOff, int tgidOff) {
        int header = mask + 1;
        BpfAsm a = new BpfAsm();
        a.mov(R6, R1);
        a.movImm(R7, 0); // "now", taken only once a task of ours is involved: foreign switches pay no clock read
        // prev
        a.call(FN_GET_CURRENT_PID_TGID).mov(R1, R0).aluImm(RSH, R1, 32).jmpImm(JNE, R1, tgid, "next");
        a.mov32(R8, R0);
        a.call(FN_KTIME_GET_NS).mov(R7, R0);
        lookupSlot(a, mapFd, mask, "next");
        claimIfOther(a, "prev_owned");
        a.ldx(W, R1, R9, SlotLayout.STATE).jmpImm(JNE, R1, 1, "prev_closed");
        a.ldx(DW, R2, R9, SlotLayout.LAST_SWITCH_NS).jmpImm(JEQ, R2, 0, "prev_closed");
        a.mov(R3, R7).alu(SUB, R3, R2);
        addField(a, SlotLayout.ON_CPU_NS, R3);
        a.label("prev_closed");
        a.stx(DW, R9, SlotLayout.LAST_SWITCH_NS, R7);
        a.st(W, R9, SlotLayout.STATE, 0); // timestamp first, state second: readers load state then timestamp
        a.ldx(DW, R1, R6, 0).jmpImm(JNE, R1, 0, "involuntary");          // preempt flag
        a.ldx(DW, R1, R6, 24).jmpImm(JEQ, R1, 0, "involuntary");          // prev_state == TASK_RUNNING
        a.movImm(R3, 1);
        addField(a, SlotLayout.VOLUNTARY, R3);
        a.st(DW, R9, SlotLayout.OUT_RUNNABLE, 0);
        a.ja("next");
        a.label("involuntary");
        a.movImm(R3, 1);
        addField(a, SlotLayout.INVOLUNTARY, R3);
        a.st(DW, R9, SlotLayout.OUT_RUNNABLE, 1);
        // next
        a.label("next");
        a.ldx(DW, R8, R6, 16);
        if (tgidOff == pidOff + 4) {
            // pid and tgid are adjacent (every kernel so far): one read gets both
            a.mov(R1, R10).aluImm(ADD, R1, -8).movImm(R2, 8).mov(R3, R8).aluImm(ADD, R3, pidOff);
            a.call(FN_PROBE_READ_KERNEL).jmpImm(JNE, R0, 0, "out");
            a.ldx(W, R1, R10, -4).jmpImm(JNE, R1, tgid, "out");
        } else {
            readU32(a, R8, tgidOff, "out");
            a.ldx(W, R1, R10, -8).jmpImm(JNE, R1, tgid, "out");
            readU32(a, R8, pidOff, "out");
        }
        a.ldx(W, R8, R10, -8);
        a.jmpImm(JNE, R7, 0, "have_now");
        a.call(FN_KTIME_GET_NS).mov(R7, R0);
        a.label("have_now");
        stampClock(a, mapFd, header); // a thread of ours starts running: readers' "now" moves with it
        lookupSlot(a, mapFd, mask, "out");
        claimIfOther(a, "next_owned");
        a.ldx(W, R1, R9, SlotLayout.STATE).jmpImm(JNE, R1, 0, "next_opened");
        a.ldx(DW, R2, R9, SlotLayout.LAST_SWITCH_NS).jmpImm(JEQ, R2, 0, "next_opened");
        a.mov(R3, R7).alu(SUB, R3, R2);
        addField(a, SlotLayout.OFF_CPU_NS, R3);
        addRunQueue(a, "next_opened");
        a.label("next_opened");
        a.stx(DW, R9, SlotLayout.LAST_SWITCH_NS, R7);
        a.st(W, R9, SlotLayout.STATE, 1);
        a.movImm(R3, 1);
        addField(a, SlotLayout.SWITCH_INS, R3);
        a.label("out");
        return a.movImm(R0, 1).exit().assemble();
    }

    /**
     * sched_stat_runtime: fires at every tick (and other runtime updates) while a task runs. Whatever task is
     * being accounted, the current task is running right now, so it refreshes the current task's last-seen
     * time (freshness of "on CPU") and repairs a switch-in the VM dropped (off for over 2 ms yet running).
     */
    static byte[] heartbeat(int mapFd, int tgid, int mask) {
        BpfAsm a = new BpfAsm();
        a.call(FN_GET_CURRENT_PID_TGID).mov(R1, R0).aluImm(RSH, R1, 32).jmpImm(JNE, R1, tgid, "out");
        a.mov32(R8, R0);
        lookupSlot(a, mapFd, mask, "out");
        a.ldx(W, R1, R9, SlotLayout.TID).jmp(JNE, R1, R8, "out");
        a.call(FN_KTIME_GET_NS).mov(R7, R0);
        a.stx(DW, R9, SlotLayout.LAST_SEEN_NS, R7);
        stampClock(a, mapFd, mask + 1);
        a.ldx(W, R1, R9, SlotLayout.STATE).jmpImm(JNE, R1, 0, "out");
        a.ldx(DW, R2, R9, SlotLayout.LAST_SWITCH_NS).jmpImm(JEQ, R2, 0, "out");
        a.mov(R3, R7).alu(SUB, R3, R2).jmpImm(JLT, R3, REPAIR_AFTER_NS, "out");
        addField(a, SlotLayout.OFF_CPU_NS, R3);
        addRunQueue(a, "repaired");
        a.label("repaired");
        a.stx(DW, R9, SlotLayout.LAST_SWITCH_NS, R7);
        a.st(W, R9, SlotLayout.STATE, 1);
        a.movImm(R3, 1);
        addField(a, SlotLayout.REPAIRS, R3);
        a.label("out");
        return a.movImm(R0, 1).exit().assemble();
    }

    /** sys_enter(regs, id) filtered on futex (202): counts waits, wakes and other ops of this JVM's threads. */
    static byte[] futexEnter(int mapFd, int tgid, int mask) {
        BpfAsm a = new BpfAsm();
        a.mov(R6, R1);
        a.ldx(DW, R1, R6, 8).jmpImm(JNE, R1, (int) LibC.SYS_FUTEX, "out");
        a.call(FN_GET_CURRENT_PID_TGID).mov(R1, R0).aluImm(RSH, R1, 32).jmpImm(JNE, R1, tgid, "out");
        a.mov32(R8, R0);
        lookupSlot(a, mapFd, mask, "out");
        a.ldx(W, R1, R9, SlotLayout.TID).jmp(JNE, R1, R8, "out");
        a.ldx(DW, R3, R6, 0);
        a.aluImm(ADD, R3, PT_REGS_SI);
        a.mov(R1, R10).aluImm(ADD, R1, -16).movImm(R2, 8).call(FN_PROBE_READ_KERNEL).jmpImm(JNE, R0, 0, "out");
        a.ldx(DW, R1, R10, -16).aluImm(AND, R1, 0x7f); // FUTEX_CMD_MASK: drop PRIVATE and CLOCK_REALTIME flags
        a.movImm(R3, 1);
        a.jmpImm(JEQ, R1, 0, "wait").jmpImm(JEQ, R1, 9, "wait");
        a.jmpImm(JEQ, R1, 1, "wake").jmpImm(JEQ, R1, 10, "wake");
        addField(a, SlotLayout.FUTEX_OTHER, R3);
        a.ja("out");
        a.label("wait");
        addField(a, SlotLayout.FUTEX_WAIT, R3);
        a.ja("out");
        a.label("wake");
        addField(a, SlotLayout.FUTEX_WAKE, R3);
        a.label("out");
        return a.movImm(R0, 1).exit().assemble();
    }

    /**
     * A switch-in after an off-CPU gap R3: when the slot at R9 was switched out runnable, the gap was run-queue time;
     * either way the mark is cleared. Jumps to {@code done} when it was not. Clobbers R1, R4.
     */
    private static void addRunQueue(BpfAsm a, String done) {
        a.ldx(DW, R1, R9, SlotLayout.OUT_RUNNABLE).jmpImm(JEQ, R1, 0, done);
        addField(a, SlotLayout.RUN_QUEUE_NS, R3);
        a.st(DW, R9, SlotLayout.OUT_RUNNABLE, 0);
    }

    /** R9 = &slot[R8 & mask] (R8 holds the tid), or jump to {@code miss}. Clobbers R0-R5. */
    private static void lookupSlot(BpfAsm a, int mapFd, int mask, String miss) {
        a.mov(R1, R8).aluImm(AND, R1, mask).stx(W, R10, -4, R1);
        a.ldMapFd(R1, mapFd).mov(R2, R10).aluImm(ADD, R2, -4).call(FN_MAP_LOOKUP_ELEM);
        a.jmpImm(JEQ, R0, 0, miss).mov(R9, R0);
    }

    /** header.CLOCK_NS = R7 (now). Clobbers R0-R5; a failed lookup just skips the stamp. */
    private static void stampClock(BpfAsm a, int mapFd, int header) {
        String skip = "clock_" + a.size();
        a.st(W, R10, -4, header);
        a.ldMapFd(R1, mapFd).mov(R2, R10).aluImm(ADD, R2, -4).call(FN_MAP_LOOKUP_ELEM);
        a.jmpImm(JEQ, R0, 0, skip).stx(DW, R0, SlotLayout.CLOCK_NS, R7);
        a.label(skip);
    }

    /** If the slot at R9 belongs to another tid, take it for R8 and zero its figures. */
    private static void claimIfOther(BpfAsm a, String owned) {
        a.ldx(W, R1, R9, SlotLayout.TID).jmp(JEQ, R1, R8, owned);
        a.stx(W, R9, SlotLayout.TID, R8).st(W, R9, SlotLayout.STATE, 0);
        for (int off = SlotLayout.FIRST_ZEROED; off <= SlotLayout.LAST_ZEROED; off += 8) {
            a.st(DW, R9, off, 0);
        }
        a.label(owned);
    }

    /** slot[off] += reg (only the slot's own CPU writes it at a time: the scheduler serialises a task's switches). */
    private static void addField(BpfAsm a, int off, int reg) {
        a.ldx(DW, R4, R9, off).alu(ADD, R4, reg).stx(DW, R9, off, R4);
    }

    /** *(u32 *)(fp-8) = *(u32 *)(task + off) via bpf_probe_read_kernel, or jump to {@code fail}. */
    private static void readU32(BpfAsm a, int taskReg, int off, String fail) {
        a.mov(R1, R10).aluImm(ADD, R1, -8).movImm(R2, 4).mov(R3, taskReg).aluImm(ADD, R3, off);
        a.call(FN_PROBE_READ_KERNEL).jmpImm(JNE, R0, 0, fail);
    }
}
