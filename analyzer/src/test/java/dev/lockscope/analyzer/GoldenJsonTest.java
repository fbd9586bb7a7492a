package dev.lockscope.analyzer;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

/** The golden comparison itself: what it ignores, and how it names the first difference. */
class GoldenJsonTest {

    @Test
    void ignoresTheVersionAndTheRecordingsDirectoryOnly() throws Exception {
        String a = GoldenJson.normalize("{\"tool\":\"lockscope 0.1.0\",\"recordings\":[{\"file\":\"/home/a/x.jfr\",\"pid\":1}]}");
        String b = GoldenJson.normalize("{\"tool\":\"lockscope 0.2.0\",\"recordings\":[{\"file\":\"/tmp/b/x.jfr\",\"pid\":1}]}");
        assertThat(GoldenJson.firstDifference(a, b)).isNull();
        assertThat(a).contains(GoldenJson.VERSION_IGNORED).contains("\"x.jfr\"");
        String otherPid = GoldenJson.normalize("{\"tool\":\"lockscope 0.1.0\",\"recordings\":[{\"file\":\"x.jfr\",\"pid\":2}]}");
        assertThat(GoldenJson.firstDifference(a, otherPid)).isEqualTo("/recordings/0/pid: expected 1, got 2");
    }

    @Test
    void namesTheFirstDifferingPath() throws Exception {
        String golden = "{\"locks\":[{\"id\":1,\"waits\":10},{\"id\":2,\"waits\":5}],\"notes\":[]}";
        assertThat(GoldenJson.firstDifference(golden, golden)).isNull();
        assertThat(GoldenJson.firstDifference(golden, golden.replace("\"waits\":5", "\"waits\":6")))
                .isEqualTo("/locks/1/waits: expected 5, got 6");
        assertThat(GoldenJson.firstDifference(golden, golden.replace("\"waits\":10", "\"waitCount\":10")))
                .isEqualTo("/locks/0/waits: expected field \"waits\", got field \"waitCount\"");
        assertThat(GoldenJson.firstDifference(golden, golden.replace(",{\"id\":2,\"waits\":5}", "")))
                .isEqualTo("/locks/1: expected an object, got the array's end");
        assertThat(GoldenJson.firstDifference(golden, golden.replace("[]", "[\"new\"]")))
                .isEqualTo("/notes: expected the array's end, got \"new\"");
    }
}
