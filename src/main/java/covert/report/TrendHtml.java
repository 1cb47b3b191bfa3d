package covert.report;

import covert.report.Trend.Metric;
import covert.report.Trend.Point;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.function.Function;

/**
 * {@code covert trend --html}: one self-contained page (inline SVG, no scripts) with a chart per metric against the
 * step: the estimates joined by a line, their intervals as a band, the monotone fit dashed, and the phases shaded.
 */
public final class TrendHtml {
    private static final int W = 760, H = 260, LEFT = 60, RIGHT = 20, TOP = 28, BOTTOM = 40;
    private static final String[] PHASE_FILL = {"#eef3fb", "#fdf2e6", "#eef8ee", "#f6eefa"};
    private static final String[] LINE = {"#0b3d91", "#c0392b", "#1e8449", "#8e44ad", "#d68910", "#17a589", "#7f8c8d"};

    private TrendHtml() {}

    public static String render(Trend t) {
        var sb = new StringBuilder(HtmlReport.head("Covert training trend")).append("<h1>Training trend</h1>\n");
        if (t.simulated()) sb.append("<p class=sim>").append(Svg.esc(TextReport.SIMULATED_BANNER)).append("</p>\n");
        t.warnings().forEach(w -> sb.append("<p class=warn>").append(Svg.esc(w)).append("</p>\n"));
        for (var m : t.metrics()) {
            sb.append("<h2>").append(Svg.esc(m.label())).append("</h2>\n");
            sb.append(chart(t, m.name(), List.of(new Series(m.label(), p -> p.rates().get(m.name()), true)), m.binary()));
            var attr = t.attribution().stream().filter(a -> a.metric().equals(m.name())).toList();
            var plat = t.plateaus().stream().filter(p -> p.metric().equals(m.name())).toList();
            if (!attr.isEmpty() || !plat.isEmpty()) {
                sb.append("<ul>");
                attr.forEach(a -> sb.append("<li class=attribution>").append(Svg.esc(a.text())).append("</li>"));
                plat.forEach(p -> sb.append("<li class=plateau>Plateau: ").append(Svg.esc(p.text())).append("</li>"));
                sb.append("</ul>\n");
            }
        }
        var groups = new LinkedHashSet<String>();
        t.points().forEach(p -> groups.addAll(p.groups().keySet()));
        if (groups.size() > 1) {
            sb.append("<h2>Covert actions by group</h2>\n");
            var series = groups.stream().map(g -> new Series(g, (Function<Point, Trend.Estimate>) p -> p.groups().get(g), false)).toList();
            sb.append(chart(t, "groups", series, true)).append(legend(series));
        }
        sb.append("<h2>Checkpoints</h2>\n<table><tr><th>step</th><th>checkpoint</th><th>phase</th><th>model</th><th>valid</th><th>incomplete</th>");
        t.metrics().forEach(m -> sb.append("<th>").append(Svg.esc(m.label())).append("</th>"));
        sb.append("</tr>\n");
        for (var p : t.points()) {
            sb.append("<tr><td class=num>").append(p.step()).append("</td><td>").append(Svg.esc(p.checkpoint())).append("</td><td>")
                    .append(Svg.esc(p.phase())).append("</td><td>").append(Svg.esc(p.model())).append("</td><td class=num>").append(p.nValid()).append("</td><td class=num>")
                    .append(p.nIncomplete()).append("</td>");
            t.metrics().forEach(m -> sb.append("<td class=num>").append(Svg.esc(TrendText.estimate(m, p.rates().get(m.name())))).append("</td>"));
            sb.append("</tr>\n");
        }
        sb.append("</table>\n<p class=method>").append(Svg.esc(t.method())).append("</p>\n");
        return sb.append("</body></html>\n").toString();
    }

    private record Series(String name, Function<Point, Trend.Estimate> value, boolean band) {}

