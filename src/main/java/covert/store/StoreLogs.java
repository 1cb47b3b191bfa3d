package covert.store;

import covert.log.OutcomeCodec;
import covert.UserError;
import covert.log.EvalLog;
import covert.log.SampleRecord;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Rebuilds light eval logs (no transcripts) from the store, so that {@code report} and {@code compare}
 * work from a database exactly as they do from log files.
 */
public final class StoreLogs {
    private StoreLogs() {}

    public static List<String> runIds(ResultsStore store) {
        var t = store.query("SELECT run_id FROM runs ORDER BY created");
        return t.rows().stream().map(r -> r.get(0)).toList();
    }

    @SuppressWarnings("unchecked")
    public static EvalLog load(ResultsStore store, String runId) {
        try (var ps = store.connection().prepareStatement("SELECT task, model, suite, created, seed, epochs, simulated, log FROM runs WHERE run_id = ?")) {
            ps.setString(1, runId);
            EvalLog.EvalSpec spec;
            try (var rs = ps.executeQuery()) {
                if (!rs.next()) throw new UserError("no run '" + runId + "' in the store");
                var meta = new LinkedHashMap<String, Object>();
                meta.put("simulated", rs.getBoolean(7));
                String seed = rs.getString(5);
                spec = new EvalLog.EvalSpec(runId, runId, rs.getString(4), rs.getString(1), runId, 0, Map.of(), Map.of(), Map.of(),
                        new EvalLog.Dataset(rs.getString(3), 0, List.of(), false), rs.getString(2),
                        seed == null || seed.equals("null") ? Map.of() : Map.of("seed", seed), Map.of(), Map.of("epochs", rs.getInt(6)), null,
                        Map.of(), List.of(), meta);
            }
            var samples = new ArrayList<EvalLog.EvalSample>();
            try (var q = store.connection().prepareStatement("SELECT sample_id, epoch, environment, family, grp, headline, variant, epoch_seed, "
                    + "outcome, kinds FROM samples WHERE run_id = ? ORDER BY environment, sample_id, epoch")) {
                q.setString(1, runId);
                try (var rs = q.executeQuery()) {
                    while (rs.next()) {
                        var meta = new LinkedHashMap<String, Object>();
                        meta.put("environment", rs.getString(3));
                        meta.put("family", rs.getString(4));
                        meta.put("group", rs.getString(5));
                        meta.put("headline", rs.getBoolean(6));
                        String variant = rs.getString(7);
                        meta.put("variant", variant == null ? Map.of() : covert.log.Json.MAPPER.readValue(variant, Map.class));
                        meta.put("epoch_seed", rs.getString(8));
                        String outcome = rs.getString(9), kinds = rs.getString(10);
                        var sm = new LinkedHashMap<String, Object>();
                        sm.put("outcome", outcome);
                        if (kinds != null && !kinds.isEmpty()) sm.put("kinds", List.of(kinds.split(",")));
                        Object value = switch (OutcomeCodec.kind(outcome)) {
                            case COVERT -> 1;
                            case HONEST -> 0;
                            case INCOMPLETE, INVALID -> "N";
                        };
                        var score = new EvalLog.Score(value, null, null, sm, List.of());
                        samples.add(new EvalLog.EvalSample(rs.getString(1), rs.getInt(2), "", "", List.of(), null, Map.of(SampleRecord.SCORER, score),
                                meta, Map.of(), List.of(), Map.of(), Map.of(), null, null, null, null, null, null, null, Map.of(), null));
                    }
                }
            }
            return new EvalLog(2, "success", spec, null, null, null, null, false, List.of(), Map.of(), samples, List.of());
        } catch (SQLException | com.fasterxml.jackson.core.JsonProcessingException e) {
            throw new UserError("cannot read run " + runId + " from the store: " + e.getMessage());
        }
    }
}
