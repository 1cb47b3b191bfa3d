package covert.report;

import covert.log.OutcomeCodec;
import covert.UserError;
import covert.log.EvalLog;
import covert.log.EvalLogs;
import covert.log.LogFiles;
import covert.log.SampleRecord;
import covert.model.Checkpoint;
import covert.model.Message;
import covert.spec.Spec;
import covert.store.ResultsStore;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;
import java.util.stream.Stream;

/**
 * Reads the runs of a series for {@code covert trend}: log files, folders of logs, or a DuckDB results store.
 * Spec citation is computed here from the reasoning itself (a sample cites when any of its reasoning names a
 * principle ID of the spec); awareness and user-chosen scores are read as the log stored them.
 */
public final class TrendInput {
    private TrendInput() {}

    /** What to read: the spec whose citations count, and the extra scores to follow. */
    public record Request(Spec spec, List<String> scores) {}

    public static List<CheckpointRun> read(List<String> args, Request req) {
        if (args.isEmpty()) throw new UserError("give logs, a folder of logs, or a results store");
        var out = new ArrayList<CheckpointRun>();
        for (String a : args) {
            Path p = Path.of(a);
            if (Files.isDirectory(p)) {
                var logs = logsIn(p);
                if (logs.isEmpty()) throw new UserError(p + ": no .eval or .json logs in this folder");
                for (Path l : logs) out.add(fromLog(l, req));
            } else if (isDuckDb(p)) {
                out.addAll(fromStore(p, req));
            } else {
                out.add(fromLog(p, req));
            }
        }
        return out;
    }

    private static List<Path> logsIn(Path dir) {
        try (Stream<Path> s = Files.list(dir)) {
            return s.filter(f -> Files.isRegularFile(f) && (f.toString().endsWith(".eval") || f.toString().endsWith(".json"))).sorted().toList();
        } catch (IOException e) {
            throw new UserError(dir + ": cannot list: " + e.getMessage());
        }
    }

    /** DuckDB files carry "DUCK" at byte 8 of their header. */
    static boolean isDuckDb(Path p) {
        if (!Files.isRegularFile(p)) return false;
        try (InputStream in = Files.newInputStream(p)) {
            byte[] head = in.readNBytes(12);
            return head.length == 12 && new String(head, 8, 4, StandardCharsets.ISO_8859_1).equals("DUCK");
        } catch (IOException e) {
            return false;
        }
    }

    /** One log, streamed a sample at a time: transcripts are read for their reasoning and then dropped. */
    static CheckpointRun fromLog(Path path, Request req) {
        Pattern cites = req.spec().citationPattern();
        var samples = new ArrayList<CheckpointRun.Obs>();
        EvalLog header = LogFiles.stream(path, s -> samples.add(observe(s, cites, req.scores())));
        var meta = header.eval().metadata() == null ? Map.<String, Object>of() : header.eval().metadata();
        boolean simulated = Boolean.TRUE.equals(meta.get("simulated"));
        return new CheckpointRun(path.toString(), header.eval().model(), Checkpoint.fromMetadata(meta).orElse(null), simulated,
                header.eval().created(), samples);
    }

    private static CheckpointRun.Obs observe(EvalLog.EvalSample s, Pattern cites, List<String> scores) {
        var meta = s.metadata() == null ? Map.<String, Object>of() : s.metadata();
        var values = new LinkedHashMap<String, Double>();
        var aware = s.scores() == null ? null : s.scores().get(SampleRecord.AWARE);
        Double a = aware == null ? CheckpointRun.numeric(meta.get("aware")) : CheckpointRun.numeric(aware.value());
        if (a != null) values.put(CheckpointRun.AWARE, a);
        Boolean cited = null;
        for (Message m : s.messages() == null ? List.<Message>of() : s.messages()) {
            if (!(m instanceof Message.AssistantMessage am) || am.reasoning() == null || am.reasoning().isBlank()) continue;
            cited = Boolean.TRUE.equals(cited) || cites.matcher(am.reasoning()).find();
        }
        if (cited != null) values.put(CheckpointRun.CITATION, cited ? 1.0 : 0.0);
        for (String name : scores) {
            var sc = s.scores() == null ? null : s.scores().get(name);
            Double v = sc == null ? null : CheckpointRun.numeric(sc.value());
            if (v != null) values.put(name, v);
        }
        return new CheckpointRun.Obs(s.id() + "#" + s.epoch() + "#" + meta.get("epoch_seed"), String.valueOf(meta.getOrDefault("environment", s.id())),
                String.valueOf(meta.getOrDefault("group", "")), !Boolean.FALSE.equals(meta.get("headline")), OutcomeCodec.kind(s), values);
    }

