package covert.stats;

import covert.UserError;
import java.util.Locale;
import org.apache.commons.math3.distribution.BetaDistribution;
import org.apache.commons.math3.distribution.NormalDistribution;

/**
 * Two-sided intervals for a binomial proportion k/n. Wilson is the default; {@code bayes} is the
 * anti-scheming study's own method: the equal-tailed credible interval of the Beta(1+k, 1+n−k) posterior
 * under a uniform prior.
 */
public enum Interval {
    WILSON, EXACT, JEFFREYS, BAYES;

    public static Interval parse(String s) {
        try {
            return valueOf(s.toUpperCase(Locale.ROOT).replace("CLOPPER-PEARSON", "EXACT"));
        } catch (IllegalArgumentException e) {
            throw new UserError("unknown interval method '" + s + "' (known: wilson, exact, jeffreys, bayes)");
        }
    }

    public String wire() {
        return name().toLowerCase(Locale.ROOT);
    }

    public Rate of(int k, int n, double confidence) {
        if (n < 0 || k < 0 || k > n) throw new UserError("need 0 <= successes <= trials, got " + k + " of " + n);
        if (n == 0) return Rate.empty();
        double alpha = 1 - confidence, p = (double) k / n;
        return switch (this) {
            case WILSON -> wilson(k, n, alpha);
            case EXACT -> new Rate(k, n, p,
                    k == 0 ? 0 : new BetaDistribution(k, n - k + 1).inverseCumulativeProbability(alpha / 2),
                    k == n ? 1 : new BetaDistribution(k + 1, n - k).inverseCumulativeProbability(1 - alpha / 2));
            // Jeffreys with the usual boundary convention (Brown, Cai & DasGupta 2001): the bound at 0 or n is exact.
            case JEFFREYS -> new Rate(k, n, p,
                    k == 0 ? 0 : new BetaDistribution(k + 0.5, n - k + 0.5).inverseCumulativeProbability(alpha / 2),
                    k == n ? 1 : new BetaDistribution(k + 0.5, n - k + 0.5).inverseCumulativeProbability(1 - alpha / 2));
            case BAYES -> {
                var post = new BetaDistribution(1 + k, 1 + n - k);
                yield new Rate(k, n, p, post.inverseCumulativeProbability(alpha / 2), post.inverseCumulativeProbability(1 - alpha / 2));
            }
        };
    }

    public Rate of95(int k, int n) {
        return of(k, n, 0.95);
    }

    private static Rate wilson(int k, int n, double alpha) {
        double z = new NormalDistribution().inverseCumulativeProbability(1 - alpha / 2);
        double p = (double) k / n, z2 = z * z;
        double centre = (p + z2 / (2 * n)) / (1 + z2 / n);
        double half = z / (1 + z2 / n) * Math.sqrt(p * (1 - p) / n + z2 / (4.0 * n * n));
        // At k = 0 or k = n the bound is exactly 0 or 1; rounding would otherwise leave a 1e-18 residue.
        return new Rate(k, n, p, k == 0 ? 0 : Math.max(0, centre - half), k == n ? 1 : Math.min(1, centre + half));
    }

    /** One-sided upper confidence bound on a rate after k events in n trials (Clopper-Pearson). */
    public static double exactUpper(int k, int n, double confidence) {
        if (k >= n) return 1;
        return new BetaDistribution(k + 1, n - k).inverseCumulativeProbability(confidence);
    }
}
