package dev.lockscope.probe;

import com.sun.jna.LastErrorException;
import com.sun.jna.Memory;
import java.io.IOException;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * Child JVM for {@link CloseTest}: opens the probe, lists the BPF programs/links/maps its own fds hold (from
 * /proc/self/fdinfo), closes the probe, then checks the kernel no longer knows those program ids.
 * Prints "before progs=.. links=.. maps=..", "after ..", "gone=ID,ID.." and "alive=..".
 */
public final class CloseChild {
    public static void main(String[] args) throws Exception {
        Probe p = Probe.get();
        if (args.length > 0 && args[0].equals("futex")) {
            p.futexCounting().startWindow();
        }
        List<Integer> progIds = new ArrayList<>();
        System.out.println("before " + census(progIds));
        System.out.println("oracle " + p.onCpuOracle().onCpu(p.currentTid()));
        p.close();
        System.out.println("after " + census(new ArrayList<>()));
        System.out.println("oracle " + p.onCpuOracle().onCpu(p.currentTid()) + " available=" + p.onCpuOracle().available());
        List<Integer> alive = new ArrayList<>();
        long deadline = System.nanoTime() + 3_000_000_000L; // program memory is freed after an RCU grace period
        do {
            alive.clear();
            for (int id : progIds) {
                if (progExists(id)) {
                    alive.add(id);
                }
            }
            Thread.sleep(20);
        } while (!alive.isEmpty() && System.nanoTime() < deadline);
        System.out.println("ids " + progIds);
        System.out.println("alive " + alive);
    }

    /** Counts bpf fds of this process by kind; collects program ids. */
    static String census(List<Integer> progIds) throws IOException {
        int progs = 0, links = 0, maps = 0;
        try (DirectoryStream<Path> fds = Files.newDirectoryStream(Path.of("/proc/self/fdinfo"))) {
            for (Path fd : fds) {
                String info;
                try {
                    info = Files.readString(fd);
                } catch (IOException e) {
                    continue;
                }
                if (info.contains("link_type:")) {
                    links++;
                } else if (info.contains("prog_type:")) {
                    progs++;
                    for (String line : info.split("\n")) {
                        if (line.startsWith("prog_id:")) {
                            progIds.add(Integer.parseInt(line.substring(8).trim()));
                        }
                    }
                } else if (info.contains("map_type:")) {
                    maps++;
                    for (String line : info.split("\n")) {
                        if (line.startsWith("map_id:")) {
                            progIds.add(-Integer.parseInt(line.substring(7).trim())); // negative: a map id
                        }
                    }
                }
            }
        }
        return "progs=" + progs + " links=" + links + " maps=" + maps;
    }

    /** Program id (positive) or map id (negative) still known to the kernel? */
    static boolean progExists(int id) {
        try (Memory a = new Memory(16)) {
            a.clear();
            a.setInt(0, Math.abs(id));
            int fd = (int) LibC.Loader.libc().syscall(LibC.SYS_BPF, id > 0 ? Bpf.PROG_GET_FD_BY_ID : 14 /* MAP_GET_FD_BY_ID */, a, 16);
            LibC.Loader.libc().close(fd);
            return true;
        } catch (LastErrorException e) {
            return e.getErrorCode() != 2; // ENOENT: gone
        }
    }
}
