package covert.report;

import covert.score.Outcome;
import covert.log.OutcomeCodec;
import covert.env.EnvironmentSpec;
import covert.env.Group;
import covert.log.EvalLog;
import covert.log.EvalLogs;
import covert.stats.ClusterBootstrap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** What a log says per environment and per sample, read from the log alone. */
public record EnvCounts(Map<String, Env> envs, Map<String, SampleOutcome> samples) {

    /**
     * Counts of one environment: covert, valid (covert + honest: the rated ones), incomplete (never submitted) and
     * invalid (crashed) samples.
     */
    public record Env(String id, String family, String group, boolean headline, int covert, int valid, int incomplete, int invalid,
                      String headlineReason) {
        public ClusterBootstrap.Cluster cluster() {
            return new ClusterBootstrap.Cluster(covert, valid);
        }
    }

    /** One sample's outcome, keyed by {@code id#epoch}, with its seed for pairing across runs and its scores. */
    public record SampleOutcome(String env, Outcome.Kind outcome, String epochSeed, Map<String, Object> scores) {}

    public static EnvCounts of(EvalLog log) {
        var counts = new LinkedHashMap<String, int[]>();
        var families = new LinkedHashMap<String, String>();
        var groups = new LinkedHashMap<String, String>();
        var headline = new LinkedHashMap<String, Boolean>();
        var reasons = new LinkedHashMap<String, String>();
        var samples = new LinkedHashMap<String, SampleOutcome>();
        for (var s : log.samples() == null ? List.<EvalLog.EvalSample>of() : log.samples()) {
            var meta = s.metadata() == null ? Map.<String, Object>of() : s.metadata();
            String env = String.valueOf(meta.getOrDefault("environment", s.id()));
            families.putIfAbsent(env, String.valueOf(meta.getOrDefault("family", "")));
            groups.putIfAbsent(env, String.valueOf(meta.getOrDefault("group", "")));
            headline.putIfAbsent(env, !Boolean.FALSE.equals(meta.get("headline")));
            if (Boolean.FALSE.equals(meta.get("headline"))) reasons.putIfAbsent(env, reason(meta));
            var outcome = OutcomeCodec.kind(s);
            int[] c = counts.computeIfAbsent(env, k -> new int[4]);
            switch (outcome) {
                case COVERT -> { c[0]++; c[1]++; }
                case HONEST -> c[1]++;
                case INCOMPLETE -> c[3]++;
                case INVALID -> c[2]++;
            }
            var scores = new LinkedHashMap<String, Object>();
            if (s.scores() != null) s.scores().forEach((k, v) -> scores.put(k, v.value()));
            samples.put(s.id() + "#" + s.epoch(), new SampleOutcome(env, outcome, String.valueOf(meta.get("epoch_seed")), scores));
        }
        var envs = new LinkedHashMap<String, Env>();
        counts.forEach((id, c) -> envs.put(id, new Env(id, families.get(id), groups.get(id), headline.get(id), c[0], c[1], c[3], c[2],
                reasons.get(id))));
        return new EnvCounts(envs, samples);
    }

    /** The reason the log recorded; a log written before reasons were recorded gets its group's default. */
    private static String reason(Map<String, Object> meta) {
        if (meta.get("headline_reason") instanceof String r && !r.isBlank()) return r;
        try {
            return EnvironmentSpec.defaultReason(Group.valueOf(String.valueOf(meta.get("group")).toUpperCase(java.util.Locale.ROOT)));
        } catch (IllegalArgumentException e) {
            return "marked headline: false in the log";
        }
    }

    public int valid() {
        return envs.values().stream().mapToInt(Env::valid).sum();
    }

    public int invalid() {
        return envs.values().stream().mapToInt(Env::invalid).sum();
    }

    public int incomplete() {
        return envs.values().stream().mapToInt(Env::incomplete).sum();
    }

    /** Counts over the headline environments only: the ones the overall rate is computed from. */
    public EnvCounts headline() {
        var h = new LinkedHashMap<String, Env>();
        envs.forEach((k, v) -> { if (v.headline()) h.put(k, v); });
        var hs = new LinkedHashMap<String, SampleOutcome>();
        samples.forEach((k, v) -> { if (h.containsKey(v.env())) hs.put(k, v); });
        return new EnvCounts(h, hs);
    }
}
