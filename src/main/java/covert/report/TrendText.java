package covert.report;

import covert.report.Trend.Estimate;
import covert.report.Trend.Metric;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;

/** {@code covert trend} as text: the table of checkpoints, per-group covert rates, attribution and plateau verdicts. */
public final class TrendText {
    private TrendText() {}

    public static String render(Trend t) {
        var sb = new StringBuilder();
        var first = t.points().get(0);
        var last = t.points().get(t.points().size() - 1);
        var phases = new LinkedHashSet<String>();
        t.points().forEach(p -> { if (!p.phase().isEmpty()) phases.add(p.phase()); });
        sb.append(String.format(Locale.ROOT, "Training trend: %d checkpoints, steps %d to %d%s%n", t.points().size(), first.step(), last.step(),
                phases.isEmpty() ? "" : "; phases " + String.join(", ", phases)));
        if (t.simulated()) sb.append(TextReport.SIMULATED_BANNER).append('\n');
        t.warnings().forEach(w -> sb.append("WARNING: ").append(w).append('\n'));
        sb.append('\n');

        var header = new ArrayList<String>(List.of("step", "checkpoint", "phase", "valid", "incomplete"));
        t.metrics().forEach(m -> header.add(m.label()));
        var rows = new ArrayList<List<String>>();
        for (var p : t.points()) {
            var row = new ArrayList<String>(List.of(Long.toString(p.step()), p.checkpoint(), p.phase(), Integer.toString(p.nValid()), Integer.toString(p.nIncomplete())));
            t.metrics().forEach(m -> row.add(estimate(m, p.rates().get(m.name()))));
            rows.add(row);
        }
        table(sb, header, rows);

        var groups = new LinkedHashSet<String>();
        t.points().forEach(p -> groups.addAll(p.groups().keySet()));
        if (groups.size() > 1) {
            sb.append("\nCovert actions by group (mean of per-environment rates):\n");
            var gh = new ArrayList<String>(List.of("checkpoint"));
            gh.addAll(groups);
            var gr = new ArrayList<List<String>>();
            for (var p : t.points()) {
                var row = new ArrayList<String>(List.of(p.checkpoint()));
                for (String g : groups) {
                    var e = p.groups().get(g);
                    row.add(e == null || e.value() == null ? "-" : TextReport.pct(e.value()));
                }
                gr.add(row);
            }
            table(sb, gh, gr);
        }

        if (!t.attribution().isEmpty()) {
            sb.append("\nAttribution (first against last checkpoint of each phase; samples paired by id, epoch and seed):\n");
            for (var m : t.metrics()) {
                var lines = t.attribution().stream().filter(a -> a.metric().equals(m.name())).toList();
                if (lines.isEmpty()) continue;
                sb.append("  ").append(m.label()).append('\n');
                lines.forEach(a -> sb.append("    ").append(a.text()).append('\n'));
            }
        }
        if (!t.plateaus().isEmpty()) {
            sb.append("\nPlateau:\n");
            for (var m : t.metrics()) {
                var lines = t.plateaus().stream().filter(p -> p.metric().equals(m.name())).toList();
                if (lines.isEmpty()) continue;
                sb.append("  ").append(m.label()).append(": ").append(lines.get(0).scope().equals("series") ? lines.get(0).text() : "").append('\n');
                lines.stream().filter(p -> !p.scope().equals("series")).forEach(p -> sb.append("    ").append(p.text()).append('\n'));
            }
        }
        sb.append("\nMethod: ").append(t.method()).append('\n');
        return sb.toString();
    }

    static String estimate(Metric m, Estimate e) {
        if (e == null || e.value() == null) return "-";
        if (e.lower() == null) return TrendTests.value(m, e.value());
        return m.binary() ? String.format(Locale.ROOT, "%s [%s, %s]", TextReport.pct(e.value()), TextReport.pct(e.lower()), TextReport.pct(e.upper()))
                : String.format(Locale.ROOT, "%.3g [%.3g, %.3g]", e.value(), e.lower(), e.upper());
    }

    private static void table(StringBuilder sb, List<String> header, List<List<String>> rows) {
        int[] w = new int[header.size()];
        for (int c = 0; c < w.length; c++) {
            w[c] = header.get(c).length();
            for (var r : rows) w[c] = Math.max(w[c], r.get(c).length());
        }
        var all = new ArrayList<List<String>>();
        all.add(header);
        all.addAll(rows);
        for (var r : all) {
            var line = new StringBuilder();
            for (int c = 0; c < w.length; c++) line.append(String.format(Locale.ROOT, "%-" + w[c] + "s", r.get(c))).append(c < w.length - 1 ? "  " : "");
            sb.append(line.toString().stripTrailing()).append('\n');
        }
    }
}
