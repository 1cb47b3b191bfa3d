package covert.stats;

import org.apache.commons.math3.distribution.BinomialDistribution;
import org.apache.commons.math3.distribution.HypergeometricDistribution;

/** Exact tests on counts, with the same conventions as R's {@code fisher.test} and {@code binom.test}. */
public final class Tests {
    /** R's relative tolerance for "as or less likely than observed" (fisher.test, binom.test). */
    private static final double REL_ERR = 1 + 1e-7;

    private Tests() {}

    /**
     * Two-sided Fisher exact test of k1/n1 against k2/n2: the probability, under the hypergeometric null,
     * of tables no more likely than the observed one.
     */
    public static double fisher(int k1, int n1, int k2, int n2) {
        int total = n1 + n2, events = k1 + k2;
        if (total == 0 || events == 0 || events == total) return 1;
        var h = new HypergeometricDistribution(null, total, events, n1);
        double observed = h.probability(k1);
        double p = 0;
        for (int x = Math.max(0, events - n2); x <= Math.min(events, n1); x++) {
            double px = h.probability(x);
            if (px <= observed * REL_ERR) p += px;
        }
        return Math.min(1, p);
    }

    /** Exact McNemar test: a two-sided binomial test of b discordant pairs against c, with p = 1/2. */
    public static double mcnemar(int b, int c) {
        int n = b + c;
        if (n == 0) return 1;
        var bin = new BinomialDistribution(null, n, 0.5);
        return Math.min(1, 2 * bin.cumulativeProbability(Math.min(b, c)));
    }

    /**
     * Newcombe's hybrid score interval (method 10, 1998) for the difference p1 − p2 of two independent
     * proportions, built from the two Wilson intervals.
     */
    public static double[] newcombeDifference(int k1, int n1, int k2, int n2, double confidence) {
        Rate a = Interval.WILSON.of(k1, n1, confidence), b = Interval.WILSON.of(k2, n2, confidence);
        double d = a.rate() - b.rate();
        double lo = d - Math.sqrt(sq(a.rate() - a.lower()) + sq(b.upper() - b.rate()));
        double hi = d + Math.sqrt(sq(a.upper() - a.rate()) + sq(b.rate() - b.lower()));
        return new double[] {d, lo, hi};
    }

    private static double sq(double x) {
        return x * x;
    }
}
