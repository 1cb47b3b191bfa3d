package covert.store;

import covert.score.Outcome;
import covert.log.OutcomeCodec;
import covert.UserError;
import covert.log.EvalLog;
import covert.log.Json;
import covert.model.Message;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.duckdb.DuckDBAppender;
import org.duckdb.DuckDBConnection;

/**
 * An embedded DuckDB file of imported logs: one row per run, sample, score, message and usage record.
 * Rows go in through DuckDB's Appender (JDBC batches cost about 170 µs a row). Analyses read logs or this
 * store, never live runs.
 */
public final class ResultsStore implements AutoCloseable {
    static final String SCHEMA = """
            CREATE TABLE IF NOT EXISTS runs (run_id VARCHAR PRIMARY KEY, log VARCHAR, task VARCHAR, model VARCHAR, suite VARCHAR,
              created VARCHAR, seed VARCHAR, epochs INTEGER, simulated BOOLEAN, samples INTEGER, checkpoint VARCHAR, step BIGINT, phase VARCHAR);
            CREATE TABLE IF NOT EXISTS samples (run_id VARCHAR, sample_id VARCHAR, epoch INTEGER, environment VARCHAR, family VARCHAR,
              grp VARCHAR, headline BOOLEAN, variant VARCHAR, epoch_seed VARCHAR, outcome VARCHAR, covert BOOLEAN, kinds VARCHAR,
              evidence VARCHAR, report VARCHAR, error VARCHAR, total_time DOUBLE, input_tokens BIGINT, output_tokens BIGINT,
              message_count INTEGER, aware BOOLEAN);
            CREATE TABLE IF NOT EXISTS scores (run_id VARCHAR, sample_id VARCHAR, epoch INTEGER, scorer VARCHAR, value VARCHAR,
              value_num DOUBLE, explanation VARCHAR);
            CREATE TABLE IF NOT EXISTS messages (run_id VARCHAR, sample_id VARCHAR, epoch INTEGER, idx INTEGER, role VARCHAR,
              text VARCHAR, reasoning VARCHAR, tool_calls VARCHAR, tool_call_id VARCHAR, function VARCHAR);
            CREATE TABLE IF NOT EXISTS usage (run_id VARCHAR, sample_id VARCHAR, epoch INTEGER, role VARCHAR, model VARCHAR,
              input_tokens BIGINT, output_tokens BIGINT, total_tokens BIGINT);
            """;
    /** Stores made before runs recorded checkpoints get the columns on open. */
    private static final String MIGRATE = """
            ALTER TABLE runs ADD COLUMN IF NOT EXISTS checkpoint VARCHAR;
            ALTER TABLE runs ADD COLUMN IF NOT EXISTS step BIGINT;
            ALTER TABLE runs ADD COLUMN IF NOT EXISTS phase VARCHAR;
            """;

