package covert.cli;

import static org.assertj.core.api.Assertions.assertThat;

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
        assertThat(run("datagen", "--help").out()).contains("--reasoning").contains("--model-role").contains("--confession-model");
        assertThat(run("reward-server", "--help").out()).contains("--port").contains("/score");
    }

    @Test
    void bad_options_are_one_line_errors() {
        var r = run("datagen", "--reasoning", "xml", "--out", dir.toString());
        assertThat(r.code()).isEqualTo(2);
        assertThat(r.err()).startsWith("covert: error: --reasoning must be inline or field");
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
}
