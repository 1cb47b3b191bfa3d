package covert.report;

import java.util.Comparator;
import java.util.List;
import java.util.Locale;

/** A small SVG writer for the two charts reports need; the output is inline and needs no network. */
final class Svg {
    private static final int LABEL = 190, PLOT = 420, ROW = 22, PAD = 30;

    record Point(String label, double rate, double lower, double upper) {}

    record Pair(String label, double a, double b, boolean worse) {}

    private Svg() {}

    /** One row per environment, sorted by rate: a dot at the estimate and a whisker for the interval. */
    static String dotPlot(List<Point> points) {
        var sorted = points.stream().sorted(Comparator.comparingDouble(Point::rate).reversed()).toList();
        double max = axisMax(sorted.stream().mapToDouble(Point::upper).max().orElse(0));
        var sb = open("dotplot", sorted.size(), max);
        for (int i = 0; i < sorted.size(); i++) {
            var p = sorted.get(i);
            int y = PAD + i * ROW + ROW / 2;
            label(sb, p.label(), y);
            sb.append(String.format(Locale.ROOT, "<line class=\"whisker\" x1=\"%.1f\" x2=\"%.1f\" y1=\"%d\" y2=\"%d\" stroke=\"#6c8ebf\" stroke-width=\"2\"/>",
                    x(p.lower(), max), x(p.upper(), max), y, y));
            sb.append(String.format(Locale.ROOT, "<circle class=\"estimate\" cx=\"%.1f\" cy=\"%d\" r=\"4\" fill=\"#0b3d91\"><title>%s: %.2f%% [%.2f%%, %.2f%%]</title></circle>",
                    x(p.rate(), max), y, esc(p.label()), 100 * p.rate(), 100 * p.lower(), 100 * p.upper()));
        }
        return sb.append("</svg>").toString();
    }

    /** Before/after per environment: A and B joined by a line; red where B is significantly worse. */
    static String dumbbell(List<Pair> pairs) {
        var sorted = pairs.stream().sorted(Comparator.comparingDouble(Pair::a).reversed()).toList();
        double max = axisMax(sorted.stream().mapToDouble(p -> Math.max(p.a(), p.b())).max().orElse(0));
        var sb = open("dumbbell", sorted.size(), max);
        for (int i = 0; i < sorted.size(); i++) {
            var p = sorted.get(i);
            int y = PAD + i * ROW + ROW / 2;
            label(sb, p.label(), y);
            sb.append(String.format(Locale.ROOT, "<line x1=\"%.1f\" x2=\"%.1f\" y1=\"%d\" y2=\"%d\" stroke=\"%s\" stroke-width=\"2\"/>",
                    x(p.a(), max), x(p.b(), max), y, y, p.worse() ? "#c0392b" : "#999"));
            sb.append(String.format(Locale.ROOT, "<circle class=\"a\" cx=\"%.1f\" cy=\"%d\" r=\"5\" fill=\"#e67e22\"/>", x(p.a(), max), y));
            sb.append(String.format(Locale.ROOT, "<circle class=\"b\" cx=\"%.1f\" cy=\"%d\" r=\"5\" fill=\"#2471a3\"/>", x(p.b(), max), y));
        }
        return sb.append("</svg>").toString();
    }

    /** One named line over ordered x labels; {@code lower}/{@code upper} (may be null) draw an interval band. */
    record Series(String name, List<Double> values, List<Double> lower, List<Double> upper) {}

    private static final String[] COLOURS = {"#0b3d91", "#e67e22", "#27ae60", "#c0392b", "#8e44ad", "#16a085", "#7f8c8d", "#d4ac0d", "#2c3e50", "#e84393"};

