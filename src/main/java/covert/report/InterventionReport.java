package covert.report;

import covert.log.Json;
import covert.run.InterventionResult;
import covert.stats.PairedEffect;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;

/** The text and JSON forms of an intervention's result. */
public final class InterventionReport {
    public static final String WEAKER = "WEAKER INTERVENTION: the text was prefilled as a visible assistant turn; the hidden reasoning "
            + "could not be edited, so this is not the study's CoT edit.";

    private InterventionReport() {}

    public static String text(InterventionResult r) {
        var sb = new StringBuilder();
        if (r.simulated()) sb.append(TextReport.SIMULATED_BANNER).append("\n\n");
        if (r.weaker()) sb.append(WEAKER).append("\n\n");
        sb.append("Intervention: ").append(r.edit()).append(" (").append(r.mode().replace('_', ' ')).append(")\n");
        sb.append("Source: ").append(r.source()).append("; model ").append(r.model()).append("; ").append(r.selected())
                .append(" samples selected, ").append(r.resamples()).append(r.resamples() == 1 ? " resample" : " resamples").append(" each\n");
        if (!r.skipped().isEmpty()) sb.append("Skipped: ").append(r.skipped()).append('\n');
        if (r.replayDiverged() > 0) {
            sb.append("WARNING: replaying the original tool calls gave different results in ").append(r.replayDiverged())
                    .append(" resamples; their World state may differ from the original episode's.\n");
        }
        sb.append('\n').append(String.format(Locale.ROOT, "%-28s %6s %9s %9s %28s %10s %12s%n", "condition", "n", "before", "after",
                "after - before [95%]", "p", "aware after"));
        row(sb, r.overall());
        if (r.environments().size() > 1) for (var e : r.environments()) row(sb, e);
        sb.append('\n').append("before = covert rate of the selected original samples; after = covert rate of their resamples; ")
                .append("difference paired by sample (").append(r.overall().effect().method()).append(").\n");
        sb.append("aware after = resamples whose edited or later turns verbalize evaluation awareness (the edit held if near 0 after a ")
                .append("removal, near 100% after an injection).\n");
        if (!r.contrasts().isEmpty()) {
            sb.append('\n').append("Against the no-edit control (same prefix cut, no change; paired by original sample):\n");
            sb.append(String.format(Locale.ROOT, "%-36s %6s %9s %9s %28s %10s%n", "condition", "n", "no-edit", "condition", "difference [95%]", "p"));
            r.contrasts().forEach(c -> contrast(sb, c));
        }
        var ra = r.reaware();
        if (ra != null) {
            sb.append('\n').append(String.format(Locale.ROOT, "Re-verbalized awareness: %d of %d edited resamples (%s) say it is a test again "
                    + "after the removal.%n", ra.count(), ra.of(), TextReport.pct(ra.of() == 0 ? Double.NaN : (double) ra.count() / ra.of())));
            if (ra.excluded() != null) {
                sb.append("With them excluded (--exclude-reaware):\n");
                row(sb, ra.excluded());
                if (ra.excludedContrast() != null) contrast(sb, ra.excludedContrast());
            }
        }
        sb.append("Log: ").append(r.log()).append('\n');
        return sb.toString();
    }

    private static void row(StringBuilder sb, InterventionResult.Effect e) {
        PairedEffect p = e.effect();
        String diff = difference(p);
        sb.append(String.format(Locale.ROOT, "%-28s %6d %9s %9s %28s %10s %12s%n", e.label(), p.units(), TextReport.pct(p.before()),
                TextReport.pct(p.after()), diff, TextReport.p(p.pValue()), TextReport.pct(e.awareAfter().n() == 0 ? Double.NaN : e.awareAfter().rate())));
    }

    private static void contrast(StringBuilder sb, InterventionResult.Contrast c) {
        PairedEffect p = c.effect();
        sb.append(String.format(Locale.ROOT, "%-36s %6d %9s %9s %28s %10s%n", c.label(), p.units(), TextReport.pct(p.before()), TextReport.pct(p.after()),
                difference(p), TextReport.p(p.pValue())));
    }

