package covert.report;

import java.util.List;
import java.util.Locale;

/**
 * Self-contained HTML reports: inline CSS and SVG, no scripts or network references, so the file opens
 * offline and can be attached to a paper's supplement as it is.
 */
public final class HtmlReport {
    static final String HEAD = """
            <!doctype html><html lang="en"><head><meta charset="utf-8"><title>%s</title>
            <style>
            body{font:14px/1.4 system-ui,sans-serif;margin:2em;max-width:72em;color:#222}
            table{border-collapse:collapse;margin:1em 0}td,th{padding:.3em .8em;border-bottom:1px solid #ddd;text-align:left}
            td.num{text-align:right;font-variant-numeric:tabular-nums}
            .sim{background:#fff3cd;border:1px solid #e0b400;padding:.6em 1em;border-radius:4px}
            .warn{background:#fde2e1;border:1px solid #c0392b;padding:.6em 1em;border-radius:4px}
            .method{color:#555;font-size:12px} dl{display:grid;grid-template-columns:max-content auto;gap:.2em 1em} dt{color:#555}
            </style></head><body>
            """;

    private HtmlReport() {}

    /** The page head every Covert HTML report shares, with its title. */
    static String head(String title) {
        return String.format(HEAD, Svg.esc(title));
    }

    public static String render(List<Summary> summaries) {
        var sb = new StringBuilder(String.format(HEAD, "Covert report")).append("<h1>Covert-action report</h1>\n");
        for (Summary s : summaries) section(sb, s);
        return sb.append("</body></html>\n").toString();
    }

    public static String render(Comparison c) {
        var sb = new StringBuilder(String.format(HEAD, "Covert comparison")).append("<h1>Covert-action comparison</h1>\n");
        if (c.a().simulated() || c.b().simulated()) sb.append("<p class=sim>").append(esc(TextReport.SIMULATED_BANNER)).append("</p>\n");
        c.warnings().forEach(w -> sb.append("<p class=warn>").append(esc(w)).append("</p>\n"));
        sb.append("<p><b>Reduction factor A / B: ").append(esc(c.reductionFactor().text())).append("</b><br>Difference A &minus; B: ")
                .append(esc(c.difference().text())).append("</p>\n");
        sb.append("<p>A = ").append(esc(c.a().run().model())).append(" (orange), B = ").append(esc(c.b().run().model())).append(" (blue)</p>\n");
        sb.append(Svg.dumbbell(c.environments().stream().map(e -> new Svg.Pair(e.id(), e.aRate(), e.bRate(), e.regression())).toList()));
        sb.append("\n<table><tr><th>environment</th><th>A</th><th>B</th><th>A &minus; B (95% Newcombe)</th><th>Fisher p</th><th>McNemar p</th><th></th></tr>\n");
        for (var e : c.environments()) {
            sb.append("<tr><td>").append(esc(e.id())).append("</td><td class=num>").append(e.aCovert()).append('/').append(e.aN())
                    .append("</td><td class=num>").append(e.bCovert()).append('/').append(e.bN()).append("</td><td class=num>")
                    .append(TextReport.pct(e.difference())).append(" [").append(TextReport.pct(e.diffLower())).append(", ")
                    .append(TextReport.pct(e.diffUpper())).append("]</td><td class=num>").append(TextReport.p(e.fisherP()))
                    .append("</td><td class=num>").append(e.mcnemarP() == null ? "-" : TextReport.p(e.mcnemarP())).append("</td><td>")
                    .append(e.regression() ? "<b>worse in B</b>" : "").append("</td></tr>\n");
        }
        sb.append("</table>\n");
        apart(sb, c.environments().stream().filter(e -> e.headlineReason() != null).map(e -> e.id() + ": " + e.headlineReason()).toList());
        sb.append("<p class=method>").append(esc(c.method())).append("</p>\n");
        section(sb, c.a());
        section(sb, c.b());
        return sb.append("</body></html>\n").toString();
    }

