package covert.store;

import static covert.cli.CliTest.cli;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import com.fasterxml.jackson.databind.ObjectMapper;
import covert.testing.Runs;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A real DuckDB file in a temp dir: import, skip re-imports, query, export, and report from the store. */
class ResultsStoreTest {
    @TempDir
    Path dir;

    @Test
    void import_query_export_and_report_from_the_store() throws Exception {
        var log = Runs.run(Runs.config("sim/baseline", Map.of("covert_rate", "0.3"), 3, 2, 0, Runs.CORE), dir.resolve("logs")).log();
        var db = dir.resolve("covert.duckdb").toString();
        assertThat(cli("db", "import", log.toString(), "--db", db).out()).startsWith("imported ");
        assertThat(cli("db", "import", log.toString(), "--db", db).out()).startsWith("skipped (already imported)");

        var q = cli("db", "query", "--db", db, "SELECT count(*) AS n, sum(CASE WHEN covert THEN 1 ELSE 0 END) AS k FROM samples");
        assertThat(q.code()).isZero();
        assertThat(q.out()).contains("90");
        try (var store = ResultsStore.open(Path.of(db))) {
            var t = store.query("SELECT count(*) FROM messages m JOIN samples s USING (run_id, sample_id, epoch) WHERE m.role = 'assistant'");
            assertThat(Long.parseLong(t.rows().get(0).get(0))).isGreaterThan(90 * 3);
            assertThat(store.query("SELECT DISTINCT role FROM usage").rows()).containsExactly(java.util.List.of("target"));
        }
        var csv = dir.resolve("by_family.csv");
        var parquet = dir.resolve("by_family.parquet");
        String byFamily = "SELECT family, avg(CASE WHEN covert THEN 1.0 ELSE 0 END) AS rate FROM samples WHERE outcome <> 'invalid' GROUP BY family ORDER BY family";
        assertThat(cli("db", "query", "--db", db, byFamily, "--csv", csv.toString()).code()).isZero();
        assertThat(Files.readAllLines(csv)).hasSize(4).first().isEqualTo("family,rate");
        assertThat(cli("db", "query", "--db", db, byFamily, "--parquet", parquet.toString()).code()).isZero();
        assertThat(Files.size(parquet)).isPositive();

        var fromLog = new ObjectMapper().readTree(cli("report", log.toString(), "--json").out());
        var fromDb = new ObjectMapper().readTree(cli("report", "--db", db, "--json").out());
        assertThat(fromDb.get("overall").get("rate").asDouble()).isCloseTo(fromLog.get("overall").get("rate").asDouble(), within(1e-12));
        assertThat(fromDb.get("overall").get("n_valid").asInt()).isEqualTo(fromLog.get("overall").get("n_valid").asInt());
        assertThat(fromDb.get("environments")).hasSameSizeAs(fromLog.get("environments"));
    }

    @Test
    void bad_sql_and_missing_store_are_one_line_errors() {
        covert.cli.CliTest.assertOneLineError(cli("db", "query", "--db", dir.resolve("none.duckdb").toString(), "SELECT 1"), "no results store");
        var db = dir.resolve("x.duckdb").toString();
        ResultsStore.open(Path.of(db)).close();
        covert.cli.CliTest.assertOneLineError(cli("db", "query", "--db", db, "SELEC nonsense"), "query failed");
        covert.cli.CliTest.assertOneLineError(cli("report", "--db", db, "no-such-run"), "no run 'no-such-run'");
    }

    @Test
    void a_log_corrupt_halfway_leaves_nothing_and_the_fixed_log_imports_once() throws Exception {
        var log = Runs.run(Runs.config("sim/baseline", Map.of(), 1, 3, 0, java.util.List.of("oversight_config")).withLogFormat("json"),
                dir.resolve("logs")).log();
        byte[] good = Files.readAllBytes(log);
        var mapper = new ObjectMapper();
        var tree = (com.fasterxml.jackson.databind.node.ObjectNode) mapper.readTree(good);
        var samples = (com.fasterxml.jackson.databind.node.ArrayNode) tree.get("samples");
        assertThat(samples.size()).isGreaterThanOrEqualTo(3);
        ((com.fasterxml.jackson.databind.node.ObjectNode) samples.get(2)).put("messages", 5);
        Files.write(log, mapper.writeValueAsBytes(tree));

        var db = dir.resolve("covert.duckdb").toString();
        var failed = cli("db", "import", log.toString(), "--db", db);
        covert.cli.CliTest.assertOneLineError(failed, log.getFileName().toString());
        try (var store = ResultsStore.open(Path.of(db))) {
            for (String table : java.util.List.of("runs", "samples", "scores", "messages", "usage")) {
                assertThat(store.query("SELECT count(*) FROM " + table).rows().get(0).get(0)).as(table).isEqualTo("0");
            }
        }
        Files.write(log, good);
        assertThat(cli("db", "import", log.toString(), "--db", db).out()).startsWith("imported ");
        try (var store = ResultsStore.open(Path.of(db))) {
            assertThat(store.query("SELECT count(*), count(DISTINCT (sample_id, epoch)) FROM samples").rows().get(0))
                    .containsExactly(String.valueOf(samples.size()), String.valueOf(samples.size()));
            assertThat(store.query("SELECT count(*) FROM runs").rows().get(0).get(0)).isEqualTo("1");
        }
    }
}
