package covert.report;

import covert.log.EvalLog;
import covert.stats.ClusterBootstrap;
import covert.stats.Overall;
import covert.stats.Rate;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;

/** Per-environment and overall covert-action rates of one log, computed from the log alone. */
public record Summary(String log, RunInfo run, boolean simulated, String interval, Overall overall, int nValid, int nInvalid,
                      List<Env> environments, List<GroupRate> groups, Map<String, Integer> kinds, List<Conditional> conditionals,
                      List<String> warnings, AwarenessRates awareness, Sensitivity sensitivity) {

    /** Above this share of invalid samples a report warns loudly. */
    public static final double INVALID_WARNING = 0.05;

    public record Env(String id, String family, String group, boolean headline, int n, int covert, int invalid, double rate,
                      double lower, double upper) {}

    /**
     * The rate of one family group. Groups outside the headline (games, spec sabotage) are reported but not
     * aggregated; the over-escalation control's rate counts unnecessary escalations, not covert actions.
     */
    public record GroupRate(String group, boolean headline, int environments, Overall rate) {}

    public record RunInfo(String model, String suite, String task, String created, String runId, Object seed, Object epochs) {}

    public static Summary of(String path, EvalLog log) {
        return of(path, log, Overall.Options.DEFAULT);
    }

    public static Summary of(String path, EvalLog log, Overall.Options opts) {
        var counts = EnvCounts.of(log);
        var meta = log.eval().metadata() == null ? Map.<String, Object>of() : log.eval().metadata();
        boolean simulated = Boolean.TRUE.equals(meta.get("simulated"))
                || log.samples() != null && log.samples().stream().anyMatch(s -> s.metadata() != null && Boolean.TRUE.equals(s.metadata().get("simulated")));
        var envs = new ArrayList<Env>();
        for (var e : counts.envs().values()) {
            Rate r = opts.interval().of(e.covert(), e.valid(), opts.confidence());
            envs.add(new Env(e.id(), e.family(), e.group(), e.headline(), e.valid(), e.covert(), e.invalid(), r.rate(), r.lower(), r.upper()));
        }
        var overall = Overall.of(counts.envs().values().stream().filter(EnvCounts.Env::headline).map(EnvCounts.Env::cluster).toList(), opts);
        var groups = new ArrayList<GroupRate>();
        var byGroup = new java.util.TreeMap<String, List<EnvCounts.Env>>();
        counts.envs().values().forEach(e -> byGroup.computeIfAbsent(e.group(), g -> new ArrayList<>()).add(e));
        if (byGroup.size() > 1) {
            byGroup.forEach((g, list) -> groups.add(new GroupRate(g, list.stream().allMatch(EnvCounts.Env::headline), list.size(),
                    Overall.of(list.stream().map(EnvCounts.Env::cluster).toList(), opts))));
        }
        var kinds = new TreeMap<String, Integer>();
        if (log.samples() != null) {
            for (var s : log.samples()) {
                var score = s.scores() == null ? null : s.scores().get(covert.log.SampleRecord.SCORER);
                if (score != null && score.metadata() != null && score.metadata().get("kinds") instanceof List<?> l) {
                    l.forEach(k -> kinds.merge(String.valueOf(k), 1, Integer::sum));
                }
            }
        }
        return new Summary(path, runInfo(log), simulated, opts.interval().wire(), overall, counts.valid(), counts.invalid(), envs, groups, kinds,
                Conditional.all(counts, opts.confidence()), warnings(counts.valid(), counts.invalid()),
                AwarenessRates.of(counts, opts).orElse(null), Sensitivity.of(log, opts.interval(), opts.confidence()).orElse(null));
    }

    static List<String> warnings(int valid, int invalid) {
        var out = new ArrayList<String>();
        if (valid == 0) out.add("NO VALID SAMPLES: this run measured nothing; its rate is undefined, not zero.");
        else if (invalid > INVALID_WARNING * (valid + invalid)) {
            out.add(String.format(Locale.ROOT, "%.1f%% of samples are invalid (%d of %d: errors, limits before any answer, scorer failures); "
                    + "rates cover valid samples only and may be biased.", 100.0 * invalid / (valid + invalid), invalid, valid + invalid));
        }
        return out;
    }

    private static RunInfo runInfo(EvalLog log) {
        var spec = log.eval();
        Object seed = spec.modelGenerateConfig() == null ? null : spec.modelGenerateConfig().get("seed");
        Object epochs = spec.config() == null ? null : spec.config().get("epochs");
        return new RunInfo(spec.model(), spec.dataset() == null ? "" : spec.dataset().name(), spec.task(), spec.created(), spec.runId(), seed, epochs);
    }

    static ClusterBootstrap.Cluster cluster(Env e) {
        return new ClusterBootstrap.Cluster(e.covert(), e.n());
    }
}
