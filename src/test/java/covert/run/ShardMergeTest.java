package covert.run;

import static org.assertj.core.api.Assertions.assertThat;

import covert.cli.CliTest;
import covert.log.EvalLogs;
import covert.log.LogFiles;
import covert.testing.LogSchema;
import covert.testing.Runs;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ShardMergeTest {
    @TempDir
    static Path dir;

    /** sandbag_unlearning scores by a counterfactual variant: the merge must rescore it over all shards, as the unsharded run does. */
    static final RunConfig CFG = Runs.config("sim/baseline", Map.of("covert_rate", "0.4"), 3, 11, 0, Runs.CORE);
    static Set<List<Object>> unsharded;

    @BeforeAll
    static void runUnsharded() {
        unsharded = outcomes(Runs.run(CFG, dir.resolve("whole")).log());
    }

    /** (id, epoch, seed, outcome) of every sample of a log. */
    static Set<List<Object>> outcomes(Path log) {
        var out = new HashSet<List<Object>>();
        LogFiles.stream(log, s -> out.add(List.of(s.id(), s.epoch(), String.valueOf(s.metadata().get("epoch_seed")), EvalLogs.outcome(s))));
        return out;
    }

    static List<Path> shards(RunConfig cfg, int n, String name) {
        var logs = new ArrayList<Path>();
        for (int i = 1; i <= n; i++) logs.add(Runs.run(cfg.withShard(new Shard(i, n)), dir.resolve(name + "-" + n + "-" + i)).log());
        return logs;
    }

    @Test
    void merged_shards_equal_the_unsharded_run_for_1_3_and_7_shards() throws Exception {
        assertThat(unsharded).hasSizeGreaterThan(7);
        assertThat(unsharded.stream().map(l -> l.get(3)).distinct()).as("the series must have covert and honest samples").contains("covert", "honest");
        for (int n : new int[] {1, 3, 7}) {
            var logs = shards(CFG, n, "s");
            var parts = new ArrayList<Set<List<Object>>>();
            for (Path l : logs) parts.add(outcomes(l));
            assertThat(parts.stream().mapToInt(Set::size).sum()).as("each pair in exactly one shard").isEqualTo(unsharded.size());
            Path merged = dir.resolve("merged-" + n + ".eval");
            var args = new ArrayList<String>(List.of("merge", "--out", merged.toString()));
            logs.reversed().forEach(l -> args.add(l.toString()));
            var r = CliTest.cli(args.toArray(String[]::new));
            assertThat(r.code()).as(r.err()).isZero();
            LogSchema.assertValid(merged);
            assertThat(outcomes(merged)).as("n = %d", n).isEqualTo(unsharded);
            var header = LogFiles.header(merged);
            assertThat(((Map<?, ?>) header.eval().metadata().get("run")).get("shard")).isNull();
            assertThat(header.results().totalSamples()).isEqualTo(unsharded.size());
        }
    }

    @Test
    void json_shards_merge_into_a_json_log() throws Exception {
        var logs = shards(CFG.withLogFormat("json"), 2, "json");
        Path merged = dir.resolve("merged.json");
        var r = CliTest.cli("merge", logs.get(0).toString(), logs.get(1).toString(), "--out", merged.toString());
        assertThat(r.code()).as(r.err()).isZero();
        LogSchema.assertValid(merged);
        assertThat(outcomes(merged)).isEqualTo(unsharded);
    }

    @Test
    void wrong_sets_of_shards_are_refused_in_one_line() throws Exception {
        var three = shards(CFG, 3, "r");
        Path out = dir.resolve("refused.eval");
        CliTest.assertOneLineError(CliTest.cli("merge", three.get(0).toString(), three.get(1).toString(), "--out", out.toString()), "missing shards: 3/3");
        CliTest.assertOneLineError(CliTest.cli("merge", three.get(0).toString(), three.get(1).toString(), three.get(1).toString(), three.get(2).toString(),
                "--out", out.toString()), "overlapping shards");
        var otherSeed = Runs.run(Runs.config("sim/baseline", Map.of("covert_rate", "0.4"), 3, 12, 0, Runs.CORE).withShard(new Shard(3, 3)),
                dir.resolve("other")).log();
        CliTest.assertOneLineError(CliTest.cli("merge", three.get(0).toString(), three.get(1).toString(), otherSeed.toString(), "--out", out.toString()),
                "shards of different runs");
        var otherSplit = Runs.run(CFG.withShard(new Shard(3, 4)), dir.resolve("split")).log();
        CliTest.assertOneLineError(CliTest.cli("merge", three.get(0).toString(), three.get(1).toString(), otherSplit.toString(), "--out", out.toString()),
                "different splits");
        var whole = Files.list(dir.resolve("whole")).filter(p -> p.toString().endsWith(".eval")).findFirst().orElseThrow();
        CliTest.assertOneLineError(CliTest.cli("merge", whole.toString(), "--out", out.toString()), "not a shard log");
        CliTest.assertOneLineError(CliTest.cli("run", "--model", "sim/baseline", "--shard", "4/3"), "--shard must be");
        assertThat(out).doesNotExist();
        assertThat(Files.list(dir).filter(p -> p.getFileName().toString().startsWith(".merging"))).isEmpty();
    }
}