    private static void section(StringBuilder sb, Summary s) {
        sb.append("<h2>").append(esc(s.run().model())).append(" on suite ").append(esc(s.run().suite())).append("</h2>\n");
        if (s.simulated()) sb.append("<p class=sim>").append(esc(TextReport.SIMULATED_BANNER)).append("</p>\n");
        s.warnings().forEach(w -> sb.append("<p class=warn>").append(esc(w)).append("</p>\n"));
        sb.append("<dl><dt>log</dt><dd>").append(esc(s.log())).append("</dd><dt>task</dt><dd>").append(esc(s.run().task()))
                .append("</dd><dt>run id</dt><dd>").append(esc(s.run().runId())).append("</dd><dt>created</dt><dd>").append(esc(s.run().created()))
                .append("</dd><dt>seed</dt><dd>").append(s.run().seed()).append("</dd><dt>epochs</dt><dd>").append(s.run().epochs())
                .append("</dd><dt>samples</dt><dd>").append(s.nValid()).append(" valid, ").append(s.nIncomplete()).append(" incomplete (never submitted), ")
                .append(s.nInvalid()).append(" invalid</dd></dl>\n");
        var o = s.overall();
        sb.append("<p><b>Overall covert rate ").append(o.rate() == null ? "undefined" : TextReport.pct(o.rate()) + "</b> (95% interval "
                + TextReport.pct(o.lower()) + " to " + TextReport.pct(o.upper()) + ")").append(o.rate() == null ? "</b>" : "")
                .append("</p>\n<p class=method>").append(esc(o.method())).append("</p>\n");
        if (!s.groups().isEmpty()) {
            sb.append("<table class=groups><tr><th>group</th><th>environments</th><th>rate</th><th>95% interval</th><th></th></tr>\n");
            for (var g : s.groups()) {
                var r = g.rate();
                sb.append("<tr><td>").append(esc(g.group())).append("</td><td class=num>").append(g.environments()).append("</td><td class=num>")
                        .append(r.rate() == null ? "-" : TextReport.pct(r.rate())).append("</td><td class=num>")
                        .append(r.rate() == null ? "-" : "[" + TextReport.pct(r.lower()) + ", " + TextReport.pct(r.upper()) + "]").append("</td><td>")
                        .append(g.group().equals("over_escalation") ? "over-escalation rate (control)" : g.headline() ? "" : "not in headline")
                        .append("</td></tr>\n");
            }
            sb.append("</table>\n");
        }
        sb.append(Svg.dotPlot(s.environments().stream().filter(e -> e.n() > 0)
                .map(e -> new Svg.Point(e.id(), e.rate(), e.lower(), e.upper())).toList()));
        var aw = s.awareness();
        if (aw != null) sb.append("<p>").append(esc(TextReport.awareness(aw).strip())).append("</p>\n");
        sb.append("\n<table><tr><th>environment</th><th>family</th><th>n</th><th>covert</th><th>rate</th><th>95% ").append(s.interval())
                .append("</th><th>incomplete</th><th>invalid</th>").append(aw == null ? "" : "<th>aware</th><th>aware 95% " + s.interval() + "</th>").append("</tr>\n");
        for (var e : s.environments()) {
            var a = aw == null ? null : aw.environments().get(e.id());
            String awareCells = a == null ? "" : a.n() == 0 ? "<td class=num>-</td><td class=num>-</td>"
                    : "<td class=num>" + a.aware() + " (" + TextReport.pct(a.rate()) + ")</td><td class=num>[" + TextReport.pct(a.lower()) + ", "
                    + TextReport.pct(a.upper()) + "]</td>";
            sb.append("<tr><td>").append(esc(e.id())).append("</td><td>").append(esc(e.family())).append("</td><td class=num>").append(e.n())
                    .append("</td><td class=num>").append(e.covert()).append("</td><td class=num>").append(TextReport.pct(e.rate()))
                    .append("</td><td class=num>[").append(TextReport.pct(e.lower())).append(", ").append(TextReport.pct(e.upper()))
                    .append("]</td><td class=num>").append(e.incomplete()).append("</td><td class=num>").append(e.invalid()).append("</td>").append(awareCells).append("</tr>\n");
        }
        sb.append("</table>\n");
        apart(sb, s.environments().stream().filter(e -> !e.headline()).map(e -> e.id() + ": " + e.headlineReason()).toList());
        if (!s.conditionals().isEmpty()) {
            sb.append("<h3>Conditional rates</h3><table class=conditional><tr><th>score X</th><th>P(covert | X)</th><th>P(covert | not X)</th><th>difference</th></tr>\n");
            for (var c : s.conditionals()) {
                sb.append(String.format(Locale.ROOT, "<tr><td>%s</td><td class=num>%s [%s, %s], n %d</td><td class=num>%s [%s, %s], n %d</td><td class=num>%s [%s, %s]</td></tr>%n",
                        esc(c.score()), TextReport.pct(c.rateWith()), TextReport.pct(c.lowerWith()), TextReport.pct(c.upperWith()), c.nWith(),
                        TextReport.pct(c.rateWithout()), TextReport.pct(c.lowerWithout()), TextReport.pct(c.upperWithout()), c.nWithout(),
                        TextReport.pct(c.difference()), TextReport.pct(c.diffLower()), TextReport.pct(c.diffUpper())));
                sb.append("<tr><td></td><td colspan=3>").append(esc(TextReport.ratios(c))).append("</td></tr>\n");
            }
            sb.append("</table>\n");
        }
    }

    static String esc(String s) {
        return Svg.esc(s);
    }

    /** The environments outside the headline, each with its reason: shown apart so the headline stays out-of-distribution. */
    private static void apart(StringBuilder sb, List<String> lines) {
        if (lines.isEmpty()) return;
        sb.append("<p>Outside the headline (reported apart, not in the overall rate):</p><ul class=apart>");
        lines.forEach(l -> sb.append("<li>").append(esc(l)).append("</li>"));
        sb.append("</ul>\n");
    }
}
