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
