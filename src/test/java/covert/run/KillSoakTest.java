package covert.run;

import static org.assertj.core.api.Assertions.assertThat;

import covert.log.EvalFiles;
import covert.log.EvalLog;
import covert.log.LogFiles;
import covert.testing.Runs;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Random;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * R1: real {@code covert run} processes killed with SIGKILL at seeded random moments, from JVM start-up to the
 * final write, then resumed (and the resumes killed too, now and then) until the log is finished. Each finished
 * log must hold the same (id, epoch) → (seed, outcome) set as an uninterrupted run: nothing lost, nothing twice.
 * {@code -Dcovert.soak.kills=N} sets the kills per format ({@code bench/kill-soak.sh} runs a long soak).
 */
class KillSoakTest {
    static final int KILLS = Integer.getInteger("covert.soak.kills", 3);
    static final long SEED = Long.getLong("covert.soak.seed", 18);
    static final List<String> ENVS = List.of("impossible_tests", "oversight_config");
    static final List<String> RUN_ARGS = List.of("--model", "sim/baseline", "-M", "latency_ms=30", "-M", "covert_rate=0.4", "--epochs", "1",
            "--seed", "31", "--max-samples", "4", "--no-progress", "--env", String.join(",", ENVS));

    @TempDir
    Path dir;

    /** What one soak did, printed for the bench script and the README. */
    record Figures(String format, int kills, int resumes, int restarts, int lost, int duplicated, int samples) {}

    @ParameterizedTest
    @ValueSource(strings = {"eval", "json"})
    void killed_runs_resume_to_the_uninterrupted_samples(String format) throws Exception {
        var cfg = Runs.config("sim/baseline", Map.of("latency_ms", "30", "covert_rate", "0.4"), 1, 31, 0, ENVS).withLogFormat(format);
        Map<String, String> reference = ResumeTest.keys(Runs.run(cfg, dir.resolve("reference-" + format)).evalLog());
        int total = reference.size();

        var random = new Random(SEED + format.hashCode());
        int resumes = 0, restarts = 0, lost = 0, duplicated = 0;
        for (int k = 0; k < KILLS; k++) {
            Path d = Files.createDirectories(dir.resolve(format + "-" + k));
            Process p = start(run(d, format));
            // in turn: during start-up, while samples are being written, and in the final write
            switch (k % 3) {
                case 0 -> killAfter(p, random.nextLong(50, 3_000));
                case 1 -> killAt(p, d, format, 1 + random.nextInt(total - 1), 0);
                default -> killAt(p, d, format, total, random.nextLong(0, 400));
            }
            for (int attempt = 0; finished(d, format).isEmpty(); attempt++) {
                assertThat(attempt).as("resumes after kill " + k).isLessThan(6);
                Optional<Path> torn = resumable(d, format);
                if (torn.isPresent()) resumes++;
                else restarts++; // killed before any log existed: nothing to resume, so it starts again
                if (KILLS > 3 && attempt == 0 && random.nextInt(3) == 0) {
                    // the long soak kills some resumes too
                    killAfter(start(torn.map(t -> List.of("run", "--resume", t.toString())).orElseGet(() -> run(d, format))), random.nextLong(4_000));
                } else if (torn.isPresent()) {
                    Runner.resume(torn.get(), Progress.NONE);
                } else {
                    Runner.start(cfg, d, Progress.NONE);
                }
            }
            var keys = new java.util.TreeMap<String, String>();
            for (var s : finished(d, format).orElseThrow().samples()) {
                if (keys.put(s.id() + "#" + s.epoch(), s.metadata().get("epoch_seed") + " " + covert.log.EvalLogs.outcome(s)) != null) duplicated++;
            }
            for (String key : reference.keySet()) if (!keys.containsKey(key)) lost++;
            assertThat(keys).as("kill " + k).isEqualTo(reference);
        }
        var figures = new Figures(format, KILLS, resumes, restarts, lost, duplicated, total);
        System.out.println("kill-soak: " + figures);
        assertThat(lost + duplicated).isZero();
        assertThat(resumes).as(figures.toString()).isPositive();
    }

