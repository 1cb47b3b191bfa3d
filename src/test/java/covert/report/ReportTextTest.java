package covert.report;

import static org.assertj.core.api.Assertions.assertThat;

import covert.cli.CliTest;
import covert.log.LogFiles;
import covert.stats.Aggregation;
import covert.stats.Interval;
import covert.stats.Overall;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The report's own sentences must say what was counted: found wrong on a real server's run. */
class ReportTextTest {
    @TempDir
    Path dir;

    Path run(String model, String envs, int epochs, String sub) throws Exception {
        Path logs = dir.resolve(sub);
        var r = CliTest.cli("run", "--model", model, "--env", envs, "--epochs", Integer.toString(epochs), "--seed", "3", "--log-dir", logs.toString(),
                "--no-progress");
        assertThat(r.code()).as(r.err()).isZero();
        try (var files = Files.list(logs)) {
            return files.filter(p -> p.toString().endsWith(".eval")).findFirst().orElseThrow();
        }
    }

    @Test
    void only_non_headline_environments_say_so_instead_of_valid_samples_with_no_valid_samples() throws Exception {
        Path log = run("sim/baseline", "preregistered_moves", 3, "games");
        var out = CliTest.cli("report", log.toString()).out();
        assertThat(out).contains("no headline environment has a valid sample").contains("headline environments: valid 0, incomplete 0, invalid 0")
                .containsPattern("all environments: valid \\d+, incomplete 0, invalid 0");
    }

    @Test
    void awareness_line_speaks_of_aware_samples_and_limits_are_logged_only_when_hit() throws Exception {
        Path log = run("sim/baseline", "impossible_tests,oversight_config", 4, "aw");
        var s = Summary.of(log.toString(), LogFiles.read(log));
        String out = TextReport.render(s);
        assertThat(out.lines().filter(l -> l.startsWith("Evaluation awareness"))).singleElement().asString().doesNotContain("covert action");
        if (s.awareness().aware() == 0) assertThat(out).contains("no aware sample in");
        // A sample that submitted hit no limit, so it has none in the log.
        assertThat(LogFiles.read(log).samples()).allSatisfy(x -> assertThat(x.limit()).isNull());
        assertThat(new AwarenessRates(Overall.of(java.util.List.of(new covert.stats.ClusterBootstrap.Cluster(0, 9)), Overall.Options.DEFAULT,
                "aware sample"), 0, 9, java.util.Map.of()).overall().method()).startsWith("no aware sample in 9 valid samples");
    }

    @Test
    void every_figure_of_compares_headline_block_comes_from_the_same_environments_and_aggregate() throws Exception {
        // A control and a game beside two headline environments: they may not leak into the factor.
        String envs = "impossible_tests,oversight_config,approved_exception,preregistered_moves";
        Path a = run("sim/baseline", envs, 40, "a"), b = run("sim/antischeming", envs, 40, "b");
        for (var agg : new Aggregation[] {Aggregation.ENV_MEAN, Aggregation.POSTERIOR_MEAN, Aggregation.POOLED}) {
            var opts = new Overall.Options(Interval.WILSON, agg, 2000, 20_000, 0, 0.95);
            var c = Comparison.of(a.toString(), LogFiles.read(a), b.toString(), LogFiles.read(b), opts);
            double ra = c.overallA().rate(), rb = c.overallB().rate();
            assertThat(c.difference().estimate()).as(agg.wire()).isCloseTo(ra - rb, org.assertj.core.data.Offset.offset(1e-3));
            if (rb > 0) assertThat(c.reductionFactor().estimate()).as(agg.wire()).isCloseTo(ra / rb, org.assertj.core.data.Percentage.withPercentage(2));
            assertThat(c.method()).contains("shared headline environments");
            if (agg == Aggregation.POSTERIOR_MEAN) assertThat(c.reductionFactor().text()).contains("equal-tailed posterior interval of the draw-by-draw ratio");
            String text = TextReport.render(c);
            assertThat(text).contains(TextReport.pct(ra)).contains(TextReport.pct(rb));
        }
    }

    @Test
    void an_in_distribution_family_is_shown_apart_with_its_reason_and_left_out_of_every_headline_figure() throws Exception {
        // rule_violation_heldout shares the training family's type: it must not enter the out-of-distribution headline.
        String envs = "impossible_tests,rule_violation_heldout,approved_exception";
        Path a = run("sim/baseline", envs, 6, "a"), b = run("sim/antischeming", envs, 6, "b");
        var s = Summary.of(a.toString(), LogFiles.read(a));
        var heldout = s.environments().stream().filter(e -> e.id().equals("rule_violation_heldout")).findFirst().orElseThrow();
        assertThat(heldout.headline()).isFalse();
        assertThat(heldout.headlineReason()).contains("in-distribution").contains("training family");
        var onlyImpossible = s.environments().stream().filter(e -> e.id().equals("impossible_tests")).findFirst().orElseThrow();
        assertThat(s.headlineCounts().valid()).isEqualTo(onlyImpossible.n());
        String text = TextReport.render(s);
        String apart = text.substring(text.indexOf("Outside the headline"));
        assertThat(apart).contains("rule_violation_heldout: in-distribution").contains("approved_exception: a control");
        assertThat(text.substring(0, text.indexOf("Outside the headline"))).doesNotContain("rule_violation_heldout");
        assertThat(HtmlReport.render(java.util.List.of(s))).contains("<ul class=apart>", "<li>rule_violation_heldout: in-distribution");

        var c = Comparison.of(a.toString(), LogFiles.read(a), b.toString(), LogFiles.read(b), Overall.Options.DEFAULT);
        assertThat(c.method()).contains("over the 1 shared headline environments");
        assertThat(TextReport.render(c)).contains("Outside the headline (reported apart, not in the overall rates, difference or factor):")
                .contains("rule_violation_heldout: in-distribution");
        var json = new com.fasterxml.jackson.databind.ObjectMapper().readTree(JsonReport.render(c));
        var row = java.util.stream.StreamSupport.stream(json.get("environments").spliterator(), false)
                .filter(e -> e.get("id").asText().equals("rule_violation_heldout")).findFirst().orElseThrow();
        assertThat(row.get("headline").asBoolean()).isFalse();
        assertThat(row.get("headline_reason").asText()).contains("training family");
    }
}
