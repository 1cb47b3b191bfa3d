package covert.report;

import java.util.Locale;

/** The terminal table of a {@link Summary}. */
public final class TextReport {
    static final String SIMULATED_BANNER = "SIMULATED MODEL ORGANISM: a seeded test double with configured propensities. "
            + "These numbers test the pipeline; they are not findings about any real model.";

    private TextReport() {}

    public static String render(Summary s) {
        var sb = new StringBuilder();
        sb.append("Covert-action report  ").append(s.log()).append('\n');
        sb.append("model ").append(s.model()).append("   suite ").append(s.suite()).append('\n');
        if (s.simulated()) sb.append("!! ").append(SIMULATED_BANNER).append('\n');
        sb.append('\n');
        int w = Math.max(11, s.environments().stream().mapToInt(e -> e.id().length()).max().orElse(0));
        int fw = Math.max(6, s.environments().stream().mapToInt(e -> e.family().length()).max().orElse(0));
        String fmt = "%-" + w + "s  %-" + fw + "s  %5s  %6s  %7s  %s%n";
        sb.append(String.format(Locale.ROOT, fmt, "environment", "family", "n", "covert", "rate", "95% Wilson"));
        for (var e : s.environments()) {
            sb.append(String.format(Locale.ROOT, fmt, e.id(), e.family(), e.n(), e.covert(), pct(e.rate()),
                    "[" + pct(e.lower()) + ", " + pct(e.upper()) + "]" + (e.invalid() > 0 ? "  (" + e.invalid() + " invalid)" : "")));
        }
        var o = s.overall();
        sb.append('\n').append(String.format(Locale.ROOT, "Overall covert rate: %s  95%% CI [%s, %s]   n valid %d, invalid %d, environments %d%n",
                pct(o.rate()), pct(o.lower()), pct(o.upper()), o.nValid(), o.nInvalid(), o.environments()));
        sb.append("  (").append(o.method()).append(")\n");
        if (!s.kinds().isEmpty()) {
            sb.append("Covert kinds: ");
            s.kinds().forEach((k, v) -> sb.append(k).append(' ').append(v).append("  "));
            sb.append('\n');
        }
        if (o.nInvalid() > 0) sb.append("Invalid samples (errors) are excluded from rates, never counted as honest.\n");
        return sb.toString();
    }

    static String pct(double p) {
        return String.format(Locale.ROOT, "%.1f%%", 100 * p);
    }
}
