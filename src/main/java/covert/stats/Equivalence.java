package covert.stats;

import org.apache.commons.math3.distribution.NormalDistribution;
import org.apache.commons.math3.distribution.TDistribution;

/**
 * Schuirmann's two one-sided tests (TOST) that a difference lies within ±margin: "not significantly different" is
 * not "the same", and a plateau claim needs the latter. Equivalence holds at level α when both one-sided nulls
 * (difference ≤ −margin, difference ≥ +margin) are rejected, i.e. when the (1 − 2α) interval lies inside the margin;
 * the p-value is the larger of the two one-sided p-values.
 *
 * @param lower the (1 − 2α) interval of the difference, the one TOST inverts
 */
public record Equivalence(int n, double difference, double lower, double upper, double margin, double pValue, String method) {

    public boolean equivalent(double alpha) {
        return pValue < alpha;
    }

    /** The paired t TOST on per-unit differences (e.g. −1, 0, +1 for a binary outcome at two checkpoints). */
    public static Equivalence paired(double[] diffs, double margin, double alpha) {
        int n = diffs.length;
        if (margin <= 0) throw new IllegalArgumentException("margin must be positive");
        if (n < 2) return new Equivalence(n, n == 1 ? diffs[0] : Double.NaN, Double.NaN, Double.NaN, margin, 1, "paired t TOST (too few pairs)");
        double mean = 0;
        for (double d : diffs) mean += d;
        mean /= n;
        double ss = 0;
        for (double d : diffs) ss += (d - mean) * (d - mean);
        double se = Math.sqrt(ss / (n - 1) / n);
        var t = new TDistribution(null, n - 1);
        String method = "paired t TOST, df " + (n - 1);
        if (se == 0) return degenerate(n, mean, margin, method);
        double pLow = 1 - t.cumulativeProbability((mean + margin) / se), pHigh = t.cumulativeProbability((mean - margin) / se);
        double half = t.inverseCumulativeProbability(1 - alpha) * se;
        return new Equivalence(n, mean, mean - half, mean + half, margin, Math.max(pLow, pHigh), method);
    }

    /** TOST with Wald z statistics on the difference k2/n2 − k1/n1 of two independent proportions. */
    public static Equivalence unpaired(int k1, int n1, int k2, int n2, double margin, double alpha) {
        if (margin <= 0) throw new IllegalArgumentException("margin must be positive");
        if (n1 == 0 || n2 == 0) return new Equivalence(0, Double.NaN, Double.NaN, Double.NaN, margin, 1, "unpaired z TOST (no samples)");
        double p1 = (double) k1 / n1, p2 = (double) k2 / n2, d = p2 - p1;
        double se = Math.sqrt(p1 * (1 - p1) / n1 + p2 * (1 - p2) / n2);
        String method = "unpaired Wald z TOST";
        if (se == 0) return degenerate(n1 + n2, d, margin, method);
        var z = new NormalDistribution(null, 0, 1);
        double pLow = 1 - z.cumulativeProbability((d + margin) / se), pHigh = z.cumulativeProbability((d - margin) / se);
        double half = z.inverseCumulativeProbability(1 - alpha) * se;
        return new Equivalence(n1 + n2, d, d - half, d + half, margin, Math.max(pLow, pHigh), method);
    }

    /** No spread at all: every unit changed by the same amount, so the difference is known exactly. */
    private static Equivalence degenerate(int n, double d, double margin, String method) {
        return new Equivalence(n, d, d, d, margin, Math.abs(d) < margin ? 0 : 1, method + " (no variance)");
    }
}
