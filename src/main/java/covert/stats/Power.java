package covert.stats;

import covert.UserError;
import org.apache.commons.math3.distribution.BetaDistribution;
import org.apache.commons.math3.distribution.BinomialDistribution;
import org.apache.commons.math3.random.Well19937c;
import org.apache.commons.math3.stat.inference.TTest;

/** Sample sizes before a run: zero-event bounds, exact binomial power, and simulated power of a clustered design. */
public final class Power {
    private static final int MAX_N = 1_000_000;

    private Power() {}

    /** One-sided exact (Clopper-Pearson) upper bound on the rate after 0 events in n trials. */
    public static double zeroEventUpper(int n, double confidence) {
        return 1 - Math.pow(1 - confidence, 1.0 / n);
    }

    /** Fewest trials whose 0-event upper bound is at most {@code rate}. */
    public static int trialsForZeroBound(double rate, double confidence) {
        if (rate <= 0 || rate >= 1) throw new UserError("--max-rate must be between 0 and 1");
        return (int) Math.ceil(Math.log(1 - confidence) / Math.log(1 - rate));
    }

    /** Exact power of a one-sided binomial test of H0: p = p0 against the true rate p1 with n trials. */
    public static double exactPower(int n, double p0, double p1, double alpha) {
        var h0 = new BinomialDistribution(null, n, p0);
        var h1 = new BinomialDistribution(null, n, p1);
        if (p1 < p0) {
            int c = -1;
            while (c + 1 <= n && h0.cumulativeProbability(c + 1) <= alpha) c++;
            return c < 0 ? 0 : h1.cumulativeProbability(c);
        }
        int c = n + 1;
        while (c - 1 >= 0 && 1 - h0.cumulativeProbability(c - 2) <= alpha) c--;
        return c > n ? 0 : 1 - h1.cumulativeProbability(c - 1);
    }

    public record Answer(int n, double power) {}

    /** Smallest n whose exact power reaches {@code target}. */
    public static Answer exactSampleSize(double p0, double p1, double alpha, double target) {
        checkRates(p0, p1);
        for (int n = 1; n <= MAX_N; n = n < 64 ? n + 1 : (int) Math.ceil(n * 1.02)) {
            double pw = exactPower(n, p0, p1, alpha);
            if (pw >= target) {
                // refine downwards: the coarse steps above 64 may overshoot the smallest n
                int lo = n < 64 ? n : (int) Math.floor(n / 1.02);
                for (int m = lo; m < n; m++) if (exactPower(m, p0, p1, alpha) >= target) return new Answer(m, exactPower(m, p0, p1, alpha));
                return new Answer(n, pw);
            }
        }
        throw new UserError("more than " + MAX_N + " samples would be needed");
    }

    /**
     * Simulated power of comparing two runs over {@code envs} environments with n samples each: per
     * environment the true rates are {@code pa} and {@code pb} (or, with {@code spread} > 0, drawn from Beta
     * distributions with those means and that coefficient of variation), and the test is a two-sided paired
     * t-test over environments of the per-environment rate differences at level {@code alpha}.
     */
    public static double clusteredPower(int envs, int n, double pa, double pb, double spread, double alpha, int reps, long seed) {
        var rng = new Well19937c(seed);
        var tt = new TTest();
        int rejects = 0;
        double[] ra = new double[envs], rb = new double[envs];
        for (int r = 0; r < reps; r++) {
            for (int j = 0; j < envs; j++) {
                double ta = draw(pa, spread, rng), tb = draw(pb, spread, rng);
                ra[j] = new BinomialDistribution(rng, n, ta).sample() / (double) n;
                rb[j] = new BinomialDistribution(rng, n, tb).sample() / (double) n;
            }
            boolean same = true;
            for (int j = 0; j < envs && same; j++) same = ra[j] - rb[j] == ra[0] - rb[0];
            // All differences equal: the t statistic is undefined; it is significant unless they are all zero.
            if (same ? ra[0] != rb[0] : tt.pairedTTest(ra, rb) < alpha) rejects++;
        }
        return rejects / (double) reps;
    }

    /** Smallest samples per environment reaching the target power, searched with common random numbers. */
    public static Answer clusteredSampleSize(int envs, double pa, double pb, double spread, double alpha, double target, int reps, long seed) {
        checkRates(pa, pb);
        if (envs < 2) throw new UserError("--envs must be at least 2 for the clustered design (use --envs 1 for one rate)");
        int hi = 1;
        while (clusteredPower(envs, hi, pa, pb, spread, alpha, reps, seed) < target) {
            hi *= 2;
            if (hi > MAX_N) throw new UserError("more than " + MAX_N + " samples per environment would be needed");
        }
        int lo = Math.max(1, hi / 2);
        while (lo < hi) {
            int mid = (lo + hi) / 2;
            if (clusteredPower(envs, mid, pa, pb, spread, alpha, reps, seed) >= target) hi = mid;
            else lo = mid + 1;
        }
        return new Answer(hi, clusteredPower(envs, hi, pa, pb, spread, alpha, reps, seed));
    }

    private static double draw(double mean, double cv, Well19937c rng) {
        if (cv <= 0 || mean <= 0 || mean >= 1) return mean;
        double var = Math.min(cv * cv * mean * mean, mean * (1 - mean) * 0.99);
        double common = mean * (1 - mean) / var - 1;
        return new BetaDistribution(rng, mean * common, (1 - mean) * common).sample();
    }

    private static void checkRates(double a, double b) {
        if (a <= 0 || a >= 1 || b <= 0 || b >= 1) throw new UserError("rates must be strictly between 0 and 1");
        if (a == b) throw new UserError("the two rates are equal: no sample size can tell them apart");
    }

}