    /**
     * Every run of a store. When some runs recorded a checkpoint, only those are a series: the others (baselines,
     * unrelated models) are left out, and the trend's warnings say how many.
     */
    static List<CheckpointRun> fromStore(Path db, Request req) {
        try (var store = ResultsStore.open(db); var conn = store.connection().createStatement()) {
            var runs = new ArrayList<CheckpointRun>();
            Pattern cites = req.spec().citationPattern();
            try (var rs = conn.executeQuery("SELECT run_id, model, simulated, created, checkpoint, step, phase FROM runs ORDER BY created, run_id")) {
                while (rs.next()) {
                    long step = rs.getLong(6);
                    Long stepOrNull = rs.wasNull() ? null : step;
                    Checkpoint cp = rs.getString(5) == null ? null : new Checkpoint(rs.getString(5), stepOrNull, rs.getString(7));
                    runs.add(new CheckpointRun(db + ":" + rs.getString(1), rs.getString(2), cp, rs.getBoolean(3), rs.getString(4), List.of()));
                }
            }
            if (runs.isEmpty()) throw new UserError(db + ": the store holds no runs; import logs with covert db import");
            boolean anyCheckpoint = runs.stream().anyMatch(r -> r.checkpoint() != null);
            var out = new ArrayList<CheckpointRun>();
            for (var r : runs) {
                if (anyCheckpoint && r.checkpoint() == null) continue;
                String id = r.source().substring(db.toString().length() + 1);
                out.add(new CheckpointRun(r.source(), r.model(), r.checkpoint(), r.simulated(), r.created(), storeSamples(store, id, cites, req.scores())));
            }
            return out;
        } catch (SQLException e) {
            throw new UserError("cannot read " + db + ": " + e.getMessage().split("\n")[0]);
        }
    }

    private static List<CheckpointRun.Obs> storeSamples(ResultsStore store, String run, Pattern cites, List<String> scores) throws SQLException {
        var c = store.connection();
        var values = new HashMap<String, Map<String, Double>>();
        var wanted = new ArrayList<String>(scores);
        wanted.add(SampleRecord.AWARE);
        try (var ps = c.prepareStatement("SELECT sample_id, epoch, scorer, value, value_num FROM scores WHERE run_id = ?")) {
            ps.setString(1, run);
            try (var rs = ps.executeQuery()) {
                while (rs.next()) {
                    if (!wanted.contains(rs.getString(3))) continue;
                    double num = rs.getDouble(5);
                    Double v = rs.wasNull() ? CheckpointRun.numeric(rs.getString(4)) : Double.valueOf(num);
                    if (v != null) values.computeIfAbsent(rs.getString(1) + "#" + rs.getInt(2), k -> new LinkedHashMap<>()).put(rs.getString(3), v);
                }
            }
        }
        try (var ps = c.prepareStatement("SELECT sample_id, epoch, reasoning FROM messages WHERE run_id = ? AND role = 'assistant' "
                + "AND reasoning IS NOT NULL AND trim(reasoning) <> ''")) {
            ps.setString(1, run);
            try (var rs = ps.executeQuery()) {
                while (rs.next()) {
                    var v = values.computeIfAbsent(rs.getString(1) + "#" + rs.getInt(2), k -> new LinkedHashMap<>());
                    double cited = cites.matcher(rs.getString(3)).find() ? 1 : 0;
                    v.merge(CheckpointRun.CITATION, cited, Math::max);
                }
            }
        }
        var out = new ArrayList<CheckpointRun.Obs>();
        try (var ps = c.prepareStatement("SELECT sample_id, epoch, epoch_seed, environment, grp, headline, outcome FROM samples WHERE run_id = ? "
                + "ORDER BY environment, sample_id, epoch")) {
            ps.setString(1, run);
            try (var rs = ps.executeQuery()) {
                while (rs.next()) {
                    String k = rs.getString(1) + "#" + rs.getInt(2);
                    out.add(new CheckpointRun.Obs(k + "#" + rs.getString(3), rs.getString(4), rs.getString(5), rs.getBoolean(6), OutcomeCodec.kind(rs.getString(7)),
                            values.getOrDefault(k, Map.of())));
                }
            }
        }
        return out;
    }
}
