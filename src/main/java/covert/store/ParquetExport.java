package covert.store;

import covert.UserError;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.util.List;
import org.duckdb.DuckDBConnection;

/**
 * The results store as a folder of Parquet, one sub-folder per table, partitioned by run ({@code runs/run_id=.../*.parquet}),
 * written by DuckDB's own COPY. Spark, DuckDB and pandas read it with hive partitioning; {@link #open} reads it back
 * as a store, so report and compare give the same numbers from the folder as from the database.
 */
public final class ParquetExport {
    public static final List<String> TABLES = List.of("runs", "samples", "scores", "messages", "usage");

    private ParquetExport() {}

    /** Writes every table of the store under {@code dir}; returns the rows written per table. */
    public static java.util.Map<String, Long> write(ResultsStore store, Path dir) {
        try {
            if (Files.exists(dir) && (!Files.isDirectory(dir) || Files.list(dir).findAny().isPresent())) {
                throw new UserError(dir + " exists and is not an empty folder; export into a new one");
            }
            Files.createDirectories(dir);
        } catch (IOException e) {
            throw new UserError("cannot create " + dir + ": " + e.getMessage());
        }
        var rows = new java.util.LinkedHashMap<String, Long>();
        try (var st = store.connection().createStatement()) {
            for (String t : TABLES) {
                try (var rs = st.executeQuery("SELECT count(*) FROM " + t)) {
                    rs.next();
                    rows.put(t, rs.getLong(1));
                }
                // An empty table still gets its folder and schema, so readers find every table.
                String target = lit(dir.resolve(t).toAbsolutePath().toString());
                if (rows.get(t) == 0) {
                    Files.createDirectories(dir.resolve(t));
                    st.execute("COPY (SELECT * FROM " + t + ") TO " + lit(dir.resolve(t).resolve("empty.parquet").toAbsolutePath().toString()) + " (FORMAT parquet)");
                } else {
                    st.execute("COPY " + t + " TO " + target + " (FORMAT parquet, PARTITION_BY (run_id))");
                }
            }
        } catch (SQLException | IOException e) {
            throw new UserError("export failed: " + String.valueOf(e.getMessage()).lines().findFirst().orElse(""));
        }
        return rows;
    }

    /** A read-only store over an exported folder: views over its Parquet, run ids restored from the partition names. */
    public static ResultsStore open(Path dir) {
        for (String t : TABLES) if (!Files.isDirectory(dir.resolve(t))) throw new UserError(dir + ": no " + t + "/ folder; not a covert db export --parquet folder");
        try {
            Class.forName("org.duckdb.DuckDBDriver");
            var c = (DuckDBConnection) DriverManager.getConnection("jdbc:duckdb:");
            try (var st = c.createStatement()) {
                for (String t : TABLES) {
                    String glob = lit(dir.resolve(t).toAbsolutePath() + "/**/*.parquet");
                    st.execute("CREATE VIEW " + t + " AS SELECT * FROM read_parquet(" + glob + ", hive_partitioning = true, union_by_name = true)");
                }
            }
            return ResultsStore.wrap(c);
        } catch (SQLException | ClassNotFoundException e) {
            throw new UserError("cannot read " + dir + ": " + String.valueOf(e.getMessage()).lines().findFirst().orElse(""));
        }
    }

    private static String lit(String s) {
        return "'" + s.replace("'", "''") + "'";
    }
}
