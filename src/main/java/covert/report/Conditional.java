package covert.report;

import covert.score.Outcome;
import covert.stats.Interval;
import covert.stats.MantelHaenszel;
import covert.stats.Rate;
import covert.stats.Tests;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;

/**
 * P(covert | X) against P(covert | not X) for a boolean sample score X, such as verbalized evaluation
 * awareness (task phase: the logged {@code aware} score), over valid samples, with Wilson intervals and Newcombe's
 * interval for the difference. These crude rates pool every environment, the over-escalation control included, so
 * they are confounded by environment when X clusters in some (Simpson's paradox). Beside them stand two risk ratios
 * P(covert | X) / P(covert | not X): the crude one over the same pooled samples, and the Mantel–Haenszel one
 * stratified by environment over headline environments only ({@link MantelHaenszel}, Greenland–Robins interval).
 */
public record Conditional(String score, int nWith, int covertWith, double rateWith, double lowerWith, double upperWith,
                          int nWithout, int covertWithout, double rateWithout, double lowerWithout, double upperWithout,
                          double difference, double diffLower, double diffUpper, MantelHaenszel crudeRatio, MantelHaenszel stratifiedRatio) {

    /** One row per boolean score in the log other than the covert outcome itself. */
    static List<Conditional> all(EnvCounts counts, double confidence) {
        var names = new LinkedHashSet<String>();
        counts.samples().values().forEach(s -> names.addAll(s.scores().keySet()));
        names.remove(covert.log.SampleRecord.SCORER);
        var out = new ArrayList<Conditional>();
        for (String name : names) {
            boolean allBoolean = counts.samples().values().stream().map(s -> s.scores().get(name))
                    .allMatch(v -> v == null || truth(v) != null);
            if (allBoolean) of(counts, name, confidence).ifPresent(out::add);
        }
        return out;
    }

    static java.util.Optional<Conditional> of(EnvCounts counts, String score, double confidence) {
        int nw = 0, kw = 0, no = 0, ko = 0;
        var strata = new LinkedHashMap<String, int[]>();
        for (var s : counts.samples().values()) {
            if (!s.outcome().rated() || s.scores().get(score) == null) continue;
            boolean covert = s.outcome() == Outcome.Kind.COVERT;
            var env = counts.envs().get(s.env());
            int[] t = env != null && env.headline() ? strata.computeIfAbsent(s.env(), k -> new int[4]) : new int[4];
            if (Boolean.TRUE.equals(truth(s.scores().get(score)))) { nw++; t[1]++; if (covert) { kw++; t[0]++; } }
            else { no++; t[3]++; if (covert) { ko++; t[2]++; } }
        }
        if (nw + no == 0) return java.util.Optional.empty();
        var crude = MantelHaenszel.riskRatio(List.of(new MantelHaenszel.Table(kw, nw, ko, no)), confidence);
        var stratified = MantelHaenszel.riskRatio(strata.values().stream().map(t -> new MantelHaenszel.Table(t[0], t[1], t[2], t[3])).toList(), confidence);
        Rate a = Interval.WILSON.of(kw, nw, confidence), b = Interval.WILSON.of(ko, no, confidence);
        double[] d = nw > 0 && no > 0 ? Tests.newcombeDifference(kw, nw, ko, no, confidence) : new double[] {Double.NaN, Double.NaN, Double.NaN};
        return java.util.Optional.of(new Conditional(score, nw, kw, a.rate(), a.lower(), a.upper(), no, ko, b.rate(), b.lower(), b.upper(), d[0], d[1], d[2],
                crude, stratified));
    }

    /** 1/0, true/false and Inspect's "C"/"I" count as boolean; anything else does not. */
    static Boolean truth(Object v) {
        if (v instanceof Boolean b) return b;
        if (v instanceof Number n && (n.doubleValue() == 0 || n.doubleValue() == 1)) return n.doubleValue() == 1;
        if ("C".equals(v) || "true".equals(v)) return true;
        if ("I".equals(v) || "false".equals(v)) return false;
        return null;
    }
}