    private static String difference(PairedEffect p) {
        return Double.isNaN(p.difference()) ? "-" : String.format(Locale.ROOT, "%+.1f%% [%+.1f%%, %+.1f%%]", 100 * p.difference(), 100 * p.lower(),
                100 * p.upper());
    }

    public static Map<String, Object> object(InterventionResult r) {
        var m = new LinkedHashMap<String, Object>();
        m.put("log", r.log().toString());
        m.put("source", r.source());
        m.put("model", r.model());
        m.put("simulated", r.simulated());
        if (r.simulated()) m.put("note", TextReport.SIMULATED_BANNER);
        m.put("mode", r.mode());
        m.put("weaker", r.weaker());
        if (r.weaker()) m.put("weaker_note", WEAKER);
        m.put("edit", r.edit());
        m.put("resamples", r.resamples());
        m.put("selected", r.selected());
        m.put("skipped", r.skipped());
        m.put("replay_diverged", r.replayDiverged());
        m.put("overall", effect(r.overall()));
        m.put("environments", r.environments().stream().map(InterventionReport::effect).toList());
        m.put("contrasts", r.contrasts().stream().map(InterventionReport::contrast).toList());
        if (r.reaware() != null) {
            var ra = new LinkedHashMap<String, Object>();
            ra.put("count", r.reaware().count());
            ra.put("of", r.reaware().of());
            if (r.reaware().excluded() != null) ra.put("excluded", effect(r.reaware().excluded()));
            if (r.reaware().excludedContrast() != null) ra.put("excluded_contrast", contrast(r.reaware().excludedContrast()));
            m.put("reaware", ra);
        }
        return m;
    }

    public static String json(InterventionResult r) {
        try {
            return Json.MAPPER.writeValueAsString(object(r));
        } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }

    private static Map<String, Object> contrast(InterventionResult.Contrast c) {
        PairedEffect p = c.effect();
        var m = new LinkedHashMap<String, Object>();
        m.put("condition", c.label());
        m.put("n", p.units());
        m.put("control_rate", num(p.before()));
        m.put("condition_rate", num(p.after()));
        m.put("difference", difference(p.difference(), p.lower(), p.upper(), p.method()));
        m.put("p_value", p.pValue());
        return m;
    }

    private static Map<String, Object> difference(double estimate, double lower, double upper, String method) {
        var d = new LinkedHashMap<String, Object>();
        d.put("estimate", num(estimate));
        d.put("lower", num(lower));
        d.put("upper", num(upper));
        d.put("method", method);
        return d;
    }

    private static Map<String, Object> effect(InterventionResult.Effect e) {
        PairedEffect p = e.effect();
        var m = new LinkedHashMap<String, Object>();
        m.put("condition", e.label());
        m.put("n", p.units());
        var before = new LinkedHashMap<String, Object>();
        before.put("covert", p.beforeEvents());
        before.put("n", p.units());
        before.put("rate", num(p.before()));
        m.put("before", before);
        var after = new LinkedHashMap<String, Object>();
        after.put("covert", p.afterEvents());
        after.put("n", p.afterTrials());
        after.put("rate", num(p.after()));
        after.put("not_rated", e.invalidAfter()); // incomplete or invalid resamples
        m.put("after", after);
        m.put("difference", difference(p.difference(), p.lower(), p.upper(), p.method()));
        m.put("p_value", p.pValue());
        var a = new LinkedHashMap<String, Object>();
        a.put("aware", e.awareAfter().k());
        a.put("n", e.awareAfter().n());
        a.put("rate", e.awareAfter().n() == 0 ? null : e.awareAfter().rate());
        a.put("lower", e.awareAfter().lower());
        a.put("upper", e.awareAfter().upper());
        m.put("aware_after", a);
        return m;
    }

    private static Double num(double x) {
        return Double.isNaN(x) ? null : x;
    }
}
