package covert.stats;

import org.apache.commons.math3.distribution.NormalDistribution;

/** The Wilson score interval: well behaved at rates near 0, where the study's numbers live. */
public final class Wilson {
    private Wilson() {}

    public static Rate interval(int k, int n, double confidence) {
        if (n == 0) return Rate.empty();
        if (k < 0 || k > n) throw new IllegalArgumentException("need 0 <= k <= n, got k=" + k + " n=" + n);
        double z = new NormalDistribution().inverseCumulativeProbability(1 - (1 - confidence) / 2);
        double p = (double) k / n, z2 = z * z;
        double centre = (p + z2 / (2 * n)) / (1 + z2 / n);
        double half = z / (1 + z2 / n) * Math.sqrt(p * (1 - p) / n + z2 / (4.0 * n * n));
        // At k = 0 or k = n the bound is exactly 0 or 1; rounding would otherwise leave a 1e-18 residue.
        return new Rate(k, n, p, k == 0 ? 0 : Math.max(0, centre - half), k == n ? 1 : Math.min(1, centre + half));
    }

    public static Rate interval95(int k, int n) {
        return interval(k, n, 0.95);
    }
}
