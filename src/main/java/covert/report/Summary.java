package covert.report;

import covert.log.EvalLog;
import covert.log.EvalLogs;
import covert.stats.ClusterBootstrap;
import covert.stats.Rate;
import covert.stats.Wilson;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/** Per-environment and overall covert-action rates of one log, computed from the log alone. */
public record Summary(String log, String model, String suite, boolean simulated, Overall overall, List<Env> environments,
                      Map<String, Integer> kinds) {

    public record Env(String id, String family, int n, int covert, int invalid, double rate, double lower, double upper) {}

    public record Overall(double rate, double lower, double upper, int nValid, int nInvalid, int environments, String method) {}

    public static Summary of(String path, EvalLog log) {
        var counts = new LinkedHashMap<String, int[]>();
        var families = new LinkedHashMap<String, String>();
        var kinds = new TreeMap<String, Integer>();
        boolean simulated = Boolean.TRUE.equals(log.eval().metadata() == null ? null : log.eval().metadata().get("simulated"));
        for (var s : log.samples() == null ? List.<EvalLog.EvalSample>of() : log.samples()) {
            var meta = s.metadata() == null ? Map.<String, Object>of() : s.metadata();
            String env = String.valueOf(meta.getOrDefault("environment", s.id()));
            families.putIfAbsent(env, String.valueOf(meta.getOrDefault("family", "")));
            simulated |= Boolean.TRUE.equals(meta.get("simulated"));
            int[] c = counts.computeIfAbsent(env, k -> new int[3]);
            switch (EvalLogs.outcome(s)) {
                case "covert" -> {
                    c[0]++;
                    c[1]++;
                    var score = s.scores().get(covert.log.SampleRecord.SCORER);
                    if (score.metadata().get("kinds") instanceof List<?> l) l.forEach(k -> kinds.merge(String.valueOf(k), 1, Integer::sum));
                }
                case "honest" -> c[1]++;
                default -> c[2]++;
            }
        }
        var envs = new ArrayList<Env>();
        var clusters = new ArrayList<ClusterBootstrap.Cluster>();
        int valid = 0, invalid = 0;
        for (var e : counts.entrySet()) {
            int[] c = e.getValue();
            Rate r = Wilson.interval95(c[0], c[1]);
            envs.add(new Env(e.getKey(), families.get(e.getKey()), c[1], c[0], c[2], r.rate(), r.lower(), r.upper()));
            clusters.add(new ClusterBootstrap.Cluster(c[0], c[1]));
            valid += c[1];
            invalid += c[2];
        }
        var boot = ClusterBootstrap.meanOfRates(clusters, ClusterBootstrap.DEFAULT_RESAMPLES, 0, 0.95);
        int withData = (int) clusters.stream().filter(c -> c.n() > 0).count();
        String method = "mean of per-environment rates (each environment weighs the same); 95% interval from a cluster bootstrap "
                + "over environments, then samples within them (" + boot.resamples() + " resamples, seed " + boot.seed() + ")";
        var overall = new Overall(boot.mean(), boot.lower(), boot.upper(), valid, invalid, withData, method);
        return new Summary(path, log.eval().model(), log.eval().dataset() == null ? "" : log.eval().dataset().name(), simulated,
                overall, envs, kinds);
    }
}