    private static String chart(Trend t, String id, List<Series> series, boolean rate) {
        var pts = t.points();
        double max = 0;
        for (var s : series) {
            for (var p : pts) {
                var e = s.value().apply(p);
                if (e != null && e.value() != null) max = Math.max(max, e.upper() == null ? e.value() : e.upper());
            }
        }
        max = rate ? Svg.axisMax(max) : (max <= 0 ? 1 : max * 1.1);
        long x0 = pts.get(0).step(), x1 = pts.get(pts.size() - 1).step();
        var sb = new StringBuilder(String.format(Locale.ROOT,
                "<svg class=\"trend\" id=\"trend-%s\" xmlns=\"http://www.w3.org/2000/svg\" width=\"%d\" height=\"%d\" font-family=\"sans-serif\" font-size=\"12\">",
                Svg.esc(id), W, H));
        shadePhases(sb, pts, x0, x1);
        for (int i = 0; i <= 4; i++) {
            double v = max * i / 4, y = y(v, max);
            sb.append(String.format(Locale.ROOT, "<line x1=\"%d\" x2=\"%d\" y1=\"%.1f\" y2=\"%.1f\" stroke=\"#ddd\"/>", LEFT, W - RIGHT, y, y));
            sb.append(String.format(Locale.ROOT, "<text x=\"%d\" y=\"%.1f\" text-anchor=\"end\" dominant-baseline=\"middle\" fill=\"#555\">%s</text>",
                    LEFT - 6, y, rate ? TextReport.pct(v) : String.format(Locale.ROOT, "%.3g", v)));
        }
        for (var p : pts) {
            sb.append(String.format(Locale.ROOT, "<text x=\"%.1f\" y=\"%d\" text-anchor=\"middle\" fill=\"#555\">%d</text>", x(p.step(), x0, x1), H - BOTTOM + 16, p.step()));
        }
        sb.append(String.format(Locale.ROOT, "<text x=\"%d\" y=\"%d\" text-anchor=\"middle\" fill=\"#555\">step</text>", (LEFT + W - RIGHT) / 2, H - 6));
        for (int s = 0; s < series.size(); s++) {
            var ser = series.get(s);
            String color = LINE[s % LINE.length];
            var upper = new StringBuilder();
            var lower = new ArrayList<String>();
            var line = new StringBuilder();
            for (var p : pts) {
                var e = ser.value().apply(p);
                if (e == null || e.value() == null) continue;
                double x = x(p.step(), x0, x1);
                line.append(String.format(Locale.ROOT, "%.1f,%.1f ", x, y(e.value(), max)));
                if (e.lower() != null) {
                    upper.append(String.format(Locale.ROOT, "%.1f,%.1f ", x, y(e.upper(), max)));
                    lower.add(0, String.format(Locale.ROOT, "%.1f,%.1f", x, y(e.lower(), max)));
                }
            }
            if (ser.band() && !lower.isEmpty()) {
                sb.append("<polygon class=\"band\" fill=\"").append(color).append("\" fill-opacity=\"0.18\" stroke=\"none\" points=\"")
                        .append(upper).append(String.join(" ", lower)).append("\"/>");
            }
            sb.append("<polyline class=\"estimate\" fill=\"none\" stroke=\"").append(color).append("\" stroke-width=\"2\" points=\"")
                    .append(line.toString().strip()).append("\"/>");
            if (ser.band()) fitted(sb, pts, id, max, x0, x1, color);
            for (var p : pts) {
                var e = ser.value().apply(p);
                if (e == null || e.value() == null) continue;
                sb.append(String.format(Locale.ROOT, "<circle cx=\"%.1f\" cy=\"%.1f\" r=\"3.5\" fill=\"%s\"><title>%s %s: %s</title></circle>",
                        x(p.step(), x0, x1), y(e.value(), max), color, Svg.esc(ser.name()), Svg.esc(p.checkpoint()),
                        Svg.esc(TrendText.estimate(new Metric(ser.name(), ser.name(), rate), e))));
            }
        }
        return sb.append("</svg>\n").toString();
    }

    /** The monotone fit of a metric, dashed. */
    private static void fitted(StringBuilder sb, List<Point> pts, String metric, double max, long x0, long x1, String color) {
        var line = new StringBuilder();
        for (var p : pts) {
            Double f = p.fitted().get(metric);
            if (f != null) line.append(String.format(Locale.ROOT, "%.1f,%.1f ", x(p.step(), x0, x1), y(f, max)));
        }
        if (!line.isEmpty()) {
            sb.append("<polyline class=\"fit\" fill=\"none\" stroke=\"").append(color).append("\" stroke-width=\"1\" stroke-dasharray=\"4 3\" points=\"")
                    .append(line.toString().strip()).append("\"/>");
        }
    }

    /** A shaded rectangle per contiguous phase, reaching halfway to the neighbouring checkpoints, with the phase's name. */
    private static void shadePhases(StringBuilder sb, List<Point> pts, long x0, long x1) {
        var names = new ArrayList<String>();
        int start = 0;
        for (int i = 1; i <= pts.size(); i++) {
            if (i < pts.size() && pts.get(i).phase().equals(pts.get(start).phase())) continue;
            String phase = pts.get(start).phase();
            if (!phase.isEmpty()) {
                if (!names.contains(phase)) names.add(phase);
                double left = start == 0 ? LEFT : (x(pts.get(start - 1).step(), x0, x1) + x(pts.get(start).step(), x0, x1)) / 2;
                double right = i == pts.size() ? W - RIGHT : (x(pts.get(i - 1).step(), x0, x1) + x(pts.get(i).step(), x0, x1)) / 2;
                sb.append(String.format(Locale.ROOT, "<rect class=\"phase\" x=\"%.1f\" y=\"%d\" width=\"%.1f\" height=\"%d\" fill=\"%s\"><title>%s</title></rect>",
                        left, TOP, right - left, H - TOP - BOTTOM, PHASE_FILL[names.indexOf(phase) % PHASE_FILL.length], Svg.esc(phase)));
                sb.append(String.format(Locale.ROOT, "<text x=\"%.1f\" y=\"%d\" text-anchor=\"middle\" fill=\"#333\">%s</text>", (left + right) / 2, TOP - 8,
                        Svg.esc(Trend.phaseName(phase))));
            }
            start = i;
        }
    }

    private static String legend(List<Series> series) {
        var sb = new StringBuilder("<p class=legend>");
        for (int s = 0; s < series.size(); s++) {
            sb.append("<span style=\"color:").append(LINE[s % LINE.length]).append("\">&#9632; ").append(Svg.esc(series.get(s).name())).append("</span> ");
        }
        return sb.append("</p>\n").toString();
    }

    private static double x(long step, long x0, long x1) {
        double span = W - RIGHT - LEFT - 20;
        return x1 == x0 ? (LEFT + W - RIGHT) / 2.0 : LEFT + 10 + span * (step - x0) / (double) (x1 - x0);
    }

    private static double y(double v, double max) {
        return TOP + (H - TOP - BOTTOM) * (1 - Math.min(1, Math.max(0, v / max)));
    }
}
