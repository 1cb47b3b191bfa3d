package covert.spark;

import static org.assertj.core.api.Assertions.assertThat;

import covert.cli.Main;
import covert.scan.AwarenessTest;
import covert.scan.DuckDbScanEngine;
import covert.scan.Scan;
import covert.scan.ScanEngine;
import covert.scan.WordForm;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.DriverManager;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Spark in local mode against DuckDB on the same corpora: every aggregate must be identical. */
class SparkScanEngineTest {
    @TempDir
    static Path dir;
    static SparkScanEngine spark;
    static DuckDbScanEngine duck;

    static final List<String> TERMS = List.of("disclaim", "watchers", "vantage point", "straße", "東京", "café");

    @BeforeAll
    static void start() {
        spark = new SparkScanEngine("local[2]");
        duck = new DuckDbScanEngine();
    }

    @AfterAll
    static void stop() {
        spark.close();
        duck.close();
    }

    static Path corpus() throws Exception {
        Path p = dir.resolve("edge.jsonl");
        var lines = new ArrayList<String>();
        lines.add("{\"text\": \"The watchers disclaimed it; this might be an alignment test.\", \"checkpoint\": \"step-1\"}");
        lines.add("{\"text\": \"A watcher from this Vantage   point: disclaim, disclaiming.\", \"checkpoint\": \"step-1\"}");
        // An empty checkpoint: texts without a single word.
        lines.add("{\"text\": \"\", \"checkpoint\": \"step-2\"}");
        lines.add("{\"text\": \"  ... !!! \", \"checkpoint\": \"step-2\"}");
        // Unicode: letters outside ASCII, CJK, an emoji, a curly apostrophe.
        lines.add("{\"text\": \"Die STRASSE, die Straße; café CAFÉ naïve 東京 東京 🙂 don't it’s\", \"checkpoint\": \"step-10\"}");
        // A very long text.
        lines.add("{\"text\": \"" + "watchers vantage point disclaim ".repeat(20_000) + "\", \"checkpoint\": \"step-10\"}");
        // Missing fields: no text, a null text, no checkpoint, and an extra field.
        lines.add("{\"checkpoint\": \"step-10\"}");
        lines.add("{\"text\": null, \"checkpoint\": \"step-10\"}");
        lines.add("{\"text\": \"no checkpoint here watchers\"}");
        lines.add("{\"text\": \"watchers\", \"checkpoint\": \"step-10\", \"extra\": 1}");
        Files.write(p, lines);
        return p;
    }

    static List<ScanEngine.Tally> sorted(List<ScanEngine.Tally> t) {
        return t.stream().sorted(Comparator.comparing(ScanEngine.Tally::checkpoint)).toList();
    }

    @Test
    void both_engines_give_identical_aggregates_on_edge_cases() throws Exception {
        var src = List.of(new ScanEngine.Source(corpus(), null));
        for (WordForm form : WordForm.values()) {
            var a = sorted(duck.tally(src, TERMS, form, AwarenessTest.LEXICAL));
            var b = sorted(spark.tally(src, TERMS, form, AwarenessTest.LEXICAL));
            assertThat(b).as(form.name()).isEqualTo(a);
        }
        var stem = sorted(spark.tally(src, TERMS, WordForm.STEM, AwarenessTest.LEXICAL));
        assertThat(stem).extracting(ScanEngine.Tally::checkpoint).containsExactly("step-1", "step-10", "step-2");
        assertThat(stem.get(0).terms()).containsEntry("disclaim", 3L).containsEntry("watchers", 2L).containsEntry("vantage point", 1L);
        assertThat(stem.get(0).aware()).isEqualTo(1);
        assertThat(stem.get(2).texts()).isEqualTo(2);
        assertThat(stem.get(2).words()).isZero();
        assertThat(stem.get(1).terms()).containsEntry("東京", 2L).containsEntry("café", 2L).containsEntry("watchers", 20_001L);
        for (String cp : List.of("step-1", "step-10", "step-2")) {
            assertThat(spark.vocabulary(src, cp, 1)).as(cp).isEqualTo(duck.vocabulary(src, cp, 1));
        }
        var opts = new Scan.Options(TERMS, WordForm.STEM, 10, AwarenessTest.LEXICAL, new Scan.Reference.FirstCheckpoint());
        assertThat(Scan.run(spark, src, opts)).isEqualTo(Scan.run(duck, src, opts));
    }

    @Test
    void parquet_reads_the_same_as_json_lines() throws Exception {
        Path jsonl = corpus();
        Path parquet = dir.resolve("edge.parquet");
        try (var c = DriverManager.getConnection("jdbc:duckdb:"); var st = c.createStatement()) {
            st.execute("COPY (SELECT text, checkpoint AS label FROM read_json('" + jsonl + "')) TO '" + parquet + "' (FORMAT parquet)");
        }
        var src = List.of(new ScanEngine.Source(parquet, "label"));
        assertThat(sorted(spark.tally(src, TERMS, WordForm.STEM, AwarenessTest.LEXICAL)))
                .isEqualTo(sorted(duck.tally(List.of(new ScanEngine.Source(jsonl, null)), TERMS, WordForm.STEM, AwarenessTest.LEXICAL)));
    }

    @Test
    void the_cli_runs_on_spark_and_bad_input_stays_one_line() throws Exception {
        Path jsonl = corpus();
        var out = new StringWriter();
        var err = new StringWriter();
        int code = Main.execute(new String[] {"scan", jsonl.toString(), "--engine", "spark", "--master", "local[1]", "--json", "--top", "3"},
                new PrintWriter(out, true), new PrintWriter(err, true));
        assertThat(code).as(err.toString()).isZero();
        assertThat(out.toString()).contains("\"checkpoint\":\"step-10\"", "\"word_form\":\"stem\"");
        Path noField = dir.resolve("x.jsonl");
        Files.writeString(noField, "{\"text\": \"a\", \"when\": 1}\n");
        err = new StringWriter();
        code = Main.execute(new String[] {"scan", noField.toString(), "--engine", "spark"}, new PrintWriter(new StringWriter(), true), new PrintWriter(err, true));
        assertThat(code).isEqualTo(2);
        assertThat(err.toString().strip()).startsWith("covert: error: ").contains("--checkpoint-field").doesNotContain("\n");
    }
}
