package covert.stats;

import java.util.List;
import org.apache.commons.math3.distribution.BinomialDistribution;
import org.apache.commons.math3.distribution.ChiSquaredDistribution;
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
     * Newcombe's score interval (method 10, 1998) for the difference p1 − p2 of two proportions measured on the same
     * subjects: {@code both} successes in both, {@code onlyFirst} and {@code onlySecond} discordant pairs, {@code neither}.
     * It combines the two Wilson intervals with the correlation phi of the paired table, so that it is as narrow as
     * the pairing allows.
     */
    public static double[] newcombePaired(int both, int onlyFirst, int onlySecond, int neither, double confidence) {
        int n = both + onlyFirst + onlySecond + neither;
        if (n == 0) return new double[] {Double.NaN, Double.NaN, Double.NaN};
        Rate r1 = Interval.WILSON.of(both + onlyFirst, n, confidence), r2 = Interval.WILSON.of(both + onlySecond, n, confidence);
        double d = r1.rate() - r2.rate();
        double denom = Math.sqrt((double) (both + onlyFirst) * (onlySecond + neither) * (both + onlySecond) * (onlyFirst + neither));
        // Newcombe's phi with its continuity correction for positive association (as in Fagerland, Lydersen & Laake 2017)
        double a = (double) both * neither - (double) onlyFirst * onlySecond;
        double phi = denom == 0 || (a >= 0 && a <= n / 2.0) ? 0 : (a > n / 2.0 ? a - n / 2.0 : a) / denom;
        double l1 = r1.rate() - r1.lower(), u1 = r1.upper() - r1.rate(), l2 = r2.rate() - r2.lower(), u2 = r2.upper() - r2.rate();
        double lo = d - Math.sqrt(Math.max(0, l1 * l1 - 2 * phi * l1 * u2 + u2 * u2));
        double hi = d + Math.sqrt(Math.max(0, u1 * u1 - 2 * phi * u1 * l2 + l2 * l2));
        return new double[] {d, Math.max(-1, lo), Math.min(1, hi)};
    }

    /** A test statistic, its degrees of freedom and p-value; {@code exact} when the p-value is from the exact permutation distribution. */
    public record ChiSquare(double statistic, int df, double pValue, boolean exact) {
        public ChiSquare(double statistic, int df, double pValue) {
            this(statistic, df, pValue, false);
        }
    }

    /** Above this many states the exact distribution of Cochran's Q is not computed; the chi-square approximation is good there. */
    static final int EXACT_Q_STATES = 20_000;

    /**
     * Cochran's Q test that K paired binary outcomes share one success probability (Cochran 1950): each row is
     * one subject (a sample seen at every checkpoint), each column one condition. Q is referred to chi-square
     * with K − 1 degrees of freedom; rows that agree in every column carry no information and drop out. With no
     * discordant row at all there is no evidence of a difference and p is 1. With few discordant rows the
     * chi-square approximation is poor, so the p-value is then exact: under the null each row's successes fall on
     * any of its columns alike, and the distribution of the column totals (which determine Q) is built row by row.
     */
    public static ChiSquare cochranQ(List<boolean[]> rows) {
        if (rows.isEmpty()) return new ChiSquare(0, 0, 1);
        int k = rows.get(0).length;
        if (k < 2) throw new IllegalArgumentException("Cochran's Q needs at least two conditions");
        long[] col = new long[k];
        long total = 0, rowSq = 0;
        for (boolean[] r : rows) {
            int rowSum = 0;
            for (int j = 0; j < k; j++) if (r[j]) { col[j]++; rowSum++; }
            total += rowSum;
            rowSq += (long) rowSum * rowSum;
        }
        double denom = (double) k * total - rowSq;
        if (denom <= 0) return new ChiSquare(0, k - 1, 1);
        long colSq = 0;
        for (long c : col) colSq += c * c;
        double q = (k - 1) * (k * (double) colSq - (double) total * total) / denom;
        // Rows with no success or all successes are constant under permutation: the exact distribution needs only the others.
        var informative = new java.util.ArrayList<Integer>();
        long[] infCol = new long[k];
        for (boolean[] r : rows) {
            int n = 0;
            for (boolean b : r) if (b) n++;
            if (n == 0 || n == k) continue;
            informative.add(n);
            for (int j = 0; j < k; j++) if (r[j]) infCol[j]++;
        }
        long infSq = 0;
        for (long c : infCol) infSq += c * c;
        if (Math.pow(informative.size() + 1.0, k - 1) <= EXACT_Q_STATES) {
            return new ChiSquare(q, k - 1, exactQ(informative.stream().mapToInt(Integer::intValue).toArray(), k, infSq), true);
        }
        return new ChiSquare(q, k - 1, chiSquareTail(q, k - 1));
    }

    /** P(sum of squared column totals >= observed) when each row's successes are spread over its columns at random. */
    private static double exactQ(int[] rowSums, int k, long observedColSq) {
        int base = rowSums.length + 1;
        var dist = new java.util.HashMap<Long, Double>();
        dist.put(0L, 1.0);
        for (int r : rowSums) {
            var subsets = new java.util.ArrayList<Integer>();
            for (int mask = 0; mask < (1 << k); mask++) if (Integer.bitCount(mask) == r) subsets.add(mask);
            double each = 1.0 / subsets.size();
            var next = new java.util.HashMap<Long, Double>();
            for (var e : dist.entrySet()) {
                for (int mask : subsets) {
                    long key = e.getKey(), mult = 1;
                    for (int j = 0; j < k; j++, mult *= base) if ((mask & (1 << j)) != 0) key += mult;
                    next.merge(key, e.getValue() * each, Double::sum);
                }
            }
            dist = next;
        }
        double p = 0;
        for (var e : dist.entrySet()) {
            long key = e.getKey(), sq = 0;
            for (int j = 0; j < k; j++, key /= base) sq += (key % base) * (key % base);
            if (sq >= observedColSq) p += e.getValue();
        }
        return Math.min(1, p);
    }

    /**
     * Pearson's chi-square test of homogeneity of K independent proportions k[i]/n[i] (a K × 2 table), for
     * checkpoints whose samples do not pair up. A table with no events, or only events, has p = 1.
     */
    public static ChiSquare homogeneity(int[] k, int[] n) {
        long events = 0, trials = 0;
        for (int i = 0; i < k.length; i++) { events += k[i]; trials += n[i]; }
        if (events == 0 || events == trials) return new ChiSquare(0, k.length - 1, 1);
        double p = (double) events / trials, stat = 0;
        for (int i = 0; i < k.length; i++) {
            if (n[i] == 0) continue;
            double e1 = n[i] * p, e0 = n[i] * (1 - p);
            stat += sq(k[i] - e1) / e1 + sq(n[i] - k[i] - e0) / e0;
        }
        return new ChiSquare(stat, k.length - 1, chiSquareTail(stat, k.length - 1));
    }

    private static double chiSquareTail(double x, int df) {
        return Math.max(0, Math.min(1, 1 - new ChiSquaredDistribution(df).cumulativeProbability(x)));
    }

    private static double sq(double x) {
        return x * x;
    }
}
