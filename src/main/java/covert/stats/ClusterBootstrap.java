package covert.stats;

import java.util.Arrays;
import java.util.List;
import org.apache.commons.math3.distribution.BinomialDistribution;
import org.apache.commons.math3.random.RandomGenerator;
import org.apache.commons.math3.random.Well19937c;

/**
 * The overall covert rate as the unweighted mean of per-environment rates (each environment weighs the
 * same, as the anti-scheming study reports it), with a percentile interval from a two-stage cluster
 * bootstrap: resample environments with replacement, then samples within each chosen environment.
 */
public final class ClusterBootstrap {
    public static final int DEFAULT_RESAMPLES = 2000;

    /** Covert count and valid sample count of one environment. */
    public record Cluster(int k, int n) {}

    public record Result(double mean, double lower, double upper, int resamples, long seed) {}

    private ClusterBootstrap() {}

    public static Result meanOfRates(List<Cluster> clusters, int resamples, long seed, double confidence) {
        var used = clusters.stream().filter(c -> c.n() > 0).toList();
        if (used.isEmpty()) return new Result(0, 0, 1, resamples, seed);
        double mean = used.stream().mapToDouble(c -> (double) c.k() / c.n()).average().orElse(0);
        RandomGenerator rng = new Well19937c(seed);
        var within = used.stream().map(c -> new BinomialDistribution(rng, c.n(), (double) c.k() / c.n())).toList();
        int e = used.size();
        double[] stats = new double[resamples];
        for (int b = 0; b < resamples; b++) {
            double sum = 0;
            for (int i = 0; i < e; i++) {
                int j = rng.nextInt(e);
                sum += (double) within.get(j).sample() / used.get(j).n();
            }
            stats[b] = sum / e;
        }
        Arrays.sort(stats);
        double alpha = (1 - confidence) / 2;
        return new Result(mean, quantile(stats, alpha), quantile(stats, 1 - alpha), resamples, seed);
    }

    static double quantile(double[] sorted, double q) {
        double pos = q * (sorted.length - 1);
        int lo = (int) Math.floor(pos), hi = (int) Math.ceil(pos);
        return sorted[lo] + (sorted[hi] - sorted[lo]) * (pos - lo);
    }
}
