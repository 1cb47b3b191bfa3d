package covert.report;

import covert.scan.Scan;
import covert.scan.WordForm;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/** The text, JSON and HTML forms of a terminology scan. */
public final class ScanReport {
    private ScanReport() {}

    public static String text(Scan.Result r) {
        var sb = new StringBuilder("Term frequency per 1,000 words, and awareness rate (share of texts), per checkpoint; words match by "
                + (r.form() == WordForm.STEM ? "stem" : "exact form") + "\n\n");
        sb.append(String.format(Locale.ROOT, "%-14s %9s %11s", "checkpoint", "texts", "words"));
        for (String t : r.terms()) sb.append(String.format(Locale.ROOT, " %11s", t));
        sb.append(String.format(Locale.ROOT, " %24s%n", "aware [95% Wilson]"));
        for (var p : r.points()) {
            sb.append(String.format(Locale.ROOT, "%-14s %9d %11d", p.checkpoint(), p.texts(), p.words()));
            for (String t : r.terms()) sb.append(String.format(Locale.ROOT, " %11.3f", p.perThousand().get(t)));
            sb.append(String.format(Locale.ROOT, " %24s%n", TextReport.pct(p.aware().rate()) + " [" + TextReport.pct(p.aware().lower()) + ", "
                    + TextReport.pct(p.aware().upper()) + "]"));
        }
        if (r.baseline() != null) {
            sb.append(String.format(Locale.ROOT, "%nlog2 frequency ratio to %s (counts +0.5; a phrase a word list cannot hold is blank)%n", r.baseline()));
            sb.append(String.format(Locale.ROOT, "%-14s", "checkpoint"));
            for (String t : r.terms()) sb.append(String.format(Locale.ROOT, " %11s", t));
            sb.append('\n');
            for (var p : r.points()) {
                sb.append(String.format(Locale.ROOT, "%-14s", p.checkpoint()));
                for (String t : r.terms()) {
                    Double v = p.vsBaseline().get(t);
                    sb.append(v == null ? String.format(Locale.ROOT, " %11s", "") : String.format(Locale.ROOT, " %+11.2f", v));
                }
                sb.append('\n');
            }
        }
        if (!r.top().isEmpty()) {
            sb.append(String.format(Locale.ROOT, "%nWords whose frequency changed most from checkpoint %s to %s (per 1,000 words; log2 ratio, counts +0.5)%n",
                    r.points().getFirst().checkpoint(), r.points().getLast().checkpoint()));
            sb.append(String.format(Locale.ROOT, "%-20s %10s %10s %10s %8s%n", "word", "first", "last", "change", "log2"));
            for (var c : r.top()) {
                sb.append(String.format(Locale.ROOT, "%-20s %10.3f %10.3f %+10.3f %+8.2f%n", c.term(), c.first(), c.last(), c.difference(), c.log2Ratio()));
            }
        }
        return sb.toString();
    }

    public static Map<String, Object> object(Scan.Result r) {
        var m = new LinkedHashMap<String, Object>();
        m.put("terms", r.terms());
        m.put("word_form", r.form().name().toLowerCase(Locale.ROOT));
        m.put("baseline", r.baseline());
        var points = new ArrayList<Map<String, Object>>();
        for (var p : r.points()) {
            var o = new LinkedHashMap<String, Object>();
            o.put("checkpoint", p.checkpoint());
            o.put("texts", p.texts());
            o.put("words", p.words());
            o.put("counts", p.counts());
            o.put("per_thousand_words", p.perThousand());
            if (r.baseline() != null) o.put("log2_vs_baseline", p.vsBaseline());
            o.put("aware", Map.of("count", p.aware().k(), "rate", p.aware().rate(), "lower", p.aware().lower(), "upper", p.aware().upper()));
            points.add(o);
        }
        m.put("checkpoints", points);
        m.put("top_changes", r.top().stream().map(c -> {
            var o = new LinkedHashMap<String, Object>();
            o.put("word", c.term());
            o.put("first_count", c.firstCount());
            o.put("last_count", c.lastCount());
            o.put("first_per_thousand", c.first());
            o.put("last_per_thousand", c.last());
            o.put("change", c.difference());
            o.put("log2_ratio", c.log2Ratio());
            return o;
        }).toList());
        return m;
    }

    public static String html(Scan.Result r) {
        var sb = new StringBuilder(String.format(HtmlReport.HEAD, "Covert terminology scan")).append("<h1>Terminology across checkpoints</h1>\n");
        var x = r.points().stream().map(Scan.Point::checkpoint).toList();
        var series = new ArrayList<Svg.Series>();
        for (String t : r.terms()) series.add(new Svg.Series(t, r.points().stream().map(p -> p.perThousand().get(t)).toList(), null, null));
        sb.append("<h2>Terms per 1,000 words</h2>\n").append(Svg.lineChart("terms", x, series, "per 1,000 words, by checkpoint", false)).append('\n');
        var aware = new Svg.Series("aware", r.points().stream().map(p -> p.aware().rate()).toList(),
                r.points().stream().map(p -> p.aware().lower()).toList(), r.points().stream().map(p -> p.aware().upper()).toList());
        sb.append("<h2>Evaluation awareness</h2>\n").append(Svg.lineChart("awareness", x, List.of(aware), "share of texts, 95% Wilson", true)).append('\n');
        sb.append("<table><tr><th>checkpoint</th><th>texts</th><th>words</th>");
        for (String t : r.terms()) sb.append("<th>").append(Svg.esc(t)).append("</th>");
        sb.append("<th>aware</th></tr>\n");
        for (var p : r.points()) {
            sb.append("<tr><td>").append(Svg.esc(p.checkpoint())).append("</td><td class=num>").append(p.texts()).append("</td><td class=num>")
                    .append(p.words()).append("</td>");
            for (String t : r.terms()) sb.append(String.format(Locale.ROOT, "<td class=num>%.3f</td>", p.perThousand().get(t)));
            sb.append("<td class=num>").append(TextReport.pct(p.aware().rate())).append("</td></tr>\n");
        }
        sb.append("</table>\n");
        if (!r.top().isEmpty()) {
            sb.append("<h2>Largest changes, first to last checkpoint</h2>\n<table><tr><th>word</th><th>first</th><th>last</th><th>change</th><th>log2 ratio</th></tr>\n");
            for (var c : r.top()) {
                sb.append(String.format(Locale.ROOT, "<tr><td>%s</td><td class=num>%.3f</td><td class=num>%.3f</td><td class=num>%+.3f</td><td class=num>%+.2f</td></tr>%n",
                        Svg.esc(c.term()), c.first(), c.last(), c.difference(), c.log2Ratio()));
            }
            sb.append("</table>\n");
        }
        sb.append("<p class=method>Frequencies per 1,000 words (lower-cased words of letters, digits and apostrophes). Awareness: the share of "
                + "texts (for logs, the reasoning of one sample) in which the awareness detector finds a span. Changes ranked by the absolute "
                + "log2 ratio of the last to the first checkpoint's frequency, counts smoothed by 0.5, words seen fewer than "
                + Scan.MIN_COUNT + " times at both ends left out.</p>\n");
        return sb.append("</body></html>\n").toString();
    }
}
