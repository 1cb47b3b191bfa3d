package covert.report;

import covert.score.Outcome;
import covert.report.Trend.Attribution;
import covert.report.Trend.Estimate;
import covert.report.Trend.Metric;
import covert.report.Trend.Plateau;
import covert.report.Trend.Point;
import covert.report.Trend.Segment;
import covert.stats.ClusterBootstrap;
import covert.stats.Equivalence;
import covert.stats.Tests;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import org.apache.commons.math3.distribution.TDistribution;

/** The paired tests of a trend: the change over each phase (attribution) and whether the last checkpoints differ (plateau). */
final class TrendTests {
    private final List<CheckpointRun> runs;
    private final List<Point> points;
    private final Trend.Options opts;

    TrendTests(List<CheckpointRun> runs, List<Point> points, Trend.Options opts) {
        this.runs = runs;
        this.points = points;
        this.opts = opts;
    }

    /**
     * First against last checkpoint of a phase. A phase with a single checkpoint is measured from the last
     * checkpoint of the phase before it, where it started.
     */
    Optional<Attribution> attribution(Metric m, Segment seg, List<Segment> all) {
        int from = seg.first(), to = seg.last();
        if (from == to) {
            int i = all.indexOf(seg);
            if (i <= 0) return Optional.empty();
            from = all.get(i - 1).last();
        }
        Estimate before = points.get(from).rates().get(m.name()), after = points.get(to).rates().get(m.name());
        if (before.value() == null || after.value() == null) return Optional.empty();
        var a = values(runs.get(from), m);
        var b = values(runs.get(to), m);
        int pairs = 0, fell = 0, rose = 0;
        var diffs = new ArrayList<Double>();
        for (var e : a.entrySet()) {
            Double y = b.get(e.getKey());
            if (y == null) continue;
            pairs++;
            double x = e.getValue();
            if (x > y) fell++;
            if (x < y) rose++;
            diffs.add(y - x);
        }
        double conf = opts.stats().confidence();
        Double diff = after.value() - before.value(), lo, hi, p;
        String test;
        if (m.name().equals(Trend.COVERT)) {
            double[] d = envMeanDifference(runs.get(to), runs.get(from));
            lo = d[1];
            hi = d[2];
        } else if (m.binary() && pairs > 0) {
            // after − before on the paired samples: both = 1 at both checkpoints, rose = 1 only after, fell = 1 only before
            int both = (int) a.entrySet().stream().filter(e -> e.getValue() == 1 && Double.valueOf(1).equals(b.get(e.getKey()))).count();
            double[] d = Tests.newcombePaired(both, rose, fell, pairs - both - rose - fell, conf);
            lo = d[1];
            hi = d[2];
        } else if (m.binary()) {
            int ka = (int) Math.round(before.value() * before.n()), kb = (int) Math.round(after.value() * after.n());
            double[] d = Tests.newcombeDifference(kb, after.n(), ka, before.n(), conf);
            lo = d[1];
            hi = d[2];
        } else {
            lo = hi = null;
        }
        if (m.binary()) {
            test = pairs > 0 ? "McNemar" : "Fisher";
            p = pairs > 0 ? Tests.mcnemar(fell, rose) : Tests.fisher((int) Math.round(before.value() * before.n()), before.n(),
                    (int) Math.round(after.value() * after.n()), after.n());
        } else if (diffs.size() >= 2) {
            test = "paired t";
            double mean = diffs.stream().mapToDouble(Double::doubleValue).average().orElseThrow();
            double sd = Math.sqrt(diffs.stream().mapToDouble(d -> (d - mean) * (d - mean)).sum() / (diffs.size() - 1));
            var t = new TDistribution(diffs.size() - 1);
            double se = sd / Math.sqrt(diffs.size()), half = t.inverseCumulativeProbability(1 - (1 - conf) / 2) * se;
            diff = mean;
            lo = mean - half;
            hi = mean + half;
            p = se == 0 ? (mean == 0 ? 1.0 : 0.0) : 2 * (1 - t.cumulativeProbability(Math.abs(mean / se)));
        } else {
            test = "none (fewer than 2 paired samples)";
            p = null;
        }
        String fromLabel = points.get(from).checkpoint(), toLabel = points.get(to).checkpoint();
        var text = new StringBuilder(Trend.phaseName(seg.phase())).append(": ").append(value(m, before.value())).append(" → ")
                .append(value(m, after.value())).append(" (Δ ").append(delta(m, diff));
        if (lo != null) text.append(", ").append(Math.round(conf * 100)).append("% CI ").append(delta(m, lo).replace(" pts", "")).append(" to ").append(delta(m, hi));
        if (p != null) text.append(", ").append(test).append(" p ").append(pValue(p));
        text.append(pairs > 0 ? ", " + pairs + " pairs" : ", unpaired").append("; ").append(fromLabel).append(" → ").append(toLabel).append(')');
        return Optional.of(new Attribution(seg.phase(), m.name(), fromLabel, toLabel, before, after, diff, lo, hi, pairs, fell, rose, test, p,
                text.toString()));
    }

