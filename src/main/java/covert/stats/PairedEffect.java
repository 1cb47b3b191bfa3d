package covert.stats;

import java.util.Arrays;
import java.util.List;
import java.util.SplittableRandom;

/**
 * The effect of a treatment measured on the same units before and after: each unit has a binary outcome before
 * and one or more binary outcomes after (resamples). The difference is the mean over units of (after rate − before).
 * With one resample per unit the interval is Newcombe's paired score interval and the test the exact McNemar test;
 * with several it is a percentile bootstrap over units and the exact sign test on the per-unit differences (which
 * is McNemar's test when there is one resample).
 */
public record PairedEffect(int units, int beforeEvents, int afterEvents, int afterTrials, double before, double after,
                           double difference, double lower, double upper, double pValue, String method) {
    public static final int BOOTSTRAP_RESAMPLES = 2000;

    /** One unit: its outcome before, and events among its valid resamples after. */
    public record Unit(boolean before, int afterEvents, int afterTrials) {
        public Unit {
            if (afterEvents < 0 || afterEvents > afterTrials) throw new IllegalArgumentException("need 0 <= events <= trials");
        }

        double delta() {
            return (double) afterEvents / afterTrials - (before ? 1 : 0);
        }
    }

    /** Units without a valid resample carry no difference and are left out. */
    public static PairedEffect of(List<Unit> all, double confidence) {
        var units = all.stream().filter(u -> u.afterTrials() > 0).toList();
        int n = units.size();
        if (n == 0) return new PairedEffect(0, 0, 0, 0, Double.NaN, Double.NaN, Double.NaN, Double.NaN, Double.NaN, 1, "no valid pairs");
        int beforeK = (int) units.stream().filter(Unit::before).count();
        int afterK = units.stream().mapToInt(Unit::afterEvents).sum(), afterN = units.stream().mapToInt(Unit::afterTrials).sum();
        int down = (int) units.stream().filter(u -> u.delta() < 0).count(), up = (int) units.stream().filter(u -> u.delta() > 0).count();
        double p = Tests.mcnemar(down, up);
        double before = (double) beforeK / n, after = (double) afterK / afterN;
        if (units.stream().allMatch(u -> u.afterTrials() == 1)) {
            int both = 0, onlyBefore = 0, onlyAfter = 0, neither = 0;
            for (Unit u : units) {
                boolean a = u.afterEvents() == 1;
                if (u.before() && a) both++;
                else if (u.before()) onlyBefore++;
                else if (a) onlyAfter++;
                else neither++;
            }
            double[] d = Tests.newcombePaired(both, onlyAfter, onlyBefore, neither, confidence);
            return new PairedEffect(n, beforeK, afterK, afterN, before, after, d[0], d[1], d[2], p,
                    "Newcombe paired score interval; exact McNemar test");
        }
        double[] deltas = units.stream().mapToDouble(Unit::delta).toArray();
        return bootstrap(n, beforeK, afterK, afterN, before, after, deltas, p, confidence);
    }

    /** One unit measured under two conditions (e.g. an edit and the no-edit control), each with one or more resamples. */
    public record Arms(int beforeEvents, int beforeTrials, int afterEvents, int afterTrials) {
        public Arms {
            if (beforeEvents < 0 || beforeEvents > beforeTrials || afterEvents < 0 || afterEvents > afterTrials) {
                throw new IllegalArgumentException("need 0 <= events <= trials");
            }
        }

        double delta() {
            return (double) afterEvents / afterTrials - (double) beforeEvents / beforeTrials;
        }
    }

    /**
     * The paired effect of one condition against another on the same units: with one resample in each arm it is
     * {@link #of} (Newcombe, exact McNemar); otherwise the mean per-unit difference of rates with a percentile bootstrap
     * over units and the exact sign test. Units without a valid resample in both arms are left out.
     */
    public static PairedEffect between(List<Arms> all, double confidence) {
        var units = all.stream().filter(u -> u.beforeTrials() > 0 && u.afterTrials() > 0).toList();
        if (units.stream().allMatch(u -> u.beforeTrials() == 1)) {
            return of(units.stream().map(u -> new Unit(u.beforeEvents() == 1, u.afterEvents(), u.afterTrials())).toList(), confidence);
        }
        int n = units.size();
        int beforeK = units.stream().mapToInt(Arms::beforeEvents).sum(), beforeN = units.stream().mapToInt(Arms::beforeTrials).sum();
        int afterK = units.stream().mapToInt(Arms::afterEvents).sum(), afterN = units.stream().mapToInt(Arms::afterTrials).sum();
        int down = (int) units.stream().filter(u -> u.delta() < 0).count(), up = (int) units.stream().filter(u -> u.delta() > 0).count();
        double[] deltas = units.stream().mapToDouble(Arms::delta).toArray();
        return bootstrap(n, beforeK, afterK, afterN, (double) beforeK / beforeN, (double) afterK / afterN, deltas, Tests.mcnemar(down, up), confidence);
    }

    private static PairedEffect bootstrap(int n, int beforeK, int afterK, int afterN, double before, double after, double[] deltas, double p,
                                          double confidence) {
        double mean = Arrays.stream(deltas).average().orElseThrow();
        var r = new SplittableRandom(0);
        double[] stats = new double[BOOTSTRAP_RESAMPLES];
        for (int b = 0; b < stats.length; b++) {
            double s = 0;
            for (int i = 0; i < n; i++) s += deltas[r.nextInt(n)];
            stats[b] = s / n;
        }
        Arrays.sort(stats);
        double alpha = (1 - confidence) / 2;
        return new PairedEffect(n, beforeK, afterK, afterN, before, after, mean, quantile(stats, alpha), quantile(stats, 1 - alpha), p,
                "percentile bootstrap over units (" + BOOTSTRAP_RESAMPLES + " resamples, seed 0); exact sign test");
    }

    private static double quantile(double[] sorted, double q) {
        double pos = q * (sorted.length - 1);
        int lo = (int) Math.floor(pos), hi = (int) Math.ceil(pos);
        return sorted[lo] + (pos - lo) * (sorted[hi] - sorted[lo]);
    }
}
