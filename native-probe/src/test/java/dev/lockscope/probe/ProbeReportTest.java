package dev.lockscope.probe;

import static org.assertj.core.api.Assertions.assertThat;

import dev.lockscope.testsupport.JavaCommand;
import java.util.List;
import org.junit.jupiter.api.Test;

class ProbeReportTest {
    private static final List<String> NAMES = List.of("rseq", "rseq mm_cid", "rseq sched_state", "rseq slice extension",
            "on-CPU source", "off-CPU-time source", "switch-count source", "futex-count source", "/proc sampling");

    @Test
    void reportListsEveryCapabilityWithSourceOrReason() {
        Probe p = Probe.get();
        assertThat(p.capabilities()).extracting(Capability::name).containsExactlyElementsOf(NAMES);
        for (Capability c : p.capabilities()) {
            if (c.available()) {
                assertThat(c.source()).isNotEqualTo("none");
                assertThat(c.provenance()).isNotEqualTo(Provenance.UNKNOWN);
            } else {
                assertThat(c.reason()).as(c.name()).isNotBlank();
            }
        }
        String text = p.report().text();
        for (String n : NAMES) {
            assertThat(text).contains(n);
        }
        assertThat(p.capability("rseq sched_state").available()).isFalse();
    }

    @Test
    void jsonIsWellFormedAndEscaped() {
        ProbeReport r = new ProbeReport(List.of(
                Capability.available("a", Provenance.MEASURED_EBPF, "src", "x\"y"),
                Capability.missing("b", "tab\there\nEPERM (1)")));
        String json = r.json();
        assertThat(json).contains("{\"name\":\"a\",\"available\":true,\"source\":\"src\",\"provenance\":\"measured, eBPF\",\"detail\":\"x\\\"y\",\"reason\":\"\"}");
        assertThat(json).contains("\"reason\":\"tab\\there\\nEPERM (1)\"");
        assertThat(json).endsWith("]}");
        assertThat(r.text()).contains("b  no   missing: tab\there");
    }

    @Test
    void mainRejectsBadFormatWithOneLineAndExit2() throws Exception {
        String err = JavaCommand.of(ProbeMain.class).args("--format", "yaml").run(60).expectExit(2).err();
        assertThat(err.strip()).isEqualTo("lockscope probe: --format must be text or json, not 'yaml'");
    }

    @Test
    void withoutJnaOnTheClassPathTheProbeOpensAndReportsEverythingMissing() throws Exception {
        String classes = java.nio.file.Path.of(Probe.class.getProtectionDomain().getCodeSource().getLocation().toURI()).toString();
        String out = JavaCommand.of(ProbeMain.class).classPath(classes).process().mergeErrors().run(60).ok().out();
        assertThat(out).doesNotContain("Exception in thread").doesNotContain("\tat ").doesNotContain(" yes ");
        for (String n : NAMES) {
            assertThat(out).contains(n);
        }
        assertThat(out).contains("no native access: java.lang.NoClassDefFoundError: com/sun/jna/");
    }

    @Test
    void mainPrintsJson() throws Exception {
        String out = JavaCommand.of(ProbeMain.class).args("--format", "json").run(60).ok().out();
        assertThat(out.strip()).startsWith("{\"os\":").endsWith("]}").contains("\"name\":\"futex-count source\"");
    }
}