    /** The difference a − b of the headline aggregate over environments both runs share, environments resampled jointly. */
    private double[] envMeanDifference(CheckpointRun a, CheckpointRun b) {
        var ca = byEnv(a);
        var cb = byEnv(b);
        ca.keySet().retainAll(cb.keySet());
        var shared = List.copyOf(ca.keySet());
        if (shared.isEmpty()) return new double[] {Double.NaN, Double.NaN, Double.NaN};
        var s = opts.stats();
        var c = ClusterBootstrap.compare(shared.stream().map(ca::get).toList(), shared.stream().map(cb::get).toList(), s.resamples(), s.seed(),
                s.confidence());
        return new double[] {c.difference(), c.diffLower(), c.diffUpper()};
    }

    private static Map<String, ClusterBootstrap.Cluster> byEnv(CheckpointRun r) {
        var out = new TreeMap<String, ClusterBootstrap.Cluster>();
        var counts = new TreeMap<String, int[]>();
        for (var o : r.samples()) {
            if (!o.headline() || !o.valid()) continue;
            int[] c = counts.computeIfAbsent(o.env(), e -> new int[2]);
            c[1]++;
            if (o.outcome() == Outcome.Kind.COVERT) c[0]++;
        }
        counts.forEach((e, c) -> out.put(e, new ClusterBootstrap.Cluster(c[0], c[1])));
        return out;
    }

    /**
     * Whether the last K checkpoints of the series (or of one phase) differ: Cochran's Q on the samples seen at all
     * of them, the exact McNemar test for two, or a chi-square test of homogeneity when they share no samples.
     * The series uses as many as it has (at least two); a phase needs K.
     */
    Optional<Plateau> plateau(Metric m, String scope, int first, int last) {
        int count = last - first + 1;
        boolean series = scope.equals("series");
        int k = series ? Math.min(opts.lastK(), count) : opts.lastK();
        if (k < 2 || count < k) return Optional.empty();
        var window = runs.subList(last - k + 1, last + 1);
        var labels = points.subList(last - k + 1, last + 1).stream().map(Point::checkpoint).toList();
        var maps = window.stream().map(r -> values(r, m)).toList();
        var rows = new ArrayList<boolean[]>();
        for (String key : maps.get(0).keySet()) {
            boolean[] row = new boolean[k];
            boolean all = true;
            for (int j = 0; j < k && all; j++) {
                Double v = maps.get(j).get(key);
                if (v == null) all = false;
                else row[j] = v == 1;
            }
            if (all) rows.add(row);
        }
        String test;
        Double stat;
        Integer df;
        double p;
        if (!rows.isEmpty() && k == 2) {
            int b = 0, c = 0;
            for (boolean[] r : rows) {
                if (r[0] && !r[1]) b++;
                if (!r[0] && r[1]) c++;
            }
            test = "exact McNemar";
            stat = null;
            df = null;
            p = Tests.mcnemar(b, c);
        } else if (!rows.isEmpty()) {
            var q = Tests.cochranQ(rows);
            test = q.exact() ? "exact Cochran's Q" : "Cochran's Q";
            stat = q.statistic();
            df = q.df();
            p = q.pValue();
        } else {
            int[] ks = maps.stream().mapToInt(mp -> (int) mp.values().stream().filter(v -> v == 1).count()).toArray();
            int[] ns = maps.stream().mapToInt(Map::size).toArray();
            var h = Tests.homogeneity(ks, ns);
            test = "chi-square homogeneity (unpaired)";
            stat = h.statistic();
            df = h.df();
            p = h.pValue();
        }
        double alpha = 1 - opts.stats().confidence();
        boolean significant = p < alpha;
        var eq = equivalence(rows, maps.get(0), maps.get(k - 1), alpha);
        String verdict = significant ? Plateau.CHANGING : eq.equivalent(alpha) ? Plateau.FLAT : Plateau.INCONCLUSIVE;
        Estimate firstRate = points.get(last - k + 1).rates().get(m.name()), lastRate = points.get(last).rates().get(m.name());
        String where = (series ? "the last " : "its last ") + k + " checkpoints, " + labels.get(0) + " to " + labels.get(k - 1);
        var text = new StringBuilder(series ? "" : Trend.phaseName(scope) + ": ");
        text.append(switch (verdict) {
            case Plateau.FLAT -> "flat within ±" + points(eq.margin());
            case Plateau.CHANGING -> "still changing";
            default -> "inconclusive (neither a change nor flatness within ±" + points(eq.margin()) + " is shown)";
        });
        text.append(" over ").append(where).append(": ");
        text.append(significant ? "significant change" : "no significant change").append(" (p ").append(pValue(p)).append("; ").append(test);
        if (stat != null) text.append(String.format(Locale.ROOT, " = %.2f, df %d", stat, df));
        text.append(rows.isEmpty() ? "" : ", on " + rows.size() + " paired samples").append(')');
        if (!Double.isNaN(eq.lower())) {
            text.append(String.format(Locale.ROOT, "; change %s, %d%% CI %s to %s, TOST p %s", delta(m, eq.difference()),
                    Math.round(100 * (1 - 2 * alpha)), delta(m, eq.lower()).replace(" pts", ""), delta(m, eq.upper()), pValue(eq.pValue())));
        }
        if (significant && firstRate.value() != null && lastRate.value() != null && !firstRate.value().equals(lastRate.value())) {
            text.append(": still ").append(lastRate.value() < firstRate.value() ? "falling" : "rising").append(", ")
                    .append(value(m, firstRate.value())).append(" → ").append(value(m, lastRate.value()));
        }
        return Optional.of(new Plateau(scope, m.name(), labels, test, stat, df, p, rows.size(), significant, eq, verdict, text.toString()));
    }

