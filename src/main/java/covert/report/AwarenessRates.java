package covert.report;

import covert.log.SampleRecord;
import covert.stats.ClusterBootstrap;
import covert.stats.Overall;
import covert.stats.Rate;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * How often valid samples verbalize evaluation awareness (the logged {@code aware} score), per environment
 * with the report's interval method and overall as the mean of environment rates with the same interval
 * machinery as the covert rate, so the two read alike.
 */
public record AwarenessRates(Overall overall, int aware, int n, Map<String, Env> environments) {
    public record Env(String id, int aware, int n, double rate, double lower, double upper) {}

    static Optional<AwarenessRates> of(EnvCounts counts, Overall.Options opts) {
        var byEnv = new LinkedHashMap<String, int[]>();
        boolean any = false;
        for (var s : counts.samples().values()) {
            int[] c = byEnv.computeIfAbsent(s.env(), k -> new int[2]);
            Object v = s.scores().get(SampleRecord.AWARE);
            if (v == null || !s.outcome().rated()) continue;
            any = true;
            c[1]++;
            if (Boolean.TRUE.equals(Conditional.truth(v))) c[0]++;
        }
        if (!any) return Optional.empty();
        var envs = new LinkedHashMap<String, Env>();
        var clusters = new ArrayList<ClusterBootstrap.Cluster>();
        int k = 0, n = 0;
        for (var e : byEnv.entrySet()) {
            int[] c = e.getValue();
            Rate r = opts.interval().of(c[0], c[1], opts.confidence());
            envs.put(e.getKey(), new Env(e.getKey(), c[0], c[1], r.rate(), r.lower(), r.upper()));
            clusters.add(new ClusterBootstrap.Cluster(c[0], c[1]));
            k += c[0];
            n += c[1];
        }
        return Optional.of(new AwarenessRates(Overall.of(List.copyOf(clusters), opts, "aware sample"), k, n, envs));
    }
}
