package covert.stats;

import java.util.Arrays;
import java.util.SplittableRandom;
import org.apache.commons.math3.distribution.BinomialDistribution;

/**
 * Draws from one Binomial(n, p) by inverting its CDF, tabulated once with commons-math3. A bootstrap
 * draws the same distribution millions of times, and the library's per-draw inversion is the bottleneck.
 */
final class BinomialTable {
    private final double[] cdf;

    BinomialTable(int n, double p) {
        var d = new BinomialDistribution(null, n, p);
        // Only the range that carries probability mass: beyond 1e-15 in either tail, no draw can land.
        int lo = Math.max(0, d.inverseCumulativeProbability(1e-15) - 1);
        int hi = Math.min(n, d.inverseCumulativeProbability(1 - 1e-15) + 1);
        this.offset = lo;
        this.cdf = new double[hi - lo + 1];
        for (int k = lo; k <= hi; k++) cdf[k - lo] = d.cumulativeProbability(k);
        cdf[cdf.length - 1] = 1;
    }

    private final int offset;

    int sample(SplittableRandom rng) {
        int i = Arrays.binarySearch(cdf, rng.nextDouble());
        return offset + (i >= 0 ? i : -i - 1);
    }
}