    /** TOST on the change from the window's first to its last checkpoint: per paired sample, else between the two rates. */
    private Equivalence equivalence(List<boolean[]> rows, Map<String, Double> first, Map<String, Double> last, double alpha) {
        double margin = opts.plateauMargin();
        if (!rows.isEmpty()) {
            // Sorted so the sum does not depend on the order samples were read in (a log and a store give the same digits).
            double[] d = rows.stream().mapToDouble(r -> (r[r.length - 1] ? 1 : 0) - (r[0] ? 1 : 0)).sorted().toArray();
            return Equivalence.paired(d, margin, alpha);
        }
        int k1 = (int) first.values().stream().filter(v -> v == 1).count(), k2 = (int) last.values().stream().filter(v -> v == 1).count();
        return Equivalence.unpaired(k1, first.size(), k2, last.size(), margin, alpha);
    }

    /** A margin as text: 0.01 is "1 point". */
    static String points(double margin) {
        double pts = 100 * margin;
        String n = pts == Math.rint(pts) ? String.format(Locale.ROOT, "%d", (long) pts) : String.format(Locale.ROOT, "%.2g", pts);
        return n + (pts == 1 ? " point" : " points");
    }

    /** A run's values of one metric by paired key (sample id, epoch, seed). */
    private static Map<String, Double> values(CheckpointRun r, Metric m) {
        var out = new LinkedHashMap<String, Double>();
        for (var o : r.samples()) {
            Double v = Trend.value(o, m);
            if (v != null) out.put(o.key(), v);
        }
        return out;
    }

    static String value(Metric m, double v) {
        return m.binary() ? String.format(Locale.ROOT, "%.1f%%", 100 * v) : String.format(Locale.ROOT, "%.3g", v);
    }

    static String delta(Metric m, double d) {
        double shown = m.binary() ? Math.round(1000 * d) / 1000.0 : d;
        String sign = shown < 0 ? "−" : shown > 0 ? "+" : "";
        return m.binary() ? String.format(Locale.ROOT, "%s%.1f pts", sign, Math.abs(100 * d)) : String.format(Locale.ROOT, "%s%.3g", sign, Math.abs(d));
    }

    static String pValue(double p) {
        if (p < 0.001) return "< 0.001";
        return String.format(Locale.ROOT, p < 0.1 ? "= %.3f" : "= %.2f", p);
    }
}
