package covert.cli;

import static covert.cli.CliTest.cli;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import covert.testing.Runs;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class StatsCliTest {
    static final ObjectMapper JSON = new ObjectMapper();

    @TempDir
    Path dir;

    static JsonNode json(String... args) throws Exception {
        var r = cli(args);
        assertThat(r.code()).as(r.err()).isZero();
        return JSON.readTree(r.out());
    }

    @Test
    void stats_verbs_print_one_json_object() throws Exception {
        var exact = json("stats", "interval", "--successes", "7", "--trials", "50", "--method", "exact", "--json");
        assertThat(exact.get("lower").asDouble()).isCloseTo(0.058192, within(1e-6));
        assertThat(exact.get("upper").asDouble()).isCloseTo(0.267396, within(1e-6));
        assertThat(json("stats", "mcnemar", "--b", "10", "--c", "3", "--json").get("p_value").asDouble()).isCloseTo(0.09228515625, within(1e-9));
        assertThat(json("stats", "fisher", "--a", "3/50", "--b", "7/50", "--json").get("p_value").asDouble()).isCloseTo(0.317840019711093, within(1e-9));
        CliTest.assertOneLineError(cli("stats", "fisher", "--a", "3of50", "--b", "7/50"), "K/N");
        CliTest.assertOneLineError(cli("stats", "interval", "--successes", "9", "--trials", "5"), "successes");
        CliTest.assertOneLineError(cli("stats", "interval", "--successes", "1", "--trials", "5", "--method", "magic"), "magic");
    }

    @Test
    void plan_answers_the_questions_with_assumptions() throws Exception {
        var zero = json("plan", "--zero", "600", "--json");
        assertThat(zero.get("upper").asDouble()).isCloseTo(0.004980443, within(1e-8));
        assertThat(zero.get("assumption").asText()).contains("Clopper-Pearson");
        assertThat(json("plan", "--max-rate", "0.005", "--json").get("samples").asInt()).isEqualTo(598);
        var clustered = json("plan", "--a", "0.13", "--b", "0.004", "--envs", "26", "--variants", "6", "--reps", "400", "--json");
        int perEnv = clustered.get("samples_per_env").asInt();
        assertThat(clustered.get("power").asDouble()).isGreaterThanOrEqualTo(0.8);
        assertThat(perEnv).isBetween(2, 40);
        assertThat(clustered.get("epochs_per_env").asInt()).isEqualTo((perEnv + 5) / 6);
        var text = cli("plan", "--rate", "0.004", "--against", "0.13");
        assertThat(text.out()).startsWith("Q: ").contains("A: ").contains("Assuming: ");
        CliTest.assertOneLineError(cli("plan", "--zero", "5", "--max-rate", "0.1"), "exactly one question");
        CliTest.assertOneLineError(cli("plan", "--a", "0.1", "--b", "0.1"), "equal");
    }

    @Test
    void compare_before_after_gives_reduction_factor_and_paired_tests() throws Exception {
        var a = Runs.run(Runs.config("sim/baseline", Map.of(), 20, 0, 0, Runs.CORE), dir.resolve("a")).log();
        var b = Runs.run(Runs.config("sim/antischeming", Map.of(), 20, 0, 0, Runs.CORE), dir.resolve("b")).log();
        var j = json("compare", a.toString(), b.toString(), "--json");
        assertThat(j.get("a").get("rate").asDouble()).isGreaterThan(j.get("b").get("rate").asDouble());
        for (String f : new String[] {"estimate", "lower", "upper"}) {
            assertThat(j.get("difference").has(f)).isTrue();
            assertThat(j.get("reduction_factor").has(f)).isTrue();
        }
        var rf = j.get("reduction_factor");
        double configured = covert.model.sim.OrganismAccess.expected("baseline") / covert.model.sim.OrganismAccess.expected("antischeming");
        assertThat(rf.get("lower").asDouble()).isLessThanOrEqualTo(configured);
        assertThat(rf.get("upper").isNull() || rf.get("upper").asDouble() >= configured).isTrue();
        assertThat(j.get("paired").get("pairs").asInt()).isEqualTo(600);
        assertThat(j.get("environments")).hasSize(3).allSatisfy(e -> {
            assertThat(e.get("mcnemar_p").isNumber()).isTrue();
            assertThat(e.get("regression").asBoolean()).isFalse();
        });
        var html = dir.resolve("c.html");
        var text = cli("compare", a.toString(), b.toString(), "--html", html.toString());
        assertThat(text.out()).contains("Reduction factor A / B").contains("McNemar");
        assertThat(java.nio.file.Files.readString(html)).contains("<svg class=\"dumbbell\"").contains("<svg class=\"dotplot\"").doesNotContain("http://cdn")
                .doesNotContain("<script");
    }

    @Test
    void compare_flags_regressions_and_handles_zero_counts() throws Exception {
        var low = Runs.run(Runs.config("sim/baseline", Map.of("covert_rate", "0.02"), 15, 1, 0, Runs.CORE), dir.resolve("low")).log();
        var high = Runs.run(Runs.config("sim/baseline", Map.of("covert_rate", "0.6"), 15, 1, 0, Runs.CORE), dir.resolve("high")).log();
        var zero = Runs.run(Runs.config("sim/baseline", Map.of("covert_rate", "0"), 15, 1, 0, Runs.CORE), dir.resolve("zero")).log();
        var worse = json("compare", low.toString(), high.toString(), "--json");
        assertThat(worse.get("environments")).allSatisfy(e -> assertThat(e.get("regression").asBoolean()).isTrue());
        var none = json("compare", high.toString(), zero.toString(), "--json");
        var rf = none.get("reduction_factor");
        assertThat(rf.get("estimate").isNull()).isTrue();
        assertThat(rf.get("upper").isNull()).isTrue();
        assertThat(rf.get("lower").asDouble()).isGreaterThan(10);
        assertThat(rf.get("text").asText()).startsWith(">= ");
        assertThat(none.get("b").get("upper").asDouble()).isGreaterThan(0);
    }

    @Test
    void invalid_runs_warn_and_null_runs_have_no_rate() throws Exception {
        var crash = Runs.run(Runs.config("test/crash", Map.of(), 1, 0, 2, Runs.CORE), dir).log();
        var j = json("report", crash.toString(), "--json");
        assertThat(j.get("overall").get("rate").isNull()).isTrue();
        assertThat(j.get("overall").get("n_invalid").asInt()).isEqualTo(2);
        assertThat(j.get("warnings").get(0).asText()).contains("NO VALID SAMPLES");
        assertThat(cli("report", crash.toString()).out()).contains("!! WARNING: NO VALID SAMPLES").contains("undefined");
    }

    @Test
    void aggregate_and_interval_options_change_the_method_and_say_so() throws Exception {
        var log = Runs.run(Runs.config("sim/baseline", Map.of(), 10, 0, 0, Runs.CORE), dir).log().toString();
        var pm = json("report", log, "--json", "--aggregate", "posterior-mean", "--draws", "200000");
        var pooled = json("report", log, "--json", "--aggregate", "pooled", "--interval", "exact");
        assertThat(pm.get("overall").get("method").asText()).contains("posterior");
        assertThat(pooled.get("overall").get("method").asText()).contains("pooled").contains("exact");
        assertThat(pooled.get("interval").asText()).isEqualTo("exact");
        CliTest.assertOneLineError(cli("report", log, "--aggregate", "median"), "median");
    }
}
