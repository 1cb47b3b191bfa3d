package covert.scan;

import covert.UserError;
import java.nio.file.Files;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The scan on embedded DuckDB: it reads the JSON lines or Parquet files in place ({@code read_json},
 * {@code read_parquet}) and aggregates in SQL, so corpora of millions of texts stay out of the JVM heap. Only the
 * awareness test and the stemming of distinct tokens run in Java, on rows streamed back one at a time.
 */
public final class DuckDbScanEngine implements ScanEngine {
    private final Connection db;
    private String tokensFrom;

    public DuckDbScanEngine() {
        try {
            Class.forName("org.duckdb.DuckDBDriver");
            db = DriverManager.getConnection("jdbc:duckdb:");
        } catch (ClassNotFoundException | SQLException e) {
            throw new IllegalStateException("cannot start DuckDB: " + e.getMessage(), e);
        }
    }

    @Override
    public List<Tally> tally(List<Source> sources, List<String> terms, WordForm form, AwarenessTest aware) {
        String from = from(sources);
        String tokens = tokens(from);
        var totals = new LinkedHashMap<String, long[]>();
        var counts = new HashMap<String, Map<String, Long>>();
        var byForm = ScanEngine.wordsByForm(terms, form);
        try (var st = db.createStatement()) {
            try (ResultSet rs = st.executeQuery("SELECT t.checkpoint, t.n, coalesce(w.n, 0) FROM (SELECT checkpoint, count(*) AS n FROM " + from
                    + " GROUP BY checkpoint) t LEFT JOIN (SELECT checkpoint, sum(n) AS n FROM " + tokens + " GROUP BY checkpoint) w USING (checkpoint)")) {
                while (rs.next()) totals.put(rs.getString(1), new long[] {rs.getLong(2), rs.getLong(3), 0});
            }
            // Distinct tokens are few next to the corpus: normalize them in Java, then sum the matching ones in SQL.
            var matching = new HashMap<String, String>();
            if (!byForm.isEmpty()) {
                try (ResultSet rs = st.executeQuery("SELECT DISTINCT tok FROM " + tokens)) {
                    while (rs.next()) {
                        String tok = rs.getString(1), f = form.normalize(tok);
                        if (byForm.containsKey(f)) matching.put(tok, f);
                    }
                }
            }
            if (!matching.isEmpty()) {
                String in = String.join(", ", matching.keySet().stream().map(DuckDbScanEngine::lit).toList());
                try (ResultSet rs = st.executeQuery("SELECT checkpoint, tok, n FROM " + tokens + " WHERE tok IN (" + in + ")")) {
                    while (rs.next()) {
                        var c = counts.computeIfAbsent(rs.getString(1), k -> new HashMap<>());
                        for (String term : byForm.get(matching.get(rs.getString(2)))) c.merge(term, rs.getLong(3), Long::sum);
                    }
                }
            }
            for (String p : terms.stream().filter(t -> t.contains(" ")).toList()) {
                try (ResultSet rs = st.executeQuery("SELECT checkpoint, sum(len(regexp_extract_all(lower(text), " + lit(ScanEngine.phraseRegex(p))
                        + "))) FROM " + from + " GROUP BY checkpoint")) {
                    while (rs.next()) counts.computeIfAbsent(rs.getString(1), k -> new HashMap<>()).put(p, rs.getLong(2));
                }
            }
            try (ResultSet rs = st.executeQuery("SELECT checkpoint, text FROM " + from)) {
                while (rs.next()) if (aware.test(rs.getString(2))) totals.get(rs.getString(1))[2]++;
            }
        } catch (SQLException e) {
            throw new UserError("scan failed: " + e.getMessage().lines().findFirst().orElse(""));
        }
        var out = new ArrayList<Tally>();
        totals.forEach((cp, t) -> {
            var termCounts = new LinkedHashMap<String, Long>();
            for (String term : terms) termCounts.put(term, counts.getOrDefault(cp, Map.of()).getOrDefault(term, 0L));
            out.add(new Tally(cp, t[0], t[1], t[2], termCounts));
        });
        return out;
    }

    /**
     * A temporary table of (checkpoint, tok, n): each lower-cased token's count per checkpoint, built once per set of
     * sources and shared by the term counts and the vocabularies.
     */
    private String tokens(String from) {
        if (!from.equals(tokensFrom)) {
            try (var st = db.createStatement()) {
                st.execute("CREATE OR REPLACE TEMP TABLE scan_tokens AS SELECT checkpoint, tok, count(*) AS n FROM (SELECT checkpoint, "
                        + "unnest(regexp_extract_all(lower(text), " + lit(TOKEN) + ")) AS tok FROM " + from + ") GROUP BY ALL");
            } catch (SQLException e) {
                throw new UserError("scan failed: " + e.getMessage().lines().findFirst().orElse(""));
            }
            tokensFrom = from;
        }
        return "scan_tokens";
    }

    @Override
    public Map<String, Long> vocabulary(List<Source> sources, String checkpoint, int minCount) {
        var out = new HashMap<String, Long>();
        try (var ps = db.prepareStatement("SELECT tok, n FROM " + tokens(from(sources)) + " WHERE checkpoint = ? AND n >= ?")) {
            ps.setString(1, checkpoint);
            ps.setInt(2, minCount);
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) out.put(rs.getString(1), rs.getLong(2));
            }
        } catch (SQLException e) {
            throw new UserError("scan failed: " + e.getMessage().lines().findFirst().orElse(""));
        }
        return out;
    }

    /** The union of the sources as (checkpoint VARCHAR, text VARCHAR), rows without text left out. */
    private String from(List<Source> sources) {
        var parts = new ArrayList<String>();
        for (Source s : sources) {
            if (!Files.isRegularFile(s.path())) throw new UserError(s.path() + ": no such file");
            String reader = reader(s);
            String field = ScanEngine.checkpointColumn(s, columns(reader, s));
            parts.add("SELECT CAST(" + ident(field) + " AS VARCHAR) AS checkpoint, CAST(text AS VARCHAR) AS text FROM " + reader
                    + " WHERE text IS NOT NULL AND " + ident(field) + " IS NOT NULL");
        }
        return "(" + String.join(" UNION ALL ", parts) + ")";
    }

    private static String reader(Source s) {
        String p = lit(s.path().toAbsolutePath().toString());
        return ScanEngine.isParquet(s) ? "read_parquet(" + p + ")"
                : "read_json(" + p + ", format = 'newline_delimited')";
    }

    private List<String> columns(String reader, Source s) {
        var out = new ArrayList<String>();
        try (var st = db.createStatement(); ResultSet rs = st.executeQuery("DESCRIBE SELECT * FROM " + reader)) {
            while (rs.next()) out.add(rs.getString(1));
        } catch (SQLException e) {
            throw new UserError(s.path() + ": not readable as JSON lines or Parquet: " + e.getMessage().lines().findFirst().orElse(""));
        }
        return out;
    }

    static String lit(String s) {
        return "'" + s.replace("'", "''") + "'";
    }

    private static String ident(String s) {
        return "\"" + s.replace("\"", "\"\"") + "\"";
    }

    @Override
    public void close() {
        try {
            db.close();
        } catch (SQLException ignored) {
            // nothing to flush: the database is in memory
        }
    }
}
