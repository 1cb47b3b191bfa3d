package covert.stats;

import java.util.Arrays;
import java.util.List;
import java.util.stream.IntStream;
import org.apache.commons.math3.distribution.BetaDistribution;
import org.apache.commons.math3.random.Well19937c;

/**
 * The anti-scheming study's headline aggregate: draw each environment's rate from its Beta(1+k, 1+n−k)
 * posterior (uniform prior), average the draws over environments without weights, and repeat. The result
 * is the mean of those averages and their equal-tailed interval.
 */
public final class PosteriorMean {
    public static final int DEFAULT_DRAWS = 1_000_000;
    private static final int CHUNKS = 8;

    public record Result(double mean, double lower, double upper, int draws, long seed) {}

    private PosteriorMean() {}

    /** Draws run in fixed chunks, each with its own seeded generator, so the answer is the same on any machine. */
    public static Result of(List<ClusterBootstrap.Cluster> clusters, int draws, long seed, double confidence) {
        double[] avg = averages(clusters, draws, seed);
        if (avg == null) return new Result(Double.NaN, Double.NaN, Double.NaN, draws, seed);
        double mean = Arrays.stream(avg).average().orElseThrow();
        Arrays.sort(avg);
        double alpha = (1 - confidence) / 2;
        return new Result(mean, ClusterBootstrap.quantile(avg, alpha), ClusterBootstrap.quantile(avg, 1 - alpha), draws, seed);
    }

    /**
     * Two runs' environment-averaged rates drawn from their posteriors independently: the difference of the posterior
     * means with the equal-tailed interval of the drawn differences, and likewise the ratio (null where B's draws are 0).
     */
    public static ClusterBootstrap.Comparison compare(List<ClusterBootstrap.Cluster> a, List<ClusterBootstrap.Cluster> b, int draws, long seed,
                                                      double confidence) {
        double[] da = averages(a, draws, seed), db = averages(b, draws, seed + 1);
        if (da == null || db == null) throw new IllegalArgumentException("both runs need valid samples");
        double ma = Arrays.stream(da).average().orElseThrow(), mb = Arrays.stream(db).average().orElseThrow();
        double[] diffs = new double[draws], ratios = new double[draws];
        for (int i = 0; i < draws; i++) {
            diffs[i] = da[i] - db[i];
            ratios[i] = db[i] == 0 ? Double.POSITIVE_INFINITY : da[i] / db[i];
        }
        Arrays.sort(diffs);
        Arrays.sort(ratios);
        double alpha = (1 - confidence) / 2;
        return new ClusterBootstrap.Comparison(ma - mb, ClusterBootstrap.quantile(diffs, alpha), ClusterBootstrap.quantile(diffs, 1 - alpha),
                mb == 0 ? null : ma / mb, finite(ClusterBootstrap.quantile(ratios, alpha)), finite(ClusterBootstrap.quantile(ratios, 1 - alpha)));
    }

    private static Double finite(double x) {
        return Double.isFinite(x) ? x : null;
    }

    /** Draws of the unweighted average over environments of Beta(1+k, 1+n-k) posteriors; null when no environment has data. */
    private static double[] averages(List<ClusterBootstrap.Cluster> clusters, int draws, long seed) {
        var used = clusters.stream().filter(c -> c.n() > 0).toList();
        if (used.isEmpty() || draws < 1) return null;
        double[] avg = new double[draws];
        int chunk = (draws + CHUNKS - 1) / CHUNKS;
        IntStream.range(0, CHUNKS).parallel().forEach(c -> {
            var rng = new Well19937c(seed * 31 + c);
            var posts = used.stream().map(u -> new BetaDistribution(rng, 1 + u.k(), 1 + u.n() - u.k())).toList();
            for (int d = c * chunk; d < Math.min(draws, (c + 1) * chunk); d++) {
                double sum = 0;
                for (var p : posts) sum += p.sample();
                avg[d] = sum / posts.size();
            }
        });
        return avg;
    }
}