    /**
     * P(covert | aware) / P(covert | not aware) per run, {@code aware} being task-phase awareness: crude (pooled over all
     * environments, Katz interval) and Mantel–Haenszel (stratified by environment over headline environments,
     * Greenland–Robins interval), as {@code covert.stats.MantelHaenszel} and the report compute them; 95% intervals.
     */
    static final String AWARE_CONDITIONAL = """
            CREATE OR REPLACE VIEW aware_conditional AS
            WITH t AS (
              SELECT run_id, environment, bool_and(headline) AS headline,
                     CAST(count(*) FILTER (WHERE aware AND covert) AS DOUBLE) AS a, CAST(count(*) FILTER (WHERE aware) AS DOUBLE) AS n1,
                     CAST(count(*) FILTER (WHERE NOT aware AND covert) AS DOUBLE) AS c, CAST(count(*) FILTER (WHERE NOT aware) AS DOUBLE) AS n0
              FROM samples WHERE covert IS NOT NULL GROUP BY run_id, environment),
            s AS (
              SELECT run_id, sum(a) AS ca, sum(n1) AS cn1, sum(c) AS cc, sum(n0) AS cn0,
                     sum(a * n0 / (n1 + n0)) FILTER (WHERE headline AND n1 > 0 AND n0 > 0) AS r,
                     sum(c * n1 / (n1 + n0)) FILTER (WHERE headline AND n1 > 0 AND n0 > 0) AS q,
                     sum(((a + c) * n1 * n0 - a * c * (n1 + n0)) / ((n1 + n0) * (n1 + n0))) FILTER (WHERE headline AND n1 > 0 AND n0 > 0) AS v,
                     count(*) FILTER (WHERE headline AND n1 > 0 AND n0 > 0) AS mh_strata
              FROM t GROUP BY run_id)
            SELECT run_id, ca AS covert_aware, cn1 AS n_aware, cc AS covert_unaware, cn0 AS n_unaware,
                   CASE WHEN ca > 0 AND cc > 0 THEN (ca / cn1) / (cc / cn0) END AS crude_ratio,
                   CASE WHEN ca > 0 AND cc > 0 THEN exp(ln((ca / cn1) / (cc / cn0)) - 1.959963984540054 * sqrt(1 / ca - 1 / cn1 + 1 / cc - 1 / cn0)) END AS crude_lower,
                   CASE WHEN ca > 0 AND cc > 0 THEN exp(ln((ca / cn1) / (cc / cn0)) + 1.959963984540054 * sqrt(1 / ca - 1 / cn1 + 1 / cc - 1 / cn0)) END AS crude_upper,
                   CASE WHEN r > 0 AND q > 0 THEN r / q END AS mh_ratio,
                   CASE WHEN r > 0 AND q > 0 THEN exp(ln(r / q) - 1.959963984540054 * sqrt(v / (r * q))) END AS mh_lower,
                   CASE WHEN r > 0 AND q > 0 THEN exp(ln(r / q) + 1.959963984540054 * sqrt(v / (r * q))) END AS mh_upper,
                   mh_strata
            FROM s
            """;

    private final DuckDBConnection conn;

    private ResultsStore(DuckDBConnection conn) {
        this.conn = conn;
    }

    public static ResultsStore open(Path db) {
        try {
            Class.forName("org.duckdb.DuckDBDriver");
            var c = (DuckDBConnection) DriverManager.getConnection("jdbc:duckdb:" + db.toAbsolutePath());
            try (var st = c.createStatement()) {
                for (String ddl : (SCHEMA + MIGRATE).split(";")) if (!ddl.isBlank()) st.execute(ddl);
                st.execute(AWARE_CONDITIONAL);
            }
            return new ResultsStore(c);
        } catch (SQLException | ClassNotFoundException e) {
            throw new UserError("cannot open results store " + db + ": " + e.getMessage());
        }
    }

    public Connection connection() {
        return conn;
    }

    public boolean hasRun(String runId) throws SQLException {
        try (var ps = conn.prepareStatement("SELECT 1 FROM runs WHERE run_id = ?")) {
            ps.setString(1, runId);
            try (var rs = ps.executeQuery()) {
                return rs.next();
            }
        }
    }

    /**
     * Imports one log, streaming its samples; returns the number imported, or -1 (and changes nothing) when
     * its run is already in the store.
     */
    public int importLog(Path path) throws SQLException {
        EvalLog header = covert.log.LogFiles.header(path);
        if (hasRun(header.eval().runId())) return -1;
        String run = header.eval().runId();
        return inTransaction(() -> {
            int[] n = {0};
            try (var s = conn.createAppender(DuckDBConnection.DEFAULT_SCHEMA, "samples");
                 var sc = conn.createAppender(DuckDBConnection.DEFAULT_SCHEMA, "scores");
                 var m = conn.createAppender(DuckDBConnection.DEFAULT_SCHEMA, "messages");
                 var u = conn.createAppender(DuckDBConnection.DEFAULT_SCHEMA, "usage")) {
                var log = covert.log.LogFiles.stream(path, x -> {
                    try {
                        appendSample(run, x, s, sc, m, u);
                        n[0]++;
                    } catch (SQLException e) {
                        throw new IllegalStateException(e);
                    }
                });
                s.flush(); sc.flush(); m.flush(); u.flush();
                addRun(path, log, n[0]);
            } catch (IllegalStateException e) {
                if (e.getCause() instanceof SQLException q) throw q;
                throw e;
            }
            return n[0];
        });
    }

    private interface Work<T> {
        T run() throws SQLException;
    }

