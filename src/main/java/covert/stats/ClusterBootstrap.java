package covert.stats;

import java.util.Arrays;
import java.util.List;
import java.util.SplittableRandom;
import org.apache.commons.math3.distribution.TDistribution;

/**
 * The overall covert rate as the unweighted mean of per-environment rates (each environment weighs the
 * same, as the anti-scheming study reports it), with a percentile interval from a cluster bootstrap.
 *
 * <p>Environments are resampled with replacement and the samples within each chosen environment are
 * kept as they are: the two-stage scheme of Davison &amp; Hinkley (1997, §3.8, strategy 1), where the
 * second stage samples without replacement. Resampling the second stage with replacement as well counts
 * the within-environment variance twice: in our coverage simulation it gave about 99% coverage for a
 * nominal 95% interval, where this scheme gives 93–97%.
 *
 * <p>Percentile intervals from resampling E clusters are too narrow for small E: the bootstrap variance
 * is biased by (E−1)/E and ignores that the spread is itself estimated. The percentile distances from the
 * estimate are therefore widened by sqrt(E/(E−1)) · t(E−1)/z, the usual small-sample correction for
 * cluster-robust intervals; without it, 26 environments gave 92.8–94.4% coverage in our simulation.
 *
 * <p>With fewer than {@value #MIN_CLUSTERS} environments there are too few to resample (three give ten
 * distinct resamples); the environments are then held fixed and only the samples within each are
 * resampled (a stratified bootstrap), and the method text says so.
 */
public final class ClusterBootstrap {
    public static final int DEFAULT_RESAMPLES = 2000;
    public static final int MIN_CLUSTERS = 10;

    /** Covert count and valid sample count of one environment. */
    public record Cluster(int k, int n) {
        double rate() {
            return (double) k / n;
        }
    }

    public record Result(double mean, double lower, double upper, int resamples, long seed, String scheme) {}

    static String scheme(int clusters) {
        return clusters >= MIN_CLUSTERS ? "cluster bootstrap over environments"
                : "bootstrap within environments, which are held fixed (fewer than " + MIN_CLUSTERS + " to resample)";
    }

    /** Difference a − b and ratio a / b of two env-mean rates; a bound is null where it is unbounded. */
    public record Comparison(double difference, double diffLower, double diffUpper, Double ratio, Double ratioLower, Double ratioUpper) {}

    private ClusterBootstrap() {}

    public static Result meanOfRates(List<Cluster> clusters, int resamples, long seed, double confidence) {
        var used = clusters.stream().filter(c -> c.n() > 0).toList();
        if (used.isEmpty()) return new Result(Double.NaN, Double.NaN, Double.NaN, resamples, seed, scheme(0));
        var draw = resampler(used, seed);
        double[] stats = new double[resamples];
        for (int b = 0; b < resamples; b++) {
            double[] r = draw.get();
            stats[b] = Arrays.stream(r).average().orElseThrow();
        }
        Arrays.sort(stats);
        double alpha = (1 - confidence) / 2;
        double mean = used.stream().mapToDouble(Cluster::rate).average().orElseThrow();
        double c = widening(used.size(), confidence);
        return new Result(mean, Math.max(0, mean - c * (mean - quantile(stats, alpha))), Math.min(1, mean + c * (quantile(stats, 1 - alpha) - mean)),
                resamples, seed, scheme(used.size()));
    }

    /** The small-sample widening of cluster percentiles; 1 when environments are held fixed. */
    static double widening(int clusters, double confidence) {
        if (clusters < MIN_CLUSTERS) return 1;
        double q = 1 - (1 - confidence) / 2;
        double t = new TDistribution(clusters - 1).inverseCumulativeProbability(q);
        double z = new org.apache.commons.math3.distribution.NormalDistribution().inverseCumulativeProbability(q);
        return Math.sqrt(clusters / (clusters - 1.0)) * t / z;
    }

    /** One bootstrap replicate of the per-environment rates, by the scheme that fits the number of environments. */
    private static java.util.function.Supplier<double[]> resampler(List<Cluster> used, long seed) {
        int e = used.size();
        double[] rates = used.stream().mapToDouble(Cluster::rate).toArray();
        if (e >= MIN_CLUSTERS) {
            var rng = new SplittableRandom(seed);
            return () -> {
                double[] out = new double[e];
                for (int i = 0; i < e; i++) out[i] = rates[rng.nextInt(e)];
                return out;
            };
        }
        var rng = new SplittableRandom(seed);
        var within = used.stream().map(c -> new BinomialTable(c.n(), c.rate())).toList();
        return () -> {
            double[] out = new double[e];
            for (int i = 0; i < e; i++) out[i] = within.get(i).sample(rng) / (double) used.get(i).n();
            return out;
        };
    }

    /**
     * Compares two runs over the same environments, resampling environments jointly so that the pairing
     * by environment is kept. {@code a} and {@code b} must be aligned by index.
     */
    public static Comparison compare(List<Cluster> a, List<Cluster> b, int resamples, long seed, double confidence) {
        if (a.size() != b.size() || a.isEmpty()) throw new IllegalArgumentException("need the same non-empty environments in both runs");
        int e = a.size();
        double[] ra = a.stream().mapToDouble(c -> c.n() == 0 ? 0 : c.rate()).toArray();
        double[] rb = b.stream().mapToDouble(c -> c.n() == 0 ? 0 : c.rate()).toArray();
        var rng = new SplittableRandom(seed);
        var fixedA = resampler(a.stream().map(c -> c.n() == 0 ? new Cluster(0, 1) : c).toList(), seed);
        var fixedB = resampler(b.stream().map(c -> c.n() == 0 ? new Cluster(0, 1) : c).toList(), seed + 1);
        double[] diffs = new double[resamples], ratios = new double[resamples];
        for (int r = 0; r < resamples; r++) {
            double sa = 0, sb = 0;
            if (e >= MIN_CLUSTERS) {
                for (int i = 0; i < e; i++) {
                    int j = rng.nextInt(e);
                    sa += ra[j];
                    sb += rb[j];
                }
            } else {
                for (double x : fixedA.get()) sa += x;
                for (double x : fixedB.get()) sb += x;
            }
            diffs[r] = (sa - sb) / e;
            ratios[r] = sb == 0 ? (sa == 0 ? 1 : Double.POSITIVE_INFINITY) : sa / sb;
        }
        Arrays.sort(diffs);
        Arrays.sort(ratios);
        double alpha = (1 - confidence) / 2;
        double ma = Arrays.stream(ra).average().orElseThrow(), mb = Arrays.stream(rb).average().orElseThrow();
        double c = widening(e, confidence), d = ma - mb;
        Double ratio = mb == 0 ? null : ma / mb;
        Double lo = finite(quantile(ratios, alpha)), hi = finite(quantile(ratios, 1 - alpha));
        if (ratio != null) {
            lo = lo == null ? null : Math.max(0, ratio - c * (ratio - lo));
            hi = hi == null ? null : ratio + c * (hi - ratio);
        }
        return new Comparison(d, d - c * (d - quantile(diffs, alpha)), d + c * (quantile(diffs, 1 - alpha) - d), ratio, lo, hi);
    }

    private static Double finite(double x) {
        return Double.isFinite(x) ? x : null;
    }

    static double quantile(double[] sorted, double q) {
        double pos = q * (sorted.length - 1);
        int lo = (int) Math.floor(pos), hi = (int) Math.ceil(pos);
        if (lo == hi || sorted[lo] == sorted[hi]) return sorted[lo];
        return sorted[lo] + (sorted[hi] - sorted[lo]) * (pos - lo);
    }
}
