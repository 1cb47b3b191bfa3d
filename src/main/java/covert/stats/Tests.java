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

    /**
     * Newcombe's interval (method 10, 1998b) for the difference p2 − p1 of two proportions measured on the same units:
     * {@code both} pairs are 1 in both, {@code onlyFirst} 1 only in the first, {@code onlySecond} only in the second,
     * {@code neither} in neither. The Wilson intervals of the margins are combined with the phi correlation of the
     * pairs, so positively paired data get a narrower interval than {@link #newcombeDifference} would give.
     */
    public static double[] newcombePaired(int both, int onlyFirst, int onlySecond, int neither, double confidence) {
        int n = both + onlyFirst + onlySecond + neither;
        Rate a = Interval.WILSON.of(both + onlyFirst, n, confidence), b = Interval.WILSON.of(both + onlySecond, n, confidence);
        double d = b.rate() - a.rate();
        double r1 = both + onlyFirst, r2 = onlySecond + neither, c1 = both + onlySecond, c2 = onlyFirst + neither;
        double denom = r1 * r2 * c1 * c2;
        double phi = denom == 0 ? 0 : ((double) both * neither - (double) onlyFirst * onlySecond) / Math.sqrt(denom);
        double lo = d - Math.sqrt(Math.max(0, sq(b.rate() - b.lower()) - 2 * phi * (b.rate() - b.lower()) * (a.upper() - a.rate()) + sq(a.upper() - a.rate())));
        double hi = d + Math.sqrt(Math.max(0, sq(b.upper() - b.rate()) - 2 * phi * (b.upper() - b.rate()) * (a.rate() - a.lower()) + sq(a.rate() - a.lower())));
        return new double[] {d, Math.max(-1, lo), Math.min(1, hi)};
    }

    private static double sq(double x) {
        return x * x;
    }
}
