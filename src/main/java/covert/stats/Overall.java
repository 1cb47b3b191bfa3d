package covert.stats;

import java.util.List;

/**
 * One overall rate with its interval and a sentence saying how it was computed. Rates are null when no
 * valid sample exists: a null run must never look like a clean one.
 */
public record Overall(Double rate, Double lower, Double upper, String method) {
    /**
     * Below this many covert actions the bootstrap of the environment mean is too narrow (its upper tail
     * has too few events to resample); the interval is then widened to the Wilson interval of the pooled count.
     */
    public static final int RARE_EVENTS = 20;

    public record Options(Interval interval, Aggregation aggregation, int resamples, int draws, long seed, double confidence) {
        public static final Options DEFAULT = new Options(Interval.WILSON, Aggregation.ENV_MEAN, ClusterBootstrap.DEFAULT_RESAMPLES,
                PosteriorMean.DEFAULT_DRAWS, 0, 0.95);

        public Options {
            if (resamples < 100) throw new covert.UserError("--resamples must be at least 100");
            if (draws < 1000) throw new covert.UserError("--draws must be at least 1000");
        }
    }

    public static Overall of(List<ClusterBootstrap.Cluster> envs, Options o) {
        return of(envs, o, "covert action");
    }

    /** @param event what the clusters count, for the method text (e.g. "covert action", "aware sample") */
    public static Overall of(List<ClusterBootstrap.Cluster> envs, Options o, String event) {
        int k = envs.stream().mapToInt(ClusterBootstrap.Cluster::k).sum(), n = envs.stream().mapToInt(ClusterBootstrap.Cluster::n).sum();
        long withData = envs.stream().filter(c -> c.n() > 0).count();
        if (n == 0) return new Overall(null, null, null, "no valid samples: the rate is undefined");
        String level = Math.round(o.confidence() * 100) + "%";
        if (k == 0 && o.aggregation() != Aggregation.POSTERIOR_MEAN) {
            // A bootstrap of all-zero environments collapses to [0, 0]; 0 events still bound the rate only from above.
            double upper = Interval.EXACT.of(0, n, o.confidence()).upper();
            return new Overall(0.0, 0.0, upper, "no " + event + " in " + n + " valid samples; " + level
                    + " upper bound from the exact (Clopper-Pearson) interval for 0 of " + n);
        }
        return switch (o.aggregation()) {
            case ENV_MEAN -> {
                var r = ClusterBootstrap.meanOfRates(envs, o.resamples(), o.seed(), o.confidence());
                String method = "mean of " + withData + " per-environment rates, each weighing the same; "
                        + level + " interval from a " + r.scheme() + " (" + r.resamples() + " resamples, seed " + r.seed() + ")";
                if (k >= RARE_EVENTS) yield new Overall(r.mean(), r.lower(), r.upper(), method);
                var pooled = Interval.WILSON.of(k, n, o.confidence());
                yield new Overall(r.mean(), Math.min(r.lower(), pooled.lower()), Math.max(r.upper(), pooled.upper()), method
                        + ", widened to the Wilson interval of the pooled count (" + k + " " + event + "s are too few to bootstrap)");
            }
            case POOLED -> {
                var r = o.interval().of(k, n, o.confidence());
                yield new Overall(r.rate(), r.lower(), r.upper(), "pooled rate over all " + n + " valid samples; " + level + " "
                        + o.interval().wire() + " interval");
            }
            case POSTERIOR_MEAN -> {
                var r = PosteriorMean.of(envs, o.draws(), o.seed(), o.confidence());
                yield new Overall(r.mean(), r.lower(), r.upper(), "posterior mean of the environment-averaged rate: Beta(1+k, 1+n-k) draws per "
                        + "environment, averaged without weights (" + r.draws() + " draws, seed " + r.seed() + "); equal-tailed " + level + " interval");
            }
        };
    }
}