    /**
     * Runs one log's import as one transaction: a log that turns out corrupt halfway leaves no rows behind, so
     * importing the fixed log later counts each sample once. (Leaving auto-commit would commit, so roll back first.)
     */
    private <T> T inTransaction(Work<T> work) throws SQLException {
        conn.setAutoCommit(false);
        // DuckDB's JDBC driver opens the transaction at the next statement; an appender flushed before any statement
        // runs in an auto-committed transaction of its own, which a rollback cannot undo. So open it now.
        boolean committed = false;
        try {
            try (var st = conn.createStatement()) {
                st.execute("SELECT 1");
            }
            T result = work.run();
            conn.commit();
            committed = true;
            return result;
        } finally {
            try {
                if (!committed) conn.rollback();
            } finally {
                conn.setAutoCommit(true);
            }
        }
    }

    private void addRun(Path path, EvalLog log, int samples) throws SQLException {
        String run = log.eval().runId();
        var spec = log.eval();
        try (var a = conn.createAppender(DuckDBConnection.DEFAULT_SCHEMA, "runs")) {
            Object seed = spec.modelGenerateConfig() == null ? null : spec.modelGenerateConfig().get("seed");
            Object epochs = spec.config() == null ? null : spec.config().get("epochs");
            a.beginRow().append(run).append(path.toString()).append(spec.task()).append(spec.model())
                    .append(spec.dataset() == null ? "" : spec.dataset().name()).append(spec.created()).append(String.valueOf(seed))
                    .append(epochs instanceof Number n ? n.intValue() : 0)
                    .append(spec.metadata() != null && Boolean.TRUE.equals(spec.metadata().get("simulated"))).append(samples);
            var cp = covert.model.Checkpoint.fromMetadata(spec.metadata());
            a.append(cp.map(covert.model.Checkpoint::name).orElse(null));
            if (cp.isPresent() && cp.get().step() != null) a.append(cp.get().step().longValue());
            else a.appendNull();
            a.append(cp.map(covert.model.Checkpoint::phase).orElse(null)).endRow();
        }
    }

    private static void appendSample(String run, EvalLog.EvalSample x, DuckDBAppender s, DuckDBAppender sc, DuckDBAppender m,
                                     DuckDBAppender u) throws SQLException {
        Map<String, Object> meta = x.metadata() == null ? Map.of() : x.metadata();
        var score = x.scores() == null ? null : x.scores().get(covert.log.SampleRecord.SCORER);
        Map<String, Object> sm = score == null || score.metadata() == null ? Map.of() : score.metadata();
        var outcome = OutcomeCodec.kind(x);
        var usage = x.roleUsage() == null ? null : x.roleUsage().get("target");
        s.beginRow().append(run).append(x.id()).append(x.epoch()).append(str(meta.get("environment"))).append(str(meta.get("family")))
                .append(str(meta.get("group"))).append(!Boolean.FALSE.equals(meta.get("headline"))).append(json(meta.get("variant")))
                .append(str(meta.get("epoch_seed"))).append(outcome.wire());
        if (!outcome.rated()) s.appendNull();
        else s.append(outcome == Outcome.Kind.COVERT);
        s.append(sm.get("kinds") instanceof List<?> k ? String.join(",", k.stream().map(String::valueOf).toList()) : "")
                .append(sm.get("evidence") instanceof List<?> ev ? String.join("\n", ev.stream().map(String::valueOf).toList()) : "")
                .append(str(meta.get("report"))).append(x.error() == null ? null : x.error().message())
                .append(x.totalTime() == null ? 0 : x.totalTime()).append(usage == null ? 0 : usage.inputTokens())
                .append(usage == null ? 0 : usage.outputTokens()).append(messageCount(x)).append(Boolean.TRUE.equals(meta.get("aware"))).endRow();
        if (x.scores() != null) {
            for (var e : x.scores().entrySet()) {
                Object v = e.getValue().value();
                sc.beginRow().append(run).append(x.id()).append(x.epoch()).append(e.getKey()).append(String.valueOf(v));
                if (v instanceof Number n) sc.append(n.doubleValue());
                else if (v instanceof Boolean b) sc.append(b ? 1.0 : 0.0);
                else sc.appendNull();
                sc.append(e.getValue().explanation()).endRow();
            }
        }
        int i = 0;
        for (var msg : x.messages() == null ? List.<Message>of() : x.messages()) {
            m.beginRow().append(run).append(x.id()).append(x.epoch()).append(i++);
            switch (msg) {
                case Message.SystemMessage sys -> m.append("system").append(sys.content()).append((String) null).append((String) null)
                        .append((String) null).append((String) null);
                case Message.UserMessage usr -> m.append("user").append(usr.content()).append((String) null).append((String) null)
                        .append((String) null).append((String) null);
                case Message.AssistantMessage as -> m.append("assistant").append(as.text()).append(as.reasoning())
                        .append(as.toolCalls().isEmpty() ? null : json(as.toolCalls())).append((String) null).append((String) null);
                case Message.ToolMessage t -> m.append("tool").append(t.content()).append((String) null).append((String) null)
                        .append(t.toolCallId()).append(t.function());
            }
            m.endRow();
        }
        if (x.roleUsage() != null) {
            for (var e : x.roleUsage().entrySet()) {
                String model = x.modelUsage() == null || x.modelUsage().isEmpty() ? "" : x.modelUsage().keySet().iterator().next();
                u.beginRow().append(run).append(x.id()).append(x.epoch()).append(e.getKey()).append(model).append(e.getValue().inputTokens())
                        .append(e.getValue().outputTokens()).append(e.getValue().totalTokens()).endRow();
            }
        }
    }

