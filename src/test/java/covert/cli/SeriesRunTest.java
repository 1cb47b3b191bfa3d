package covert.cli;

import static covert.cli.CliTest.assertOneLineError;
import static covert.cli.CliTest.cli;
import static org.assertj.core.api.Assertions.assertThat;

import covert.log.LogFiles;
import covert.model.Checkpoint;
import covert.testing.LogSchema;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class SeriesRunTest {
    @TempDir
    Path dir;

    @Test
    void checkpoint_flags_are_recorded_and_override_what_the_model_knows() throws Exception {
        var r = cli("run", "--model", "sim/baseline", "--checkpoint", "ckpt-0300", "--step", "300", "--phase", "rl", "--limit", "2",
                "--log-dir", dir.resolve("a").toString(), "--no-progress");
        assertThat(r.code()).as(r.err()).isZero();
        var log = only(dir.resolve("a"));
        LogSchema.assertValid(log);
        assertThat(Checkpoint.fromMetadata(LogFiles.header(log).eval().metadata())).contains(new Checkpoint("ckpt-0300", 300L, "rl"));

        // a simulated checkpoint knows its step and phase; --checkpoint renames it and keeps them
        r = cli("run", "--model", "sim/baseline@rl-2", "--checkpoint", "my-rl-2", "--limit", "1", "--log-dir", dir.resolve("b").toString());
        assertThat(r.code()).as(r.err()).isZero();
        assertThat(Checkpoint.fromMetadata(LogFiles.header(only(dir.resolve("b"))).eval().metadata())).contains(new Checkpoint("my-rl-2", 7L, "rl"));
    }

    @Test
    void a_series_file_runs_every_checkpoint_on_the_same_samples() throws Exception {
        Path series = dir.resolve("series.yaml");
        Files.writeString(series, """
                - {model: sim/baseline, checkpoint: base, step: 0, phase: sft, model_args: {covert_rate: 1}}
                - {model: sim/baseline, checkpoint: late, step: 10, phase: rl, model_args: {covert_rate: 0}}
                """);
        var r = cli("run", "--series", series.toString(), "--env", "impossible_tests", "--epochs", "2", "--seed", "4", "--log-dir",
                dir.resolve("s").toString(), "--no-progress");
        assertThat(r.code()).as(r.err()).isZero();
        assertThat(r.out()).contains("2 runs on the same samples (seed 4)").contains("base @0").contains("late @10").contains("covert trend ");
        try (Stream<Path> s = Files.list(dir.resolve("s"))) {
            var logs = s.filter(p -> p.toString().endsWith(".eval")).map(LogFiles::read).toList();
            assertThat(logs).hasSize(2);
            var byName = logs.stream().collect(java.util.stream.Collectors.toMap(
                    l -> Checkpoint.fromMetadata(l.eval().metadata()).orElseThrow().name(), l -> l));
            assertThat(byName.get("base").samples()).allMatch(x -> covert.log.EvalLogs.outcome(x).equals("covert"));
            assertThat(byName.get("late").samples()).noneMatch(x -> covert.log.EvalLogs.outcome(x).equals("covert"));
            assertThat(keys(byName.get("base"))).isEqualTo(keys(byName.get("late")));
        }
        var t = cli("trend", dir.resolve("s").toString());
        // one checkpoint per phase: RL is measured from where SFT ended
        assertThat(t.out()).contains("RL: 100.0% → 0.0% (Δ −100.0 pts").contains("McNemar p < 0.001, 18 pairs; base → late)").doesNotContain("SFT: ");
    }

    @Test
    void bad_series_input_is_a_one_line_error() throws Exception {
        assertOneLineError(cli("run", "--model", "sim/baseline", "--step", "3"), "--step and --phase need --checkpoint");
        assertOneLineError(cli("run", "--model", "sim/a", "--model", "sim/b", "--checkpoint", "x"), "--series");
        assertOneLineError(cli("run", "--series", dir.resolve("none.yaml").toString()), "series file not found");
        Path bad = dir.resolve("bad.yaml");
        Files.writeString(bad, "- {model: sim/baseline, steps: 3}\n");
        assertOneLineError(cli("run", "--series", bad.toString()), "bad.yaml:1", "steps");
        Files.writeString(bad, "- {model: sim/baseline, step: 3}\n");
        assertOneLineError(cli("run", "--series", bad.toString()), "step and phase need a checkpoint name");
        assertOneLineError(cli("run", "--series", bad.toString(), "--model", "sim/baseline"), "either --model or --series");
        assertOneLineError(cli("trend", dir.toString()), "no .eval or .json logs");
        assertThat(cli("trend", "--help").out()).contains("--last", "--spec", "--score", "--json", "--html");
    }

    private static List<String> keys(covert.log.EvalLog log) {
        return log.samples().stream().map(s -> s.id() + "#" + s.epoch() + "#" + s.metadata().get("epoch_seed")).sorted().toList();
    }

    private static Path only(Path d) throws Exception {
        try (Stream<Path> s = Files.list(d)) {
            return s.filter(p -> p.toString().endsWith(".eval")).findFirst().orElseThrow();
        }
    }
}
