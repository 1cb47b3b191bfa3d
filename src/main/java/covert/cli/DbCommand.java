package covert.cli;

import covert.UserError;
import covert.store.ParquetExport;
import covert.store.ResultsStore;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

@Command(name = "db", mixinStandardHelpOptions = true, description = "Results store: import logs into DuckDB and query them with SQL.",
        subcommands = {DbCommand.Import.class, DbCommand.Query.class, DbCommand.Export.class})
final class DbCommand implements Runnable {
    @Spec
    picocli.CommandLine.Model.CommandSpec spec;

    @Override
    public void run() {
        spec.commandLine().usage(spec.commandLine().getOut());
    }

    @Command(name = "import", mixinStandardHelpOptions = true, description = "Load logs (.eval or .json) into the store; runs already there are skipped.")
    static final class Import implements Callable<Integer> {
        @Spec
        picocli.CommandLine.Model.CommandSpec spec;

        @Parameters(arity = "1..*", paramLabel = "LOG")
        List<Path> logs;

        @Option(names = "--db", defaultValue = "covert.duckdb", description = "Database file. Default: ${DEFAULT-VALUE}.")
        Path db;

        @Override
        public Integer call() throws Exception {
            var out = spec.commandLine().getOut();
            try (var store = ResultsStore.open(db)) {
                for (Path log : logs) {
                    int n = store.importLog(log);
                    out.println(n < 0 ? "skipped (already imported) " + log : "imported " + log + ": " + n + " samples");
                }
            }
            out.flush();
            return 0;
        }
    }

    @Command(name = "export", mixinStandardHelpOptions = true, description = "Write the store (runs, samples, scores, messages, usage) as "
            + "Parquet partitioned by run, for Spark, DuckDB or pandas; report and compare read the folder back with --db DIR.")
    static final class Export implements Callable<Integer> {
        @Spec
        picocli.CommandLine.Model.CommandSpec spec;

        @Option(names = "--parquet", required = true, paramLabel = "DIR", description = "A new (or empty) folder.")
        Path dir;

        @Option(names = "--db", defaultValue = "covert.duckdb", description = "Database file. Default: ${DEFAULT-VALUE}.")
        Path db;

        @Override
        public Integer call() {
            if (!java.nio.file.Files.exists(db)) throw new UserError("no results store at " + db + "; create it with covert db import");
            var out = spec.commandLine().getOut();
            try (var store = ResultsStore.open(db)) {
                ParquetExport.write(store, dir).forEach((t, n) -> out.println(t + ": " + n + " rows"));
            }
            out.println("wrote " + dir);
            out.flush();
            return 0;
        }
    }

    @Command(name = "query", mixinStandardHelpOptions = true, description = "Run SQL on the store and print a table, or write CSV/Parquet.")
    static final class Query implements Callable<Integer> {
        @Spec
        picocli.CommandLine.Model.CommandSpec spec;

        @Parameters(index = "0", paramLabel = "SQL")
        String sql;

        @Option(names = "--db", defaultValue = "covert.duckdb", description = "Database file. Default: ${DEFAULT-VALUE}.")
        Path db;

        @Option(names = "--csv", paramLabel = "FILE", description = "Write the result as CSV.")
        Path csv;

        @Option(names = "--parquet", paramLabel = "FILE", description = "Write the result as Parquet.")
        Path parquet;

        @Override
        public Integer call() {
            if (!java.nio.file.Files.exists(db)) throw new UserError("no results store at " + db + "; create it with covert db import");
            var out = spec.commandLine().getOut();
            try (var store = ResultsStore.open(db)) {
                if (csv != null) store.export(sql, csv, "csv");
                if (parquet != null) store.export(sql, parquet, "parquet");
                if (csv == null && parquet == null) out.print(render(store.query(sql)));
                else out.println("wrote " + (csv != null ? csv : parquet));
            }
            out.flush();
            return 0;
        }

        static String render(ResultsStore.Table t) {
            var widths = new ArrayList<Integer>();
            for (int c = 0; c < t.columns().size(); c++) {
                int w = t.columns().get(c).length();
                for (var r : t.rows()) w = Math.max(w, Math.min(60, String.valueOf(r.get(c)).length()));
                widths.add(w);
            }
            var sb = new StringBuilder();
            line(sb, t.columns(), widths);
            var sep = new ArrayList<String>();
            widths.forEach(w -> sep.add("-".repeat(w)));
            line(sb, sep, widths);
            for (var r : t.rows()) line(sb, r, widths);
            sb.append(t.rows().size()).append(t.rows().size() == 1 ? " row" : " rows").append('\n');
            return sb.toString();
        }

        private static void line(StringBuilder sb, List<String> cells, List<Integer> widths) {
            for (int c = 0; c < cells.size(); c++) {
                String v = String.valueOf(cells.get(c)).replace('\n', ' ');
                if (v.length() > 60) v = v.substring(0, 57) + "...";
                sb.append(c == 0 ? "" : "  ").append(String.format("%-" + widths.get(c) + "s", v));
            }
            sb.append('\n');
        }
    }
}
