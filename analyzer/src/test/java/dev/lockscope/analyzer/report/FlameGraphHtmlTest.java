package dev.lockscope.analyzer.report;

import static org.assertj.core.api.Assertions.assertThat;

import dev.lockscope.analyzer.report.Report.FlameNode;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.util.List;
import org.junit.jupiter.api.Test;

class FlameGraphHtmlTest {
    @Test
    void twoSpinsOfOneLambdaBecomeOneFrameWithTheirWaitAddedUp() {
        FlameNode leaf1 = new FlameNode("a.A.lambda$m$0:5", 30, List.of());
        FlameNode leaf2 = new FlameNode("a.A.lambda$m$0:5", 20, List.of());
        FlameNode root = new FlameNode("all", 60, List.of(
                new FlameNode("a.A$$Lambda$1+0x00007f0000001000.111.run", 30, List.of(leaf1)),
                new FlameNode("a.A$$Lambda$2+0x00007f0000002000.222.run", 20, List.of(leaf2)),
                new FlameNode("a.B.<script>:1", 10, List.of())));
        FlameGraphHtml flames = new FlameGraphHtml();
        StringWriter w = new StringWriter();
        PrintWriter out = new PrintWriter(w, true);
        flames.render("L1", root, out);
        flames.finish(out);
        String page = w.toString();
        // Names once, cleaned; the tree as [name index, nanos, children...], heaviest first.
        assertThat(page).contains("<script type=\"application/json\" class=\"flame-data\">[0,60,[1,50,[2,50]],[3,10]]"
                + "</script>").contains("<script type=\"application/json\" id=\"frame-names\">[\"all\","
                + "\"a.A$$Lambda.run\",\"a.A.lambda$m$0:5\",\"a.B.\\u003cscript\\u003e:1\"]</script>");
        assertThat(page).contains("id=\"flame-L1\"").doesNotContain("0x00007f");
    }
}