    private static int messageCount(EvalLog.EvalSample x) {
        if (x.messages() != null && !x.messages().isEmpty()) return x.messages().size();
        return x.metadata() != null && x.metadata().get("message_count") instanceof Number n ? n.intValue() : 0;
    }

    /**
     * Imports only what list pages need (runs and samples) from an {@code .eval} log's summaries, letting
     * DuckDB's JSON reader parse them: a fraction of a full import, so a viewer opens large logs at once and
     * loads transcripts on demand.
     */
    public int importSummaries(Path evalLog) throws SQLException {
        Path header, summaries;
        try {
            // DuckDB parses both entries itself: no Jackson start-up on the path to the viewer's first page.
            header = java.nio.file.Files.createTempFile("covert-header", ".json");
            summaries = java.nio.file.Files.createTempFile("covert-summaries", ".json");
            var found = covert.log.EvalFiles.extract(evalLog, Map.of("header.json", header, "summaries.json", summaries));
            if (!found) throw new UserError(evalLog + ": no header.json or summaries.json (unfinished run? resume it with covert run --resume)");
        } catch (java.io.IOException e) {
            throw new UserError(evalLog + ": cannot read: " + e.getMessage());
        }
        try {
            String run;
            try (var ps = conn.prepareStatement("SELECT json->>'$.eval.run_id' FROM read_json_objects(?)")) {
                ps.setString(1, header.toString());
                try (var rs = ps.executeQuery()) {
                    rs.next();
                    run = rs.getString(1);
                }
            }
            if (hasRun(run)) return -1;
            return inTransaction(() -> {
            int n;
            try (var ps = conn.prepareStatement("""
                    INSERT INTO samples (run_id, sample_id, epoch, environment, family, grp, headline, variant, epoch_seed, outcome, covert,
                                         kinds, evidence, report, error, total_time, input_tokens, output_tokens, message_count, aware)
                    SELECT ?, j->>'$.id', CAST(j->>'$.epoch' AS INTEGER), j->>'$.metadata.environment', j->>'$.metadata.family',
                           j->>'$.metadata.group', coalesce(CAST(j->>'$.metadata.headline' AS BOOLEAN), true), CAST(j->'$.metadata.variant' AS VARCHAR),
                           j->>'$.metadata.epoch_seed', coalesce(j->>'$.scores.covert_action.metadata.outcome', 'invalid'),
                           CASE coalesce(j->>'$.scores.covert_action.metadata.outcome', 'invalid') WHEN 'covert' THEN true WHEN 'honest' THEN false END,
                           coalesce(array_to_string(CAST(j->'$.scores.covert_action.metadata.kinds' AS VARCHAR[]), ','), ''), '', NULL, j->>'$.error',
                           CAST(j->>'$.total_time' AS DOUBLE), CAST(j->>'$.role_usage.target.input_tokens' AS BIGINT),
                           CAST(j->>'$.role_usage.target.output_tokens' AS BIGINT), CAST(j->>'$.message_count' AS INTEGER),
                           coalesce(CAST(j->>'$.metadata.aware' AS BOOLEAN), false)
                    FROM (SELECT json AS j FROM read_json_objects(?, format = 'array'))""")) {
                ps.setString(1, run);
                ps.setString(2, summaries.toString());
                n = ps.executeUpdate();
            }
            try (var ps = conn.prepareStatement("""
                    INSERT INTO runs SELECT json->>'$.eval.run_id', ?, json->>'$.eval.task', json->>'$.eval.model', json->>'$.eval.dataset.name',
                           json->>'$.eval.created', json->>'$.eval.model_generate_config.seed', CAST(json->>'$.eval.config.epochs' AS INTEGER),
                           coalesce(CAST(json->>'$.eval.metadata.simulated' AS BOOLEAN), false), ?,
                           json->>'$.eval.metadata.checkpoint.name', CAST(json->>'$.eval.metadata.checkpoint.step' AS BIGINT),
                           json->>'$.eval.metadata.checkpoint.phase'
                    FROM read_json_objects(?)""")) {
                ps.setString(1, evalLog.toString());
                ps.setInt(2, n);
                ps.setString(3, header.toString());
                ps.executeUpdate();
            }
            return n;
            });
        } finally {
            try {
                java.nio.file.Files.deleteIfExists(header);
                java.nio.file.Files.deleteIfExists(summaries);
            } catch (java.io.IOException ignored) {
                // temp files left behind are harmless
            }
        }
    }

