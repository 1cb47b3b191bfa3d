package covert.run;

import static org.assertj.core.api.Assertions.assertThat;

import covert.log.EvalLog;
import covert.testing.LogSchema;
import covert.testing.Runs;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Kills a real `covert run` process partway through, resumes it, and compares with an uninterrupted run. */
class ResumeTest {
    static final Map<String, String> SLOW = Map.of("latency_ms", "15", "covert_rate", "0.4");

    @TempDir
    Path dir;

    @Test
    void a_killed_run_resumes_to_the_same_samples_as_an_uninterrupted_one() throws Exception {
        var cfg = Runs.config("sim/baseline", SLOW, 4, 77, 0, Runs.CORE).withLogFormat("json");
        var reference = Runs.run(cfg, dir.resolve("reference")).evalLog();
        int total = reference.samples().size();
        assertThat(total).isEqualTo(120);

        Path killedDir = Files.createDirectories(dir.resolve("killed"));
        var cmd = List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(), "-cp", System.getProperty("java.class.path"),
                "covert.cli.Main", "run", "--model", "sim/baseline", "-M", "latency_ms=15", "-M", "covert_rate=0.4",
                "--epochs", "4", "--seed", "77", "--max-samples", "4", "--log-dir", killedDir.toString(), "--no-progress", "--log-format", "json",
                "--env", String.join(",", Runs.CORE));
        Process p = new ProcessBuilder(cmd).redirectErrorStream(true).redirectOutput(dir.resolve("run.out").toFile()).start();
        Path journal = awaitJournalLines(killedDir, 12, Duration.ofSeconds(60));
        p.destroyForcibly().waitFor();

        int journaled = Files.readAllLines(journal).size() - 1;
        assertThat(journaled).isBetween(11, total - 1);
        try (Stream<Path> files = Files.list(killedDir)) {
            assertThat(files).noneMatch(f -> f.toString().endsWith(".json"));
        }
        // A write cut off by the kill leaves a partial last line; resume must drop it, not choke on it.
        Files.writeString(journal, "{\"id\":\"oversight_config.go", StandardCharsets.UTF_8, StandardOpenOption.APPEND);

        var resumed = Runner.resume(journal, Progress.NONE);
        LogSchema.assertValid(resumed.log());
        assertThat(Files.exists(journal)).isFalse();
        assertThat(resumed.evalLog().samples()).hasSize(total);
        assertThat(keys(resumed.evalLog())).isEqualTo(keys(reference));
        assertThat(resumed.evalLog().eval().model()).isEqualTo("sim/baseline");
    }

    @Test
    void a_killed_eval_run_resumes_from_its_torn_eval_file() throws Exception {
        var reference = Runs.run(Runs.config("sim/baseline", SLOW, 3, 78, 0, Runs.CORE), dir.resolve("reference")).evalLog();
        Path killedDir = Files.createDirectories(dir.resolve("killed-eval"));
        var cmd = List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(), "-cp", System.getProperty("java.class.path"),
                "covert.cli.Main", "run", "--model", "sim/baseline", "-M", "latency_ms=15", "-M", "covert_rate=0.4",
                "--epochs", "3", "--seed", "78", "--max-samples", "4", "--log-dir", killedDir.toString(), "--no-progress",
                "--env", String.join(",", Runs.CORE));
        Process p = new ProcessBuilder(cmd).redirectErrorStream(true).redirectOutput(dir.resolve("run2.out").toFile()).start();
        Path eval = awaitEvalEntries(killedDir, 10, Duration.ofSeconds(60));
        p.destroyForcibly().waitFor();
        var torn = covert.log.EvalFiles.readTorn(eval);
        assertThat(torn.finished()).isFalse();
        assertThat(torn.samples().size()).isBetween(1, reference.samples().size() - 1);

        var resumed = Runner.resume(eval, Progress.NONE);
        assertThat(resumed.log()).isEqualTo(eval);
        LogSchema.assertValid(eval);
        assertThat(keys(covert.log.LogFiles.read(eval))).isEqualTo(keys(reference));
    }

    static Path awaitEvalEntries(Path dir, int samples, Duration timeout) throws Exception {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (System.nanoTime() < deadline) {
            try (Stream<Path> files = Files.list(dir)) {
                var f = files.filter(x -> x.toString().endsWith(".eval")).findFirst();
                if (f.isPresent() && Files.size(f.get()) > 0) {
                    try {
                        if (covert.log.EvalFiles.readTorn(f.get()).samples().size() >= samples) return f.get();
                    } catch (covert.UserError notYet) {
                        // start entry not flushed yet
                    }
                }
            }
            Thread.sleep(50);
        }
        throw new AssertionError(".eval never reached " + samples + " samples");
    }

    @Test
    void resuming_a_finished_log_is_a_clear_error() {
        var result = Runs.run(Runs.config("sim/baseline", Map.of(), 1, 0, 1, Runs.CORE), dir);
        org.assertj.core.api.Assertions.assertThatThrownBy(() -> Runner.resume(result.log(), Progress.NONE))
                .isInstanceOf(covert.UserError.class).hasMessageContaining("nothing to resume");
    }

    /** (sample id, epoch) → epoch seed and outcome: identity and result of every sample. */
    static Map<String, String> keys(EvalLog log) {
        var m = new TreeMap<String, String>();
        for (var s : log.samples()) {
            String prev = m.put(s.id() + "#" + s.epoch(), s.metadata().get("epoch_seed") + " " + covert.log.EvalLogs.outcome(s));
            assertThat(prev).as("duplicate sample " + s.id() + "#" + s.epoch()).isNull();
        }
        return m;
    }

    static Path awaitJournalLines(Path dir, int lines, Duration timeout) throws Exception {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (System.nanoTime() < deadline) {
            try (Stream<Path> files = Files.list(dir)) {
                var j = files.filter(f -> f.toString().endsWith(".journal.jsonl")).findFirst();
                if (j.isPresent() && Files.readAllLines(j.get()).size() > lines) return j.get();
            }
            Thread.sleep(20);
        }
        throw new AssertionError("journal never reached " + lines + " lines");
    }
}
