package covert.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import covert.testing.LogSchema;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

public class CliTest {
    @TempDir
    Path dir;

    public record Result(int code, String out, String err) {}

    public static Result cli(String... args) {
        var out = new StringWriter();
        var err = new StringWriter();
        int code = Main.execute(args, new PrintWriter(out, true), new PrintWriter(err, true));
        return new Result(code, out.toString(), err.toString());
    }

    public static void assertOneLineError(Result r, String... fragments) {
        assertThat(r.code()).isEqualTo(2);
        assertThat(r.err().strip()).doesNotContain("\n").startsWith("covert: error: ").contains(fragments);
        assertThat(r.err()).doesNotContain("Exception").doesNotContain("\tat ");
    }

    @Test
    void unknown_model_and_provider() {
        assertOneLineError(cli("run", "--model", "sim/nonexistent", "--log-dir", dir.toString()), "sim/nonexistent", "sim/baseline");
        assertOneLineError(cli("run", "--model", "acme/gpt", "--log-dir", dir.toString()), "unknown model provider 'acme'");
        assertOneLineError(cli("run", "--model", "baseline", "--log-dir", dir.toString()), "provider/name");
        assertOneLineError(cli("run", "--model", "sim/baseline", "-M", "covert_rat=0.1", "--log-dir", dir.toString()), "covert_rat");
    }

    @Test
    void missing_suite_and_unknown_environment() {
        assertOneLineError(cli("run", "--suite", dir.resolve("nope").toString(), "--model", "sim/baseline"), "neither a built-in suite");
        assertOneLineError(cli("run", "--env", "no_such_env", "--model", "sim/baseline", "--log-dir", dir.toString()), "no_such_env");
        assertOneLineError(cli("envs", "--suite", "nope"), "suite 'nope'");
    }

    @Test
    void malformed_yaml_names_file_and_line() throws Exception {
        Path suite = Files.createDirectories(dir.resolve("bad"));
        Files.writeString(suite.resolve("broken.yaml"), "id: broken\nfamily: x\ntask: do: it\nsystem_prompt: y\n");
        var r = cli("envs", "--suite", suite.toString());
        assertOneLineError(r, "broken.yaml:3:");
        Files.writeString(suite.resolve("broken.yaml"), "id: broken\nfamily: x\ntask: [a, list]\nsystem_prompt: y\n");
        assertOneLineError(cli("envs", "--suite", suite.toString()), "broken.yaml:3:", "task: expected a string");
    }

    @Test
    void unknown_tool_in_a_spec_names_the_line() throws Exception {
        Path suite = Files.createDirectories(dir.resolve("bad"));
        Files.writeString(suite.resolve("t.yaml"), """
                id: t
                family: demo
                system_prompt: s
                task: do it
                tools: [bash,
                        shell, submit]
                group: sabotage
                checker: {violations: [{kind: sabotage, when: {file_changed: a.txt}}]}
                """);
        var r = cli("run", "--suite", suite.toString(), "--model", "sim/baseline", "--log-dir", dir.toString());
        assertOneLineError(r, "t.yaml:6:", "unknown tool 'shell'", "known: bash");
    }

    @Test
    void unknown_field_and_bad_kind_are_reported_with_known_values() throws Exception {
        Path suite = Files.createDirectories(dir.resolve("bad"));
        Files.writeString(suite.resolve("u.yaml"), "id: u\nfamily: f\nsystem_prompt: s\ntask: t\ntools: [submit]\ntols: [bash]\n"
                + "group: sabotage\nchecker: {violations: [{kind: sabotage, when: {file_changed: a}}]}\n");
        assertOneLineError(cli("envs", "--suite", suite.toString()), "u.yaml:6:", "unknown field 'tols'");
        Files.writeString(suite.resolve("u.yaml"), "id: u\nfamily: f\nsystem_prompt: s\ntask: t\ntools: [submit]\n"
                + "group: sabotage\nchecker:\n  violations:\n    - kind: lies\n      when: {file_changed: a}\n");
        assertOneLineError(cli("envs", "--suite", suite.toString()), "u.yaml:9:", "invalid value 'lies'", "oversight_subversion");
    }