    /** Kills the run once its log holds {@code samples} samples, {@code extra} ms later (0: at once). */
    static void killAt(Process p, Path d, String format, int samples, long extra) throws Exception {
        long deadline = System.nanoTime() + 120_000_000_000L;
        while (p.isAlive() && written(d, format) < samples) {
            if (System.nanoTime() > deadline) throw new AssertionError("the run never wrote " + samples + " samples");
            Thread.sleep(5);
        }
        killAfter(p, extra);
    }

    /** Samples the run has written so far (0 before its log exists). */
    static int written(Path d, String format) throws Exception {
        var f = resumable(d, format);
        if (f.isEmpty()) return 0;
        try {
            if (format.equals("json")) return (int) Math.max(0, Files.readAllLines(f.get()).size() - 1);
            return EvalFiles.readTorn(f.get()).samples().size();
        } catch (covert.UserError | java.io.IOException notYet) {
            return 0;
        }
    }

    @Test
    void an_empty_journal_or_log_is_a_one_line_error_not_a_crash() throws Exception {
        Path journal = Files.writeString(dir.resolve("x" + Journal.SUFFIX), "");
        covert.cli.CliTest.assertOneLineError(covert.cli.CliTest.cli("run", "--resume", journal.toString()), "killed before it started");
        Path eval = Files.writeString(dir.resolve("x.eval"), "");
        covert.cli.CliTest.assertOneLineError(covert.cli.CliTest.cli("run", "--resume", eval.toString()), "killed before it started");
    }

    List<String> run(Path logDir, String format) {
        var cmd = new ArrayList<>(List.of("run", "--log-dir", logDir.toString(), "--log-format", format));
        cmd.addAll(RUN_ARGS);
        return cmd;
    }

    Process start(List<String> args) throws Exception {
        var cmd = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(), "-cp",
                System.getProperty("java.class.path"), "covert.cli.Main"));
        cmd.addAll(args);
        return new ProcessBuilder(cmd).redirectErrorStream(true).redirectOutput(ProcessBuilder.Redirect.appendTo(dir.resolve("soak.out").toFile())).start();
    }

    static void killAfter(Process p, long millis) throws Exception {
        if (!p.waitFor(millis, java.util.concurrent.TimeUnit.MILLISECONDS)) p.destroyForcibly(); // SIGKILL
        p.waitFor();
    }

    String output() throws Exception {
        return Files.exists(dir.resolve("soak.out")) ? Files.readString(dir.resolve("soak.out")) : "";
    }

    /** The finished log in a directory, if the run there has ended. */
    static Optional<EvalLog> finished(Path d, String format) throws Exception {
        if (format.equals("json")) {
            if (!files(d, Journal.SUFFIX).isEmpty()) return Optional.empty();
            var logs = files(d, ".json");
            return logs.isEmpty() ? Optional.empty() : Optional.of(LogFiles.read(logs.get(0)));
        }
        var logs = files(d, ".eval");
        if (logs.isEmpty() || !EvalFiles.readTorn(logs.get(0)).finished()) return Optional.empty();
        return Optional.of(LogFiles.read(logs.get(0)));
    }

    /** The file a killed run announced for {@code --resume}, if the kill came after it appeared. */
    static Optional<Path> resumable(Path d, String format) throws Exception {
        var f = files(d, format.equals("json") ? Journal.SUFFIX : ".eval");
        return f.stream().findFirst();
    }

    static List<Path> files(Path d, String suffix) throws Exception {
        try (Stream<Path> s = Files.list(d)) {
            return s.filter(f -> f.getFileName().toString().endsWith(suffix)).sorted().toList();
        }
    }
}
