package covert.view;

import covert.UserError;
import covert.log.EvalFiles;
import covert.log.EvalLog;
import covert.log.Json;
import covert.stats.Interval;
import covert.store.ResultsStore;
import java.io.IOException;
import java.nio.file.Path;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * A {@link ViewSource} over a DuckDB results store: list pages are SQL queries with LIMIT/OFFSET, and a
 * sample's transcript is read from its {@code .eval} log only when its page is opened. Over log files it
 * imports just their summaries into an in-memory store, so a large log opens without reading transcripts.
 */
public final class StoreViewSource implements ViewSource {
    private final ResultsStore store;

    private StoreViewSource(ResultsStore store) {
        this.store = store;
    }

    public static StoreViewSource ofDb(Path db) {
        if (!java.nio.file.Files.exists(db)) throw new UserError("no results store at " + db);
        return new StoreViewSource(ResultsStore.open(db));
    }

    public static StoreViewSource ofEvalLogs(List<Path> logs) {
        var store = ResultsStore.inMemory();
        try {
            for (Path p : logs) store.importSummaries(p);
        } catch (SQLException e) {
            store.close();
            throw new UserError("cannot index logs: " + e.getMessage());
        }
        return new StoreViewSource(store);
    }

    private static final String RUNS = """
            SELECT r.run_id, r.log, r.model, r.suite, r.created, r.simulated,
                   count(*) FILTER (WHERE s.covert IS NOT NULL) AS valid, count(*) FILTER (WHERE s.outcome = 'invalid') AS invalid,
                   avg(CASE WHEN s.covert THEN 1.0 ELSE 0 END) FILTER (WHERE s.covert IS NOT NULL) AS rate,
                   avg(CASE WHEN s.aware THEN 1.0 ELSE 0 END) FILTER (WHERE s.covert IS NOT NULL) AS aware_rate,
                   count(*) FILTER (WHERE s.outcome = 'incomplete') AS incomplete
            FROM runs r LEFT JOIN samples s USING (run_id) %s GROUP BY ALL ORDER BY r.created""";

    @Override
    public List<RunRow> runs() {
        return query(String.format(RUNS, ""), ps -> {}, StoreViewSource::runRow);
    }

    @Override
    public Optional<RunRow> run(String runId) {
        return query(String.format(RUNS, "WHERE r.run_id = ?"), ps -> ps.setString(1, runId), StoreViewSource::runRow).stream().findFirst();
    }

    private static RunRow runRow(ResultSet rs) throws SQLException {
        return new RunRow(rs.getString(1), rs.getString(2), rs.getString(3), rs.getString(4), rs.getString(5), rs.getInt(7), rs.getInt(11), rs.getInt(8),
                (Double) rs.getObject(9), (Double) rs.getObject(10), rs.getBoolean(6));
    }

    @Override
    public List<EnvRow> environments(String runId) {
        return query("""
                SELECT environment, any_value(family), any_value(grp), count(*) FILTER (WHERE covert IS NOT NULL),
                       count(*) FILTER (WHERE covert), count(*) FILTER (WHERE outcome = 'invalid'), count(*) FILTER (WHERE aware AND covert IS NOT NULL),
                       count(*) FILTER (WHERE outcome = 'incomplete')
                FROM samples WHERE run_id = ? GROUP BY environment ORDER BY environment""", ps -> ps.setString(1, runId), rs -> {
            int n = rs.getInt(4), k = rs.getInt(5);
            var r = Interval.WILSON.of95(k, n);
            return new EnvRow(rs.getString(1), rs.getString(2), rs.getString(3), n, k, rs.getInt(8), rs.getInt(6), rs.getInt(7), r.rate(), r.lower(), r.upper());
        });
    }

    @Override
    public Page<SampleRow> samples(String runId, String env, Filter filter, int page, int size) {
        String where = "run_id = ?" + (env == null ? "" : " AND environment = ?") + switch (filter) {
            case ALL -> "";
            case COVERT -> " AND covert";
            case AWARE -> " AND aware";
            case INCOMPLETE -> " AND outcome = 'incomplete'";
            case INVALID -> " AND outcome = 'invalid'";
        };
        SqlBinder bind = ps -> {
            ps.setString(1, runId);
            if (env != null) ps.setString(2, env);
        };
        long total = query("SELECT count(*) FROM samples WHERE " + where, bind, rs -> rs.getLong(1)).get(0);
        int offset = Math.max(0, page - 1) * size;
        var items = query("SELECT sample_id, epoch, environment, variant, outcome, kinds, aware FROM samples WHERE " + where
                + " ORDER BY environment, sample_id, epoch LIMIT " + size + " OFFSET " + offset, bind, StoreViewSource::sampleRow);
        return new Page<>(items, page, size, total);
    }

    @SuppressWarnings("unchecked")
    private static SampleRow sampleRow(ResultSet rs) throws SQLException {
        Map<String, Object> variant;
        try {
            String v = rs.getString(4);
            variant = v == null ? Map.of() : Json.MAPPER.readValue(v, Map.class);
        } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
            variant = Map.of();
        }
        String kinds = rs.getString(6);
        return new SampleRow(rs.getString(1), rs.getInt(2), rs.getString(3), variant, rs.getString(5),
                kinds == null || kinds.isEmpty() ? List.of() : List.of(kinds.split(",")), rs.getBoolean(7));
    }

    @Override
    public Optional<EvalLog.EvalSample> sample(String runId, String sampleId, int epoch) {
        var log = run(runId).map(RunRow::log).map(Path::of);
        if (log.isEmpty()) return Optional.empty();
        try {
            if (log.get().toString().endsWith(".eval")) return EvalFiles.sample(log.get(), sampleId, epoch);
            var found = new EvalLog.EvalSample[1];
            covert.log.LogFiles.stream(log.get(), s -> {
                if (s.id().equals(sampleId) && s.epoch() == epoch) found[0] = s;
            });
            return Optional.ofNullable(found[0]);
        } catch (IOException e) {
            throw new UserError(log.get() + ": cannot read the sample: " + e.getMessage());
        }
    }

    interface SqlBinder {
        void bind(PreparedStatement ps) throws SQLException;
    }

    interface RowMapper<T> {
        T map(ResultSet rs) throws SQLException;
    }

    private <T> List<T> query(String sql, SqlBinder bind, RowMapper<T> map) {
        try (var ps = store.connection().prepareStatement(sql)) {
            bind.bind(ps);
            try (var rs = ps.executeQuery()) {
                var out = new ArrayList<T>();
                while (rs.next()) out.add(map.map(rs));
                return out;
            }
        } catch (SQLException e) {
            throw new IllegalStateException("viewer query failed: " + e.getMessage(), e);
        }
    }

    @Override
    public void close() {
        store.close();
    }
}