    /** A line chart over checkpoints: one polyline per series with a legend; y from 0 to a rounded maximum. */
    static String lineChart(String cls, List<String> x, List<Series> series, String yLabel, boolean percent) {
        int w = 640, h = 300, left = 60, right = 150, top = 20, bottom = 40;
        double max = 0;
        for (var s : series) for (int i = 0; i < s.values().size(); i++) {
            max = Math.max(max, s.values().get(i));
            if (s.upper() != null) max = Math.max(max, s.upper().get(i));
        }
        max = niceMax(max);
        int pw = w - left - right, ph = h - top - bottom;
        java.util.function.IntFunction<Double> xAt = i -> left + (x.size() == 1 ? pw / 2.0 : pw * i / (double) (x.size() - 1));
        final double m = max;
        java.util.function.DoubleUnaryOperator yAt = v -> top + ph * (1 - Math.min(1, Math.max(0, v / m)));
        var sb = new StringBuilder(String.format(Locale.ROOT,
                "<svg class=\"%s\" xmlns=\"http://www.w3.org/2000/svg\" width=\"%d\" height=\"%d\" font-family=\"sans-serif\" font-size=\"12\">", cls, w, h));
        for (int t = 0; t <= 4; t++) {
            double v = max * t / 4, y = yAt.applyAsDouble(v);
            sb.append(String.format(Locale.ROOT, "<line x1=\"%d\" x2=\"%d\" y1=\"%.1f\" y2=\"%.1f\" stroke=\"#e5e5e5\"/>", left, left + pw, y, y));
            sb.append(String.format(Locale.ROOT, "<text x=\"%d\" y=\"%.1f\" text-anchor=\"end\" dominant-baseline=\"middle\" fill=\"#555\">%s</text>",
                    left - 6, y, percent ? TextReport.pct(v) : String.format(Locale.ROOT, "%.2f", v)));
        }
        for (int i = 0; i < x.size(); i++) {
            sb.append(String.format(Locale.ROOT, "<text x=\"%.1f\" y=\"%d\" text-anchor=\"middle\" fill=\"#555\">%s</text>", xAt.apply(i), h - bottom + 16,
                    esc(x.get(i))));
        }
        sb.append(String.format(Locale.ROOT, "<text x=\"%d\" y=\"%d\" fill=\"#555\">%s</text>", left, h - 6, esc(yLabel)));
        for (int k = 0; k < series.size(); k++) {
            var s = series.get(k);
            String colour = COLOURS[k % COLOURS.length];
            if (s.lower() != null && s.upper() != null) {
                for (int i = 0; i < s.values().size(); i++) {
                    sb.append(String.format(Locale.ROOT, "<line class=\"whisker\" x1=\"%.1f\" x2=\"%.1f\" y1=\"%.1f\" y2=\"%.1f\" stroke=\"%s\" stroke-opacity=\"0.5\" stroke-width=\"3\"/>",
                            xAt.apply(i), xAt.apply(i), yAt.applyAsDouble(s.lower().get(i)), yAt.applyAsDouble(s.upper().get(i)), colour));
                }
            }
            var pts = new StringBuilder();
            for (int i = 0; i < s.values().size(); i++) {
                pts.append(String.format(Locale.ROOT, "%s%.1f,%.1f", i == 0 ? "" : " ", xAt.apply(i), yAt.applyAsDouble(s.values().get(i))));
            }
            sb.append(String.format(Locale.ROOT, "<polyline class=\"series\" fill=\"none\" stroke=\"%s\" stroke-width=\"2\" points=\"%s\"><title>%s</title></polyline>",
                    colour, pts, esc(s.name())));
            int ly = top + 14 + 16 * k;
            sb.append(String.format(Locale.ROOT, "<line x1=\"%d\" x2=\"%d\" y1=\"%d\" y2=\"%d\" stroke=\"%s\" stroke-width=\"2\"/>", left + pw + 12,
                    left + pw + 30, ly, ly, colour));
            sb.append(String.format(Locale.ROOT, "<text x=\"%d\" y=\"%d\" dominant-baseline=\"middle\">%s</text>", left + pw + 36, ly, esc(s.name())));
        }
        return sb.append("</svg>").toString();
    }

    private static double niceMax(double m) {
        if (m <= 0) return 1;
        double mag = Math.pow(10, Math.floor(Math.log10(m)));
        for (double f : new double[] {1, 2, 2.5, 5, 10}) if (m <= f * mag) return f * mag;
        return 10 * mag;
    }

    private static StringBuilder open(String cls, int rows, double max) {
        int h = PAD * 2 + rows * ROW;
        var sb = new StringBuilder(String.format(Locale.ROOT,
                "<svg class=\"%s\" xmlns=\"http://www.w3.org/2000/svg\" width=\"%d\" height=\"%d\" font-family=\"sans-serif\" font-size=\"12\">",
                cls, LABEL + PLOT + 20, h));
        for (int t = 0; t <= 4; t++) {
            double v = max * t / 4;
            double xv = x(v, max);
            sb.append(String.format(Locale.ROOT, "<line x1=\"%.1f\" x2=\"%.1f\" y1=\"%d\" y2=\"%d\" stroke=\"#e5e5e5\"/>", xv, xv, PAD - 6, h - PAD + 4));
            sb.append(String.format(Locale.ROOT, "<text x=\"%.1f\" y=\"%d\" text-anchor=\"middle\" fill=\"#555\">%s</text>", xv, h - PAD + 18,
                    TextReport.pct(v)));
        }
        return sb;
    }

    private static void label(StringBuilder sb, String text, int y) {
        sb.append(String.format(Locale.ROOT, "<text x=\"%d\" y=\"%d\" text-anchor=\"end\" dominant-baseline=\"middle\">%s</text>", LABEL - 8, y, esc(text)));
    }

    static double axisMax(double m) {
        for (double step : new double[] {0.01, 0.02, 0.05, 0.1, 0.2, 0.5, 1}) if (m <= step) return step;
        return 1;
    }

    private static double x(double v, double max) {
        return LABEL + PLOT * Math.min(1, Math.max(0, v / max));
    }

    static String esc(String s) {
        return s == null ? "" : s.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;").replace("\"", "&quot;");
    }
}
