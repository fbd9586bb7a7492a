package dev.lockscope.probe;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import dev.lockscope.testsupport.JavaCommand;
import org.junit.jupiter.api.Test;

/** close() detaches every program and frees the map: checked in a child JVM so this JVM's probe stays open. */
class CloseTest {
    static String run(String... extra) throws Exception {
        return JavaCommand.of(CloseChild.class).args(extra).process().mergeErrors().run(60).ok().out();
    }

    @Test
    void closeLeavesNoProgramAttachedAndNoMap() throws Exception {
        assumeTrue("root".equals(System.getProperty("user.name")), "skipped: needs root to load eBPF");
        for (String mode : new String[] {"plain", "futex"}) {
            String out = run(mode);
            System.out.println(mode + ":\n" + out);
            // sched_switch + sys_enter futex + heartbeat programs; links: sched_switch, heartbeat (+ futex window)
            assertThat(out).contains("before progs=3 links=" + (mode.equals("futex") ? 3 : 2) + " maps=1");
            assertThat(out).contains("oracle 1\n");
            assertThat(out).contains("after progs=0 links=0 maps=0");
            assertThat(out).contains("reads after close many, known 0");
            assertThat(out).contains("oracle -1 available=false");
            assertThat(out).containsPattern("ids \\[(?=[^\\]]*-\\d)(-?\\d+, ){3}-?\\d+\\]"); // three programs and the map (negative id)
            assertThat(out).contains("alive []");
        }
    }
}
