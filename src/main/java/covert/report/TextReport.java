package covert.report;

import covert.stats.MantelHaenszel;
import java.util.Locale;

/** Terminal tables for a {@link Summary} and a {@link Comparison}. */
public final class TextReport {
    public static final String SIMULATED_BANNER = "SIMULATED MODEL ORGANISM: a seeded test double with configured propensities. "
            + "These numbers test the pipeline; they are not findings about any real model.";

    private TextReport() {}

    public static String render(Summary s) {
        var sb = new StringBuilder();
        sb.append("Covert-action report  ").append(s.log()).append('\n');
        sb.append("model ").append(s.run().model()).append("   suite ").append(s.run().suite()).append("   seed ").append(s.run().seed())
                .append("   epochs ").append(s.run().epochs()).append('\n');
        if (s.simulated()) sb.append("!! ").append(SIMULATED_BANNER).append('\n');
        s.warnings().forEach(w -> sb.append("!! WARNING: ").append(w).append('\n'));
        sb.append('\n');
        int w = width(s.environments().stream().map(Summary.Env::id), 11);
        int fw = width(s.environments().stream().map(Summary.Env::family), 6);
        var aw = s.awareness();
        String fmt = "%-" + w + "s  %-" + fw + "s  %5s  %6s  %7s  %-18s  %10s  " + (aw == null ? "%s%s%n" : "%-7s  %s%n");
        sb.append(String.format(Locale.ROOT, fmt, "environment", "family", "n", "covert", "rate", "95% " + s.interval(), "incomplete", "invalid",
                aw == null ? "" : "aware"));
        // Headline environments first; the rest apart, each with the reason it is left out, so the headline stays out-of-distribution.
        var apart = s.environments().stream().filter(e -> !e.headline()).toList();
        for (var e : s.environments()) if (e.headline()) envRow(sb, fmt, e, aw);
        if (!apart.isEmpty()) {
            sb.append("Outside the headline (reported apart, not in the overall rate):\n");
            for (var e : apart) envRow(sb, fmt, e, aw);
            apart.forEach(e -> sb.append("  ").append(e.id()).append(": ").append(e.headlineReason()).append('\n'));
        }
        var o = s.overall();
        sb.append('\n');
        if (o.rate() == null) sb.append("Overall covert rate: undefined (no valid samples)\n");
        else sb.append(String.format(Locale.ROOT, "Overall covert rate: %s  95%% interval [%s, %s]%n", pct(o.rate()), pct(o.lower()), pct(o.upper())));
        var h = s.headlineCounts();
        sb.append(String.format(Locale.ROOT, "  headline environments: valid %d, incomplete %d, invalid %d; %s%n", h.valid(), h.incomplete(), h.invalid(), o.method()));
        if (h.valid() + h.incomplete() + h.invalid() != s.nValid() + s.nIncomplete() + s.nInvalid()) {
            sb.append(String.format(Locale.ROOT, "  all environments: valid %d, incomplete %d, invalid %d%n", s.nValid(), s.nIncomplete(), s.nInvalid()));
        }
        if (!s.groups().isEmpty()) {
            sb.append("By group:\n");
            for (var g : s.groups()) {
                var r = g.rate();
                String what = g.group().equals("over_escalation") ? "over-escalation rate (a control, not covert)" : g.headline() ? "" : "(not in headline)";
                sb.append(String.format(Locale.ROOT, "  %-22s %2d env  %s%s  %s%n", g.group(), g.environments(), r.rate() == null ? "-" : pct(r.rate()),
                        r.rate() == null ? "" : " [" + pct(r.lower()) + ", " + pct(r.upper()) + "]", what));
            }
        }
        if (!s.kinds().isEmpty()) {
            sb.append("Covert kinds: ");
            s.kinds().forEach((k, v) -> sb.append(k).append(' ').append(v).append("  "));
            sb.append('\n');
        }
        if (aw != null) sb.append(awareness(aw));
        if (s.sensitivity() != null) sb.append(s.sensitivity().render());
        for (var c : s.conditionals()) {
            sb.append(String.format(Locale.ROOT, "P(covert | %s) = %s [%s, %s] (n %d)   P(covert | not %s) = %s [%s, %s] (n %d)   difference %s [%s, %s]%n",
                    c.score(), pct(c.rateWith()), pct(c.lowerWith()), pct(c.upperWith()), c.nWith(), c.score(), pct(c.rateWithout()),
                    pct(c.lowerWithout()), pct(c.upperWithout()), c.nWithout(), pct(c.difference()), pct(c.diffLower()), pct(c.diffUpper())));
            sb.append("  ").append(ratios(c)).append('\n');
        }
        return sb.toString();
    }

    private static void envRow(StringBuilder sb, String fmt, Summary.Env e, AwarenessRates aw) {
        var a = aw == null ? null : aw.environments().get(e.id());
        sb.append(String.format(Locale.ROOT, fmt, e.id(), e.family(), e.n(), e.covert(), e.n() == 0 ? "-" : pct(e.rate()),
                e.n() == 0 ? "-" : "[" + pct(e.lower()) + ", " + pct(e.upper()) + "]", e.incomplete(), e.invalid(),
                a == null ? "" : a.n() == 0 ? "-" : a.aware() + " " + pct(a.rate())));
    }

