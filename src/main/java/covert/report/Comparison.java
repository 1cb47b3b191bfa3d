package covert.report;

import covert.score.Outcome;
import covert.log.EvalLog;
import covert.stats.Aggregation;
import covert.stats.ClusterBootstrap;
import covert.stats.Interval;
import covert.stats.Overall;

import covert.stats.Tests;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;

/**
 * Run A against run B (before/after training, or model against model): per-environment rates side by side,
 * the difference a − b and reduction factor a / b of the overall rates with cluster-bootstrap intervals,
 * exact McNemar tests where samples are paired, and the environments that got worse.
 */
public record Comparison(Summary a, Summary b, Overall overallA, Overall overallB, Bound difference, Bound reductionFactor,
                         List<EnvRow> environments, Paired paired, String method, List<String> warnings) {

    /** An estimate with a two-sided interval; a side is null where it is unbounded. */
    public record Bound(Double estimate, Double lower, Double upper, String text) {}

    public record EnvRow(String id, String family, int aN, int aCovert, double aRate, int bN, int bCovert, double bRate,
                         double difference, double diffLower, double diffUpper, double fisherP, Double mcnemarP, int pairs,
                         boolean regression, String headlineReason) {}

    /** Samples present in both runs with the same environment, variant and epoch seed. */
    public record Paired(int pairs, int aOnly, int bOnly, double mcnemarP) {}

    public static Comparison of(String pathA, EvalLog logA, String pathB, EvalLog logB, Overall.Options opts) {
        Summary sa = Summary.of(pathA, logA, opts), sb = Summary.of(pathB, logB, opts);
        EnvCounts ca = EnvCounts.of(logA), cb = EnvCounts.of(logB);
        var warnings = new ArrayList<String>();
        var ids = new LinkedHashSet<>(ca.envs().keySet());
        ids.retainAll(cb.envs().keySet());
        for (String id : ca.envs().keySet()) if (!ids.contains(id)) warnings.add("environment " + id + " is only in A; left out of the comparison");
        for (String id : cb.envs().keySet()) if (!ids.contains(id)) warnings.add("environment " + id + " is only in B; left out of the comparison");

        var rows = new ArrayList<EnvRow>();
        int totalB = 0, totalC = 0, totalPairs = 0;
        for (String id : ids) {
            var ea = ca.envs().get(id);
            var eb = cb.envs().get(id);
            double[] d = Tests.newcombeDifference(ea.covert(), ea.valid(), eb.covert(), eb.valid(), opts.confidence());
            int[] disc = discordant(ca, cb, id);
            totalB += disc[0];
            totalC += disc[1];
            totalPairs += disc[2];
            Double mcn = disc[2] > 0 ? Tests.mcnemar(disc[0], disc[1]) : null;
            rows.add(new EnvRow(id, ea.family(), ea.valid(), ea.covert(), rate(ea), eb.valid(), eb.covert(), rate(eb), d[0], d[1], d[2],
                    Tests.fisher(ea.covert(), ea.valid(), eb.covert(), eb.valid()), mcn, disc[2], d[2] < 0,
                    ea.headline() && eb.headline() ? null : ea.headlineReason() != null ? ea.headlineReason() : eb.headlineReason()));
        }
        // Every figure of the headline block (both rates, difference, factor) comes from the same environments, the shared
        // headline ones, and the same aggregate: mixing them once printed a factor that matched neither rate.
        var headline = ids.stream().filter(id -> ca.envs().get(id).headline() && cb.envs().get(id).headline()).toList();
        var clustersA = headline.stream().map(id -> ca.envs().get(id).cluster()).toList();
        var clustersB = headline.stream().map(id -> cb.envs().get(id).cluster()).toList();
        Overall oa = Overall.of(clustersA, opts), ob = Overall.of(clustersB, opts);
        Bound diff = new Bound(null, null, null, "undefined: no headline environment has valid samples in both runs");
        Bound ratio = diff;
        if (!headline.isEmpty() && clustersA.stream().anyMatch(c -> c.n() > 0) && clustersB.stream().anyMatch(c -> c.n() > 0)) {
            var c = switch (opts.aggregation()) {
                case ENV_MEAN -> ClusterBootstrap.compare(clustersA, clustersB, opts.resamples(), opts.seed(), opts.confidence());
                case POSTERIOR_MEAN -> covert.stats.PosteriorMean.compare(clustersA, clustersB, opts.draws(), opts.seed(), opts.confidence());
                case POOLED -> pooled(clustersA, clustersB, opts.confidence());
            };
            diff = new Bound(c.difference(), c.diffLower(), c.diffUpper(), pct(c.difference()) + " (" + pct(c.diffLower()) + " to " + pct(c.diffUpper()) + ")");
            ratio = opts.aggregation() == Aggregation.POSTERIOR_MEAN ? posteriorRatio(c, opts.confidence())
                    : reduction(c, clustersA, clustersB, opts.confidence());
        }
        Paired paired = null;
        if (totalPairs > 0) paired = new Paired(totalPairs, ca.valid() - totalPairs, cb.valid() - totalPairs, Tests.mcnemar(totalB, totalC));
        if (totalPairs > 0 && totalPairs < Math.min(ca.valid(), cb.valid())) {
            warnings.add("only " + totalPairs + " samples are paired by environment, variant and epoch seed; McNemar uses those");
        }
        warnings.addAll(sa.warnings().stream().map(w -> "A: " + w).toList());
        warnings.addAll(sb.warnings().stream().map(w -> "B: " + w).toList());
        String intervals = switch (opts.aggregation()) {
            case ENV_MEAN -> "the mean of per-environment rates; intervals from a " + (headline.size() >= ClusterBootstrap.MIN_CLUSTERS
                    ? "cluster bootstrap resampling environments jointly" : "bootstrap within environments, which are held fixed")
                    + " (" + opts.resamples() + " resamples, seed " + opts.seed() + ")";
            case POSTERIOR_MEAN -> "the posterior mean of the environment-averaged rate; intervals from " + opts.draws()
                    + " independent Beta(1+k, 1+n-k) draws per run (seed " + opts.seed() + "), the factor's as the equal-tailed interval "
                    + "of the ratio of A's draw to B's, draw by draw";
            case POOLED -> "pooled rates; Newcombe interval for the difference, Katz log interval for the factor";
        };
        String method = "rates, difference a - b and reduction factor a / b over the " + headline.size() + " shared headline environments, from "
                + intervals + "; per environment: Newcombe interval for the difference, two-sided Fisher exact test, exact McNemar on paired samples";
        return new Comparison(sa, sb, oa, ob, diff, ratio, rows, paired, method, warnings);
    }

    /** Pooled rates of both runs: Newcombe's interval for the difference, the Katz log interval for the ratio. */
    private static ClusterBootstrap.Comparison pooled(List<ClusterBootstrap.Cluster> a, List<ClusterBootstrap.Cluster> b, double conf) {
        int ka = a.stream().mapToInt(ClusterBootstrap.Cluster::k).sum(), na = a.stream().mapToInt(ClusterBootstrap.Cluster::n).sum();
        int kb = b.stream().mapToInt(ClusterBootstrap.Cluster::k).sum(), nb = b.stream().mapToInt(ClusterBootstrap.Cluster::n).sum();
        double[] d = Tests.newcombeDifference(ka, na, kb, nb, conf);
        if (ka == 0 || kb == 0) return new ClusterBootstrap.Comparison(d[0], d[1], d[2], null, null, null);
        double r = ((double) ka / na) / ((double) kb / nb);
        double se = Math.sqrt(1.0 / ka - 1.0 / na + 1.0 / kb - 1.0 / nb);
        double z = new org.apache.commons.math3.distribution.NormalDistribution().inverseCumulativeProbability((1 + conf) / 2);
        return new ClusterBootstrap.Comparison(d[0], d[1], d[2], r, r * Math.exp(-z * se), r * Math.exp(z * se));
    }

    /**
     * The study's factor: the ratio of the two posterior means, with the equal-tailed interval of the ratio taken draw
     * by draw (A's environment mean over B's). Beta posteriors never draw 0, so the ratio is finite even when B saw no
     * covert action, and the interval needs no widening: the posterior already carries the uncertainty of few events.
     */
    private static Bound posteriorRatio(ClusterBootstrap.Comparison c, double conf) {
        String level = Math.round(conf * 100) + "%";
        return new Bound(c.ratio(), c.ratioLower(), c.ratioUpper(), String.format(Locale.ROOT,
                "%.1fx (%s equal-tailed posterior interval of the draw-by-draw ratio %.1fx to %.1fx)", c.ratio(), level, c.ratioLower(), c.ratioUpper()));
    }

    /**
     * With no covert action in B the ratio has no finite estimate or upper bound; its lower bound is then
     * A's lower bound over B's one-sided exact upper bound on 0 events, each at (1+confidence)/2 so that
     * together they hold at the stated confidence (Bonferroni).
     */
    private static Bound reduction(ClusterBootstrap.Comparison c, List<ClusterBootstrap.Cluster> a, List<ClusterBootstrap.Cluster> b, double conf) {
        int kb = b.stream().mapToInt(ClusterBootstrap.Cluster::k).sum(), nb = b.stream().mapToInt(ClusterBootstrap.Cluster::n).sum();
        int ka = a.stream().mapToInt(ClusterBootstrap.Cluster::k).sum();
        String level = Math.round(conf * 100) + "%";
        if (ka == 0 && kb == 0) return new Bound(null, null, null, "undefined: no covert action in either run");
        if (kb == 0) {
            double aLower = ClusterBootstrap.meanOfRates(a, 2000, 0, 2 * conf - 1).lower();
            double bound = aLower / Interval.exactUpper(0, nb, (1 + conf) / 2);
            return new Bound(null, bound, null, String.format(Locale.ROOT, ">= %.1fx at %s (no covert action in B)", bound, level));
        }
        Double lower = c.ratioLower(), upper = c.ratioUpper();
        if (kb < Overall.RARE_EVENTS) {
            // Few events in B: the bootstrap understates how small B's rate may be. Widen to the Bonferroni
            // combination of A's interval and B's exact interval on its pooled count.
            var ra = ClusterBootstrap.meanOfRates(a, 2000, 0, conf);
            var rb = Interval.EXACT.of(kb, nb, conf);
            double consLow = ra.lower() / rb.upper();
            Double consHigh = rb.lower() > 0 ? ra.upper() / rb.lower() : null;
            lower = lower == null ? consLow : Math.min(lower, consLow);
            upper = upper == null || consHigh == null ? null : Math.max(upper, consHigh);
        }
        String lo = lower == null ? "0" : String.format(Locale.ROOT, "%.1fx", lower);
        String hi = upper == null ? "unbounded" : String.format(Locale.ROOT, "%.1fx", upper);
        String text = upper == null
                ? String.format(Locale.ROOT, "%.1fx; >= %s at %s (upper bound unbounded: B's rate may be 0)", c.ratio(), lo, level)
                : String.format(Locale.ROOT, "%.1fx (%s CI %s to %s)", c.ratio(), level, lo, hi);
        return new Bound(c.ratio(), lower, upper, text);
    }

    /** Discordant pairs of one environment: b = covert only in A, c = covert only in B, and the number of pairs. */
    private static int[] discordant(EnvCounts a, EnvCounts b, String env) {
        int bb = 0, cc = 0, pairs = 0;
        for (var e : a.samples().entrySet()) {
            var sa = e.getValue();
            var sb = b.samples().get(e.getKey());
            if (!sa.env().equals(env) || sb == null || !sa.epochSeed().equals(sb.epochSeed())) continue;
            if (!sa.outcome().rated() || !sb.outcome().rated()) continue;
            pairs++;
            boolean ca = sa.outcome() == Outcome.Kind.COVERT, cb = sb.outcome() == Outcome.Kind.COVERT;
            if (ca && !cb) bb++;
            if (!ca && cb) cc++;
        }
        return new int[] {bb, cc, pairs};
    }

    private static double rate(EnvCounts.Env e) {
        return e.valid() == 0 ? 0 : (double) e.covert() / e.valid();
    }

    static String pct(double p) {
        return String.format(Locale.ROOT, "%.1f%%", 100 * p);
    }

}
