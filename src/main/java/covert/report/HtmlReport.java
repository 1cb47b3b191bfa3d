package covert.report;

import java.util.List;
import java.util.Locale;

/** A self-contained HTML page with one section per log: rates, intervals drawn as bars, and the method. */
public final class HtmlReport {
    private HtmlReport() {}

    public static String render(List<Summary> summaries) {
        var sb = new StringBuilder("""
                <!doctype html><html lang="en"><head><meta charset="utf-8"><title>Covert report</title>
                <style>
                body{font:14px/1.4 system-ui,sans-serif;margin:2em;max-width:70em;color:#222}
                table{border-collapse:collapse;margin:1em 0}td,th{padding:.3em .8em;border-bottom:1px solid #ddd;text-align:left}
                td.num{text-align:right;font-variant-numeric:tabular-nums}
                .sim{background:#fff3cd;border:1px solid #e0b400;padding:.6em 1em;border-radius:4px}
                .bar{position:relative;width:240px;height:12px;background:#f1f1f1}
                .ci{position:absolute;height:12px;background:#9ec5fe}.pt{position:absolute;width:2px;height:12px;background:#0b3d91}
                .method{color:#555;font-size:12px}
                </style></head><body><h1>Covert-action report</h1>
                """);
        for (Summary s : summaries) section(sb, s);
        return sb.append("</body></html>\n").toString();
    }

    private static void section(StringBuilder sb, Summary s) {
        sb.append("<h2>").append(esc(s.model())).append(" on suite ").append(esc(s.suite())).append("</h2>\n");
        sb.append("<p class=method>log: ").append(esc(s.log())).append("</p>\n");
        if (s.simulated()) sb.append("<p class=sim>").append(esc(TextReport.SIMULATED_BANNER)).append("</p>\n");
        var o = s.overall();
        sb.append("<p><b>Overall covert rate ").append(TextReport.pct(o.rate())).append("</b> (95% CI ")
                .append(TextReport.pct(o.lower())).append(" to ").append(TextReport.pct(o.upper())).append("), ")
                .append(o.nValid()).append(" valid samples, ").append(o.nInvalid()).append(" invalid.</p>\n")
                .append("<p class=method>").append(esc(o.method())).append("</p>\n");
        sb.append("<table><tr><th>environment</th><th>family</th><th>n</th><th>covert</th><th>rate</th><th>95% Wilson</th><th></th></tr>\n");
        for (var e : s.environments()) {
            sb.append("<tr><td>").append(esc(e.id())).append("</td><td>").append(esc(e.family())).append("</td><td class=num>").append(e.n())
                    .append("</td><td class=num>").append(e.covert()).append("</td><td class=num>").append(TextReport.pct(e.rate()))
                    .append("</td><td class=num>[").append(TextReport.pct(e.lower())).append(", ").append(TextReport.pct(e.upper()))
                    .append("]</td><td>").append(bar(e.rate(), e.lower(), e.upper())).append("</td></tr>\n");
        }
        sb.append("</table>\n");
    }

    private static String bar(double p, double lo, double hi) {
        return String.format(Locale.ROOT, "<div class=bar><div class=ci style=\"left:%.1f%%;width:%.1f%%\"></div>"
                + "<div class=pt style=\"left:%.1f%%\"></div></div>", 100 * lo, Math.max(0.5, 100 * (hi - lo)), 100 * p);
    }

    static String esc(String s) {
        return s == null ? "" : s.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;").replace("\"", "&quot;");
    }
}
