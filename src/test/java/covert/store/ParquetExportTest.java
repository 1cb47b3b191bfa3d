package covert.store;

import static org.assertj.core.api.Assertions.assertThat;

import covert.cli.CliTest;
import covert.testing.Runs;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.DriverManager;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ParquetExportTest {
    @TempDir
    Path dir;

    @Test
    void the_export_is_partitioned_by_run_and_reports_read_it_like_the_store() throws Exception {
        Path db = dir.resolve("s.duckdb");
        var a = Runs.run(Runs.config("sim/baseline", Map.of(), 2, 3, 0, Runs.CORE), dir.resolve("a")).log();
        var b = Runs.run(Runs.config("sim/antischeming", Map.of(), 2, 3, 0, Runs.CORE), dir.resolve("b")).log();
        assertThat(CliTest.cli("db", "import", a.toString(), b.toString(), "--db", db.toString()).code()).isZero();
        Path out = dir.resolve("export");
        var r = CliTest.cli("db", "export", "--parquet", out.toString(), "--db", db.toString());
        assertThat(r.code()).as(r.err()).isZero();
        String runA, runB;
        try (var store = ResultsStore.open(db)) {
            var ids = StoreLogs.runIds(store);
            runA = ids.get(0);
            runB = ids.get(1);
        }
        for (String t : ParquetExport.TABLES) {
            assertThat(out.resolve(t).resolve("run_id=" + runA)).as(t).isDirectory();
        }
        // Any Parquet reader with hive partitioning sees the same rows; DuckDB stands in for Spark and pandas here.
        try (var c = DriverManager.getConnection("jdbc:duckdb:"); var st = c.createStatement();
             var store = ResultsStore.open(db)) {
            for (String t : ParquetExport.TABLES) {
                var rs = st.executeQuery("SELECT count(*), count(DISTINCT run_id) FROM read_parquet('" + out.resolve(t) + "/**/*.parquet', hive_partitioning = true)");
                rs.next();
                assertThat(rs.getLong(1)).as(t).isEqualTo(Long.parseLong(store.query("SELECT count(*) FROM " + t).rows().get(0).get(0))).isPositive();
                assertThat(rs.getLong(2)).as(t).isEqualTo(2);
            }
        }
        var fromDb = CliTest.cli("report", "--db", db.toString(), "--json");
        var fromParquet = CliTest.cli("report", "--db", out.toString(), "--json");
        assertThat(fromParquet.code()).as(fromParquet.err()).isZero();
        assertThat(fromParquet.out().replace(out.toString(), "SRC")).isEqualTo(fromDb.out().replace(db.toString(), "SRC"));
        var cmpDb = CliTest.cli("compare", runA, runB, "--db", db.toString(), "--json");
        var cmpParquet = CliTest.cli("compare", runA, runB, "--db", out.toString(), "--json");
        assertThat(cmpParquet.code()).as(cmpParquet.err()).isZero();
        assertThat(cmpParquet.out()).isEqualTo(cmpDb.out()).contains("\"reduction");
        CliTest.assertOneLineError(CliTest.cli("db", "export", "--parquet", out.toString(), "--db", db.toString()), "not an empty folder");
        Files.createDirectories(dir.resolve("notexport"));
        CliTest.assertOneLineError(CliTest.cli("report", "--db", dir.resolve("notexport").toString()), "not a covert db export");
    }
}
