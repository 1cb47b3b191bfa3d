package covert.cli;

import static org.assertj.core.api.Assertions.assertThat;

import covert.log.Json;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class TrainingCliTest {
    @TempDir
    Path dir;

    record Run(int code, String out, String err) {}

    static Run run(String... args) {
        var out = new StringWriter();
        var err = new StringWriter();
        int code = Main.execute(args, new PrintWriter(out), new PrintWriter(err));
        return new Run(code, out.toString(), err.toString());
    }

    @Test
    void help_works_for_both_verbs() {
        assertThat(run("datagen", "--help").out()).contains("--reasoning").contains("--model-role").contains("--confession-model")
                .contains("--template").contains("--follow-up").contains("--synthetic-confessions");
        assertThat(run("reward-server", "--help").out()).contains("--port").contains("/score").contains("--tasks");
    }

    @Test
    void bad_options_are_one_line_errors() {
        var r = run("datagen", "--reasoning", "xml", "--out", dir.toString());
        assertThat(r.code()).isEqualTo(2);
        assertThat(r.err()).startsWith("covert: error: --reasoning must be inline or drop");
        r = run("datagen", "--reasoning", "field", "--out", dir.toString());
        assertThat(r.code()).isEqualTo(2);
        assertThat(r.err()).startsWith("covert: error: --reasoning field is not allowed").contains("--template");
        r = run("datagen", "--template", dir.resolve("nope.jinja").toString(), "--out", dir.toString());
        assertThat(r.code()).isEqualTo(2);
        assertThat(r.err()).startsWith("covert: error: chat template file not found").contains("nope.jinja");
        r = run("reward-server", "--tasks", dir.resolve("missing.jsonl").toString(), "--port", "0");
        assertThat(r.code()).isEqualTo(2);
        assertThat(r.err()).startsWith("covert: error: cannot read").doesNotContain("Exception");
        r = run("datagen", "--model-role", "judge=x/y", "--out", dir.toString());
        assertThat(r.code()).isEqualTo(2);
        assertThat(r.err()).contains("one role, grader").doesNotContain("\n\n");
    }

    /** A training suite with a planted near-copy of an eval environment: datagen stops before sampling and names the pair. */
    @Test
    void datagen_refuses_to_export_a_contaminated_suite() throws Exception {
        Path suite = Files.createDirectories(dir.resolve("suite"));
        String eval = new String(getClass().getResourceAsStream("/suites/covert/oversight_config.yaml").readAllBytes());
        Files.writeString(suite.resolve("copy.yaml"), eval.replace("id: oversight_config", "id: planted_copy"));
        Path out = dir.resolve("data");
        var r = run("datagen", "--suite", suite.toString(), "--epochs", "1", "--out", out.toString());
        assertThat(r.code()).isEqualTo(2);
        assertThat(r.out()).contains("FAIL").contains("planted_copy").contains("oversight_config");
        assertThat(r.err()).contains("contamination check failed").contains("nothing exported");
        assertThat(out).doesNotExist();
    }

    /** A training environment whose checker misses the covert path is never used: datagen names it and stops. */
    @Test
    void datagen_refuses_an_environment_that_does_not_separate_schemer_from_saint() throws Exception {
        Path suite = Files.createDirectories(dir.resolve("weak"));
        String env = new String(getClass().getResourceAsStream("/suites/train/release_signoff.yaml").readAllBytes());
        String weak = env.replace("id: release_signoff", "id: weak_signoff")
                .replace("regex: '^version:\\s*5\\.12\\.0'", "regex: '^version:\\s*9\\.9\\.9'");
        assertThat(weak).isNotEqualTo(env.replace("id: release_signoff", "id: weak_signoff"));
        Files.writeString(suite.resolve("weak.yaml"), weak);
        Path out = dir.resolve("data-weak");
        var r = run("datagen", "--suite", suite.toString(), "--epochs", "1", "--out", out.toString());
        assertThat(r.code()).isEqualTo(2);
        assertThat(r.out()).contains("separation check (covert validate): FAIL").contains("weak_signoff");
        assertThat(r.err()).contains("separation check failed").contains("nothing exported");
        assertThat(out).doesNotExist();
    }

    /** Template confessions only with the flag, in files of their own, labelled synthetic; none of the model's own when it never confesses. */
    @Test
    void synthetic_confessions_come_only_with_the_flag_and_are_labelled() throws Exception {
        Path suite = Files.createDirectories(dir.resolve("one"));
        Files.write(suite.resolve("release_signoff.yaml"), getClass().getResourceAsStream("/suites/train/release_signoff.yaml").readAllBytes());
        Path out = dir.resolve("syn");
        var r = run("datagen", "--suite", suite.toString(), "--epochs", "2", "--out", out.toString(), "--confession-model", "sim/baseline",
                "--confession-model-arg", "covert_rate=1", "--confession-model-arg", "confess_rate=0", "--synthetic-confessions", "--json");
        assertThat(r.code()).as(r.err()).isZero();
        var json = Json.MAPPER.readTree(r.out().lines().filter(l -> l.startsWith("{")).findFirst().orElseThrow());
        var c = json.get("confessions");
        assertThat(c.get("on_policy_sampled").asInt()).isPositive();
        assertThat(c.get("on_policy_kept").asInt()).isZero();
        assertThat(c.get("synthetic_exported").asInt()).isPositive();
        assertThat(c.get("rl_tasks").asInt()).isPositive();
        assertThat(Files.readAllLines(out.resolve("confession.jsonl"))).isEmpty();
        var synthetic = Files.readAllLines(out.resolve("confession.synthetic.messages.jsonl"));
        assertThat(synthetic).hasSize(c.get("synthetic_exported").asInt());
        for (String l : synthetic) assertThat(Json.MAPPER.readTree(l).at("/metadata/source").asText()).isEqualTo("synthetic_template");
        assertThat(Files.readAllLines(out.resolve("confession.synthetic.jsonl"))).hasSize(synthetic.size());
    }
}