    /** A store over a connection whose tables (or views) someone else set up, e.g. {@link ParquetExport#open}. */
    static ResultsStore wrap(DuckDBConnection c) {
        return new ResultsStore(c);
    }

    /** An in-memory store, for a viewer over log files. */
    public static ResultsStore inMemory() {
        try {
            Class.forName("org.duckdb.DuckDBDriver");
            var c = (DuckDBConnection) DriverManager.getConnection("jdbc:duckdb:");
            try (var st = c.createStatement()) {
                for (String ddl : SCHEMA.split(";")) if (!ddl.isBlank()) st.execute(ddl);
            }
            return new ResultsStore(c);
        } catch (SQLException | ClassNotFoundException e) {
            throw new UserError("cannot start an in-memory results store: " + e.getMessage());
        }
    }

    private static String str(Object o) {
        return o == null ? null : String.valueOf(o);
    }

    private static String json(Object o) {
        try {
            return o == null ? null : Json.MAPPER.writeValueAsString(o);
        } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
            return String.valueOf(o);
        }
    }

    /** Runs a query and returns column names and rows as strings. */
    public Table query(String sql) {
        try (var st = conn.createStatement(); var rs = st.executeQuery(sql)) {
            var md = rs.getMetaData();
            var cols = new ArrayList<String>();
            for (int c = 1; c <= md.getColumnCount(); c++) cols.add(md.getColumnLabel(c));
            var rows = new ArrayList<List<String>>();
            while (rs.next()) {
                var row = new ArrayList<String>();
                for (int c = 1; c <= cols.size(); c++) row.add(rs.getString(c));
                rows.add(row);
            }
            return new Table(cols, rows);
        } catch (SQLException e) {
            throw new UserError("query failed: " + e.getMessage().split("\n")[0]);
        }
    }

    /** Writes a query's result with DuckDB's own COPY, as CSV or Parquet. */
    public void export(String sql, Path file, String format) {
        String target = file.toAbsolutePath().toString().replace("'", "''");
        try (var st = conn.createStatement()) {
            st.execute("COPY (" + sql + ") TO '" + target + "' (FORMAT " + format + (format.equals("csv") ? ", HEADER" : "") + ")");
        } catch (SQLException e) {
            throw new UserError("export failed: " + e.getMessage().split("\n")[0]);
        }
    }

    public record Table(List<String> columns, List<List<String>> rows) {}

    @Override
    public void close() {
        try {
            conn.close();
        } catch (SQLException ignored) {
            // closing an embedded database cannot lose data that was committed
        }
    }
}