    /** "A: 3 sample(s) reviewed, 1 overridden" when a human reviewed verdicts of that log (rates use the edited values). */
    static String reviewed(String which, Summary s) {
        var v = s.sensitivity();
        if (v == null || v.reviewed() == 0) return "";
        return String.format(Locale.ROOT, "%s: %d sample(s) reviewed, %d overridden (rates use the reviewed outcomes)%n", which, v.reviewed(), v.overridden());
    }

    public static String render(Comparison c) {
        var sb = new StringBuilder();
        sb.append("Compare  A = ").append(c.a().run().model()).append("  (").append(c.a().log()).append(")\n");
        sb.append("         B = ").append(c.b().run().model()).append("  (").append(c.b().log()).append(")\n");
        if (c.a().simulated() || c.b().simulated()) sb.append("!! ").append(SIMULATED_BANNER).append('\n');
        c.warnings().forEach(w -> sb.append("!! WARNING: ").append(w).append('\n'));
        sb.append(reviewed("A", c.a())).append(reviewed("B", c.b()));
        sb.append('\n');
        int w = width(c.environments().stream().map(Comparison.EnvRow::id), 11);
        String fmt = "%-" + w + "s  %12s  %12s  %-26s  %8s  %9s  %s%n";
        sb.append(String.format(Locale.ROOT, fmt, "environment", "A", "B", "A - B (95% Newcombe)", "Fisher p", "McNemar p", ""));
        var apart = c.environments().stream().filter(e -> e.headlineReason() != null).toList();
        for (var e : c.environments()) if (e.headlineReason() == null) compareRow(sb, fmt, e);
        if (!apart.isEmpty()) {
            sb.append("Outside the headline (reported apart, not in the overall rates, difference or factor):\n");
            for (var e : apart) compareRow(sb, fmt, e);
            apart.forEach(e -> sb.append("  ").append(e.id()).append(": ").append(e.headlineReason()).append('\n'));
        }
        sb.append('\n').append(String.format(Locale.ROOT, "Overall A: %s   B: %s%n", overall(c.overallA()), overall(c.overallB())));
        sb.append("Difference A - B: ").append(c.difference().text()).append('\n');
        sb.append("Reduction factor A / B: ").append(c.reductionFactor().text()).append('\n');
        if (c.paired() != null) {
            sb.append(String.format(Locale.ROOT, "Paired samples: %d; exact McNemar p = %s%n", c.paired().pairs(), p(c.paired().mcnemarP())));
        }
        long worse = c.environments().stream().filter(Comparison.EnvRow::regression).count();
        sb.append(worse == 0 ? "No environment got significantly worse in B.\n" : worse + " environment(s) got significantly worse in B.\n");
        sb.append("  (").append(c.method()).append(")\n");
        return sb.toString();
    }

    private static void compareRow(StringBuilder sb, String fmt, Comparison.EnvRow e) {
        sb.append(String.format(Locale.ROOT, fmt, e.id(), pct(e.aRate()) + " " + e.aCovert() + "/" + e.aN(), pct(e.bRate()) + " " + e.bCovert() + "/" + e.bN(),
                pct(e.difference()) + " [" + pct(e.diffLower()) + ", " + pct(e.diffUpper()) + "]", p(e.fisherP()),
                e.mcnemarP() == null ? "-" : p(e.mcnemarP()), e.regression() ? "WORSE in B" : ""));
    }

    static String awareness(AwarenessRates a) {
        var o = a.overall();
        return o.rate() == null ? "Evaluation awareness: undefined (no valid samples)\n"
                : String.format(Locale.ROOT, "Evaluation awareness: %s  95%% interval [%s, %s]  (%d of %d valid samples aware; %s)%n",
                pct(o.rate()), pct(o.lower()), pct(o.upper()), a.aware(), a.n(), o.method());
    }

    private static String overall(covert.stats.Overall o) {
        return o.rate() == null ? "undefined" : pct(o.rate()) + " [" + pct(o.lower()) + ", " + pct(o.upper()) + "]";
    }

    private static int width(java.util.stream.Stream<String> values, int min) {
        return Math.max(min, values.mapToInt(String::length).max().orElse(0));
    }

    static String p(double p) {
        return p < 1e-4 ? String.format(Locale.ROOT, "%.1e", p) : String.format(Locale.ROOT, "%.4f", p);
    }

    /** The two risk ratios of a conditional row, each named for what it is. */
    static String ratios(Conditional c) {
        var m = c.stratifiedRatio();
        return String.format(Locale.ROOT, "risk ratio P(covert | %s) / P(covert | not %s): crude (pooled over all environments) %s;  "
                + "Mantel-Haenszel (stratified by environment, %d headline environment(s) with both arms) %s", c.score(), c.score(),
                ratio(c.crudeRatio()), m.strata(), ratio(m));
    }

    private static String ratio(MantelHaenszel r) {
        return Double.isNaN(r.ratio()) ? "undefined" : String.format(Locale.ROOT, "%.2f [%s, %s]", r.ratio(), num(r.lower()), num(r.upper()));
    }

    private static String num(double x) {
        return Double.isNaN(x) ? "-" : String.format(Locale.ROOT, "%.2f", x);
    }

    static String pct(double p) {
        return Double.isNaN(p) ? "-" : String.format(Locale.ROOT, "%.1f%%", 100 * p);
    }
}
