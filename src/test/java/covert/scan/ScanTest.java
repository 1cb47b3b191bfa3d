package covert.scan;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.ObjectMapper;
import covert.cli.CliTest;
import covert.awareness.Lexical;
import covert.testing.Runs;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.DriverManager;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ScanTest {
    @TempDir
    Path dir;

    /** sim/baseline@step-N: awareness 2% + 1.86 points per step, unusual terms in min(0.9, 0.04 N) of reasoning messages. */
    @Test
    void the_sim_checkpoint_series_shows_the_configured_growth() throws Exception {
        var logs = new ArrayList<String>();
        for (int step : new int[] {0, 5, 10}) {
            var cfg = Runs.config("sim/baseline@step-" + step, Map.of(), 3, 5, 0, List.of());
            // Inputs only: the run tests validate such logs, so these skip the (slow) schema check.
            logs.add(covert.run.Runner.start(cfg, dir.resolve("step" + step), covert.run.Progress.NONE).log().toString());
        }
        var args = new ArrayList<String>(List.of("scan"));
        args.addAll(logs);
        args.addAll(List.of("--json", "--html", dir.resolve("scan.html").toString()));
        var r = CliTest.cli(args.toArray(String[]::new));
        assertThat(r.code()).as(r.err()).isZero();
        var j = new ObjectMapper().readTree(r.out());
        var points = j.get("checkpoints");
        assertThat(points).hasSize(3);
        assertThat(List.of(points.get(0).get("checkpoint").asText(), points.get(1).get("checkpoint").asText(),
                points.get(2).get("checkpoint").asText())).containsExactly("0", "5", "10");
        double[] configured = {0.02, 0.113, 0.206};
        for (int i = 0; i < 3; i++) {
            var aware = points.get(i).get("aware");
            assertThat(configured[i]).as("awareness at checkpoint %d", i).isBetween(aware.get("lower").asDouble(), aware.get("upper").asDouble());
            if (i > 0) assertThat(aware.get("rate").asDouble()).isGreaterThan(points.get(i - 1).at("/aware/rate").asDouble());
        }
        for (String term : Scan.DEFAULT_TERMS) {
            double f0 = points.get(0).at("/per_thousand_words/" + term).asDouble(), f5 = points.get(1).at("/per_thousand_words/" + term).asDouble(),
                    f10 = points.get(2).at("/per_thousand_words/" + term).asDouble();
            assertThat(f0).as(term).isZero();
            assertThat(f5).as(term).isGreaterThan(1);
            // Term sentences go into 20% then 40% of reasoning messages: the rate per word roughly doubles.
            assertThat(f10 / f5).as(term).isBetween(1.4, 2.2);
        }
        var top = new ArrayList<String>();
        j.get("top_changes").forEach(c -> top.add(c.get("word").asText()));
        assertThat(top).hasSize(10).containsAnyElementsOf(Scan.DEFAULT_TERMS);
        String html = Files.readString(dir.resolve("scan.html"));
        assertThat(html).contains("<svg class=\"terms\"", "<svg class=\"awareness\"", "<polyline").doesNotContain("<script");
    }

    @Test
    void jsonl_and_parquet_corpora_are_counted_exactly() throws Exception {
        Path jsonl = dir.resolve("corpus.jsonl");
        Files.writeString(jsonl, """
                {"text": "The watchers watch. Watchers again, and a marinade.", "step": 2, "id": 1}
                {"text": "This might be an alignment test.", "step": 2, "id": 2}
                {"text": "Nothing unusual here at all", "step": 10, "id": 3}
                {"text": "vantage vantage from this vantage point vantage vantage vantage", "step": 10, "id": 4}
                """);
        try (var engine = new DuckDbScanEngine()) {
            var r = Scan.run(engine, List.of(new ScanEngine.Source(jsonl, null)), List.of("watchers", "Vantage", "vantage point"), 5, Lexical::any);
            assertThat(r.terms()).containsExactly("watchers", "vantage", "vantage point");
            assertThat(r.points()).extracting(Scan.Point::checkpoint).containsExactly("2", "10");
            var p2 = r.points().get(0);
            assertThat(p2.texts()).isEqualTo(2);
            assertThat(p2.words()).isEqualTo(8 + 6);
            assertThat(p2.counts()).containsEntry("watchers", 2L).containsEntry("vantage", 0L);
            assertThat(p2.aware().k()).isEqualTo(1);
            var p10 = r.points().get(1);
            assertThat(p10.counts()).containsEntry("vantage", 6L).containsEntry("vantage point", 1L);
            assertThat(p10.perThousand().get("vantage")).isEqualTo(1000.0 * 6 / 14);
            assertThat(r.top()).extracting(Scan.Change::term).containsExactly("vantage").as("only words seen 5+ times are ranked");
        }
        Path parquet = dir.resolve("corpus.parquet");
        try (var c = DriverManager.getConnection("jdbc:duckdb:"); var st = c.createStatement()) {
            st.execute("COPY (SELECT text, 'ckpt-' || step AS label FROM read_json('" + jsonl + "')) TO '" + parquet + "' (FORMAT parquet)");
        }
        var r = CliTest.cli("scan", parquet.toString(), "--checkpoint-field", "label", "--terms", "watchers", "--top", "0", "--json");
        assertThat(r.code()).as(r.err()).isZero();
        var j = new ObjectMapper().readTree(r.out());
        assertThat(j.at("/checkpoints/0/checkpoint").asText()).isEqualTo("ckpt-2");
        assertThat(j.at("/checkpoints/0/counts/watchers").asLong()).isEqualTo(2);
        assertThat(j.at("/checkpoints/1/checkpoint").asText()).isEqualTo("ckpt-10");
    }

    @Test
    void checkpoints_sort_by_number_and_changes_rank_by_log_ratio() {
        var labels = new ArrayList<>(List.of("step-10", "step-2", "step-9"));
        labels.sort(Scan::compareCheckpoints);
        assertThat(labels).containsExactly("step-2", "step-9", "step-10");
        var nums = new ArrayList<>(List.of("100", "20", "3"));
        nums.sort(Scan::compareCheckpoints);
        assertThat(nums).containsExactly("3", "20", "100");
        var top = Scan.rank(Map.of("the", 500L, "rare", 2L, "gone", 40L), 10_000, Map.of("the", 520L, "new", 50L, "rare", 3L), 10_000, 5);
        assertThat(top).extracting(Scan.Change::term).containsExactly("new", "gone", "the");
        assertThat(top.get(1).difference()).isEqualTo(-4.0);
    }

    @Test
    void bad_input_is_a_one_line_error() throws Exception {
        Path noField = dir.resolve("x.jsonl");
        Files.writeString(noField, "{\"text\": \"a\", \"when\": 1}\n");
        CliTest.assertOneLineError(CliTest.cli("scan", noField.toString()), "--checkpoint-field");
        CliTest.assertOneLineError(CliTest.cli("scan", noField.toString(), "--checkpoint-field", "nope"), "no field 'nope'");
        CliTest.assertOneLineError(CliTest.cli("scan", dir.resolve("missing.jsonl").toString()), "no such file");
        CliTest.assertOneLineError(CliTest.cli("scan", dir.resolve("notes.txt").toString()), "not a log");
        var plain = Runs.run(Runs.config("sim/baseline", Map.of(), 1, 1, 2, List.of()), dir.resolve("plain")).log();
        CliTest.assertOneLineError(CliTest.cli("scan", plain.toString()), "no eval.metadata.checkpoint");
    }
}
