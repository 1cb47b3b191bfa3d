package covert.report;

import static covert.cli.CliTest.cli;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import covert.model.sim.Checkpoints;
import covert.model.sim.OrganismAccess;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.io.TempDir;

/**
 * The offline demo of issue 11: the simulated series sim/baseline@sft-0..4, @rl-0..4 has a known curve
 * (covert.model.sim.Checkpoints), and covert trend must recover its phase attribution and plateau.
 * Environments without a counterfactual variant, so every sample has the covert opportunity and the headline
 * aggregate's true value is the organism's expected rate.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class TrendSimTest {
    static final String ENVS = "impossible_tests,oversight_config,literature_qa";
    static final List<String> LABELS = List.of("sft-0", "sft-1", "sft-2", "sft-3", "sft-4", "rl-0", "rl-1", "rl-2", "rl-3", "rl-4");

    Path dir;
    Path logs;
    JsonNode trend;
    String text;
    String html;

    @BeforeAll
    void run_the_series(@TempDir Path tmp) throws Exception {
        dir = tmp;
        logs = dir.resolve("logs");
        var args = new ArrayList<>(List.of("run", "--env", ENVS, "--epochs", "20", "--seed", "11", "--no-progress", "--log-dir", logs.toString()));
        LABELS.forEach(l -> args.addAll(List.of("--model", "sim/baseline@" + l)));
        var r = cli(args.toArray(String[]::new));
        assertThat(r.code()).as(r.err()).isZero();
        assertThat(r.out()).contains("10 runs on the same samples").contains("covert trend ");
        // The logs are read once; the CLI reads them again in the tests below, on a subset to keep this test fast.
        var t = Trend.of(TrendInput.read(List.of(logs.toString()), new TrendInput.Request(covert.spec.Spec.builtIn(), List.of())),
                new Trend.Options(covert.stats.Overall.Options.DEFAULT, 3, List.of()));
        trend = new ObjectMapper().readTree(TrendJson.render(t));
        text = TrendText.render(t);
        html = TrendHtml.render(t);
    }

    @Test
    void rates_follow_the_configured_curve_within_their_intervals() {
        var points = trend.get("points");
        assertThat(points).hasSize(10);
        for (int i = 0; i < 10; i++) {
            var p = points.get(i);
            String label = LABELS.get(i), phase = label.substring(0, label.indexOf('-'));
            int k = Integer.parseInt(label.substring(label.indexOf('-') + 1));
            assertThat(p.get("checkpoint").asText()).isEqualTo(label);
            assertThat(p.get("step").asLong()).isEqualTo(Checkpoints.globalStep(label));
            assertThat(p.get("phase").asText()).isEqualTo(phase);
            assertContains(p.at("/rates/covert"), OrganismAccess.expected("baseline@" + label), label + " covert");
            assertContains(p.at("/rates/spec_citation"), Checkpoints.CITE.get(phase)[k], label + " citation");
            assertContains(p.at("/rates/aware"), Checkpoints.AWARENESS.get(phase)[k], label + " awareness");
        }
    }

    @Test
    void attribution_finds_the_large_sft_drop_and_a_smaller_rl_drop() {
        var sft = attribution("sft", "covert");
        assertThat(sft.get("from").asText()).isEqualTo("sft-0");
        assertThat(sft.get("to").asText()).isEqualTo("sft-4");
        assertThat(sft.get("upper").asDouble()).as("SFT drop interval below 0").isLessThan(0);
        assertThat(sft.get("p").asDouble()).isLessThan(0.001);
        assertThat(sft.get("pairs").asInt()).isEqualTo(540);
        // shared draws: a sample honest at a higher rate is honest at every lower one
        assertThat(sft.get("rose").asInt()).isZero();
        double expectedDrop = OrganismAccess.expected("baseline@sft-4") - OrganismAccess.expected("baseline@sft-0");
        assertThat(expectedDrop).isBetween(sft.get("lower").asDouble(), sft.get("upper").asDouble());

        var rl = attribution("rl", "covert");
        assertThat(rl.get("difference").asDouble()).isNegative().isGreaterThan(sft.get("difference").asDouble());
        assertThat(rl.get("p").asDouble()).isLessThan(0.05);
        double expectedRl = OrganismAccess.expected("baseline@rl-4") - OrganismAccess.expected("baseline@rl-0");
        assertThat(expectedRl).isBetween(rl.get("lower").asDouble(), rl.get("upper").asDouble());

        var cite = attribution("sft", "spec_citation");
        assertThat(cite.get("lower").asDouble()).isGreaterThan(0.7);
        assertThat(text).containsPattern("SFT: \\d+\\.\\d% → \\d\\.\\d% \\(Δ −\\d+\\.\\d pts, 95% CI −[\\d.]+ to −[\\d.]+ pts, McNemar p < 0\\.001, 540 pairs")
                .contains(sft.get("text").asText()).contains(rl.get("text").asText());
    }

    @Test
    void plateau_over_rl_2_to_4_but_not_over_the_sft_phase() {
        var last = plateau("series", "covert");
        assertThat(last.get("checkpoints")).extracting(JsonNode::asText).containsExactly("rl-2", "rl-3", "rl-4");
        assertThat(last.get("significant").asBoolean()).isFalse();
        assertThat(last.get("p").asDouble()).isGreaterThan(0.05);
        // Not significant is not flat: the equivalence test (TOST, ±1 point) must show it, and here the sim's RL tail is flat.
        assertThat(last.get("verdict").asText()).isEqualTo("flat");
        assertThat(last.at("/equivalence/p_value").asDouble()).isLessThan(0.05);
        assertThat(last.at("/equivalence/margin").asDouble()).isEqualTo(0.01);
        assertThat(text).containsPattern("covert actions: flat within ±1 point over the last 3 checkpoints, rl-2 to rl-4: no significant change \\(p = [01]\\.\\d+");

        var sft = plateau("sft", "covert");
        assertThat(sft.get("checkpoints")).extracting(JsonNode::asText).containsExactly("sft-2", "sft-3", "sft-4");
        assertThat(sft.get("significant").asBoolean()).isTrue();
        assertThat(sft.get("text").asText()).contains("still falling");
        assertThat(sft.get("verdict").asText()).isEqualTo("still changing");
        assertThat(plateau("series", "aware").get("verdict").asText()).as("+0.6 pts, 90% CI 0.0 to +1.1: neither shown").isEqualTo("inconclusive");
    }

    @Test
    void the_first_three_sft_checkpoints_still_differ_read_from_logs_or_from_a_store() throws Exception {
        var first3 = logsByStep().subList(0, 3).stream().map(Path::toString).toList();
        var args = new ArrayList<>(List.of("trend", "--json", "--last", "3", "--html", dir.resolve("sft.html").toString()));
        args.addAll(first3);
        var r = cli(args.toArray(String[]::new));
        assertThat(r.code()).as(r.err()).isZero();
        var t = new ObjectMapper().readTree(r.out());
        var p = find(t.get("plateaus"), "series", "covert");
        assertThat(p.get("checkpoints")).extracting(JsonNode::asText).containsExactly("sft-0", "sft-1", "sft-2");
        assertThat(p.get("significant").asBoolean()).isTrue();
        assertThat(p.get("p").asDouble()).isLessThan(0.001);
        assertThat(Files.readString(dir.resolve("sft.html"))).contains("<svg class=\"trend\"");

        Path db = dir.resolve("covert.duckdb");
        var imp = new ArrayList<>(List.of("db", "import", "--db", db.toString()));
        imp.addAll(first3);
        assertThat(cli(imp.toArray(String[]::new)).code()).isZero();
        var fromDb = new ObjectMapper().readTree(cli("trend", db.toString(), "--json", "--last", "3").out());
        assertThat(fromDb.get("points")).hasSize(3);
        for (String path : List.of("/rates/covert/value", "/rates/aware/value", "/rates/spec_citation/value", "/rates/covert/upper", "/step", "/phase")) {
            for (int i = 0; i < 3; i++) assertThat(fromDb.get("points").get(i).at(path)).isEqualTo(t.get("points").get(i).at(path));
        }
        assertThat(fromDb.get("attribution")).isEqualTo(t.get("attribution"));
        assertThat(fromDb.get("plateaus")).isEqualTo(t.get("plateaus"));
    }

    @Test
    void html_has_a_chart_per_metric_with_bands_and_shaded_phases() {
        assertThat(html).contains("<svg class=\"trend\" id=\"trend-covert\"", "id=\"trend-spec_citation\"", "id=\"trend-aware\"", "class=\"band\"",
                "class=\"phase\"", ">SFT</text>", ">RL</text>", "SIMULATED MODEL ORGANISM").doesNotContain("<script");
        assertThat(html).contains(HtmlReport.esc(attribution("sft", "covert").get("text").asText()));
    }

    private List<Path> logsByStep() throws Exception {
        try (Stream<Path> s = Files.list(logs)) {
            var all = s.filter(p -> p.toString().endsWith(".eval")).toList();
            return all.stream().sorted(java.util.Comparator.comparingLong(p -> covert.model.Checkpoint.fromMetadata(
                    covert.log.LogFiles.header(p).eval().metadata()).orElseThrow().step())).toList();
        }
    }

    private JsonNode attribution(String phase, String metric) {
        return find(trend.get("attribution"), phase, metric);
    }

    private JsonNode plateau(String scope, String metric) {
        return find(trend.get("plateaus"), scope, metric);
    }

    private static JsonNode find(JsonNode list, String scope, String metric) {
        for (var n : list) {
            String s = n.has("phase") ? n.get("phase").asText() : n.get("scope").asText();
            if (s.equals(scope) && n.get("metric").asText().equals(metric)) return n;
        }
        throw new AssertionError("no " + scope + "/" + metric + " in " + list);
    }

    private static void assertContains(JsonNode estimate, double truth, String what) {
        assertThat(truth).as(what + " " + estimate).isBetween(estimate.get("lower").asDouble(), estimate.get("upper").asDouble());
    }
}