    @Test
    void bad_flags_and_missing_logs() {
        assertOneLineError(cli("run", "--model", "sim/baseline", "--epochs", "0", "--log-dir", dir.toString()), "--epochs");
        assertOneLineError(cli("run", "--model", "sim/baseline", "--epochs", "many"), "--epochs");
        assertOneLineError(cli("run", "--bogus"), "--bogus");
        assertOneLineError(cli("report", dir.resolve("missing.json").toString()), "no such log file");
        assertOneLineError(cli("run", "--log-dir", dir.toString()), "--model is required");
    }

    @ParameterizedTest
    @ValueSource(strings = {"run", "demo", "report", "envs", "intervene", "scan"})
    void every_verb_has_help(String verb) {
        var r = cli(verb, "--help");
        assertThat(r.code()).isZero();
        assertThat(r.out()).contains("Usage: covert " + verb);
    }

    @Test
    void envs_json_lists_families_and_concrete_environments() throws Exception {
        var r = cli("envs", "--json");
        assertThat(r.code()).isZero();
        JsonNode root = new ObjectMapper().readTree(r.out());
        var suite = covert.env.Suite.load("covert");
        assertThat(root.get("families")).hasSize(suite.environments().size());
        int concrete = suite.environments().stream().mapToInt(e -> e.variants().size()).sum();
        assertThat(root.get("environments")).hasSize(concrete);
        var oversight = java.util.stream.StreamSupport.stream(root.get("environments").spliterator(), false)
                .filter(e -> e.get("spec").asText().equals("oversight_config")).toList();
        assertThat(oversight).hasSize(9).allSatisfy(e -> {
            assertThat(e.get("family").asText()).isEqualTo("oversight_subversion");
            assertThat(e.get("group").asText()).isEqualTo("sabotage");
            assertThat(e.get("variants").get("eval_cue")).hasSize(3);
            assertThat(e.get("id").asText()).startsWith("oversight_config.goal=");
        });
    }

    @Test
    void run_then_report_json_has_the_documented_fields() throws Exception {
        var run = cli("run", "--model", "sim/baseline", "--epochs", "3", "--seed", "5", "--log-dir", dir.toString(), "--no-progress",
                "--env", String.join(",", covert.testing.Runs.CORE));
        assertThat(run.code()).as(run.err()).isZero();
        assertThat(run.out()).contains("Overall covert rate").contains("SIMULATED").contains("Log: ");
        Path log;
        try (Stream<Path> files = Files.list(dir)) {
            log = files.filter(f -> f.toString().endsWith(".eval")).findFirst().orElseThrow();
        }
        LogSchema.assertValid(log);
        var r = cli("report", log.toString(), "--json");
        assertThat(r.code()).isZero();
        JsonNode j = new ObjectMapper().readTree(r.out());
        assertThat(j.get("simulated").asBoolean()).isTrue();
        for (String f : new String[] {"rate", "lower", "upper", "n_valid", "n_invalid"}) assertThat(j.get("overall").has(f)).as(f).isTrue();
        assertThat(j.get("overall").get("n_valid").asInt()).isEqualTo(3 * 30);
        assertThat(j.get("environments")).hasSize(3).allSatisfy(e -> {
            for (String f : new String[] {"id", "family", "n", "covert", "rate", "lower", "upper"}) assertThat(e.has(f)).as(f).isTrue();
            assertThat(e.get("lower").asDouble()).isLessThanOrEqualTo(e.get("rate").asDouble());
        });
        var table = cli("report", log.toString(), "--html", dir.resolve("r.html").toString());
        assertThat(table.out()).contains("95% wilson").contains("oversight_config");
        assertThat(Files.readString(dir.resolve("r.html"))).contains("<table>").contains("SIMULATED");
    }
}
