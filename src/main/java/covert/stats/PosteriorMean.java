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
        var used = clusters.stream().filter(c -> c.n() > 0).toList();
        if (used.isEmpty() || draws < 1) return new Result(Double.NaN, Double.NaN, Double.NaN, draws, seed);
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
        double mean = Arrays.stream(avg).average().orElseThrow();
        Arrays.sort(avg);
        double alpha = (1 - confidence) / 2;
        return new Result(mean, ClusterBootstrap.quantile(avg, alpha), ClusterBootstrap.quantile(avg, 1 - alpha), draws, seed);
    }
}
