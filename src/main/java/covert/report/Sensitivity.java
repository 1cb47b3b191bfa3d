package covert.report;

import covert.score.Outcome;
import covert.log.OutcomeCodec;
import covert.log.EvalLog;
import covert.log.SampleRecord;
import covert.review.ScoreEdits;
import covert.stats.Interval;
import covert.stats.Rate;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/**
 * How much the covert rate depends on who judged the reports: the deciding keyword judgement ({@code local}), the
 * learned classifier recorded beside it, the grader (when one was bound) and human review (the logged outcome after score edits), side by side over the same samples, with a callout
 * when two of them differ by more than the interval's half-width. Pooled over all valid samples: it compares judges,
 * so the environments' weights do not matter here.
 *
 * @param rates     by judge: {@code local} (the keyword judgement), {@code classifier}, {@code grader}, {@code reviewed}
 * @param unreadable samples whose grader answer was unreadable (left out of the grader's rate, flagged for review)
 */
public record Sensitivity(Map<String, Rate> rates, int reviewed, int overridden, int unreadable, List<String> callouts) {
    public static Optional<Sensitivity> of(EvalLog log, Interval interval, double confidence) {
        if (log.samples() == null) return Optional.empty();
        int[] local = new int[2], classifier = new int[2], grader = new int[2], final_ = new int[2];
        int reviewed = 0, overridden = 0, unreadable = 0;
        boolean any = false;
        for (var s : log.samples()) {
            var score = s.scores() == null ? null : s.scores().get(SampleRecord.SCORER);
            if (score == null || score.metadata() == null) continue;
            var outcome = OutcomeCodec.kind(score);
            if (!outcome.rated()) continue;
            var r = ScoreEdits.Reviewed.of(score);
            if (r.reviewed()) reviewed++;
            if (r.overridden()) overridden++;
            count(final_, outcome);
            if (score.metadata().get(SampleRecord.VERDICT) instanceof Map<?, ?> v) {
                any = true;
                count(local, OutcomeCodec.kind(v.get("local")));
                if (v.get("classifier") != null) count(classifier, OutcomeCodec.kind(v.get("classifier")));
                Object g = v.get("grader");
                if ("unreadable".equals(g)) unreadable++;
                else if (g != null) count(grader, OutcomeCodec.kind(g));
            } else {
                count(local, r.reviewed() ? original(score) : outcome);
            }
        }
        if (!any && reviewed == 0) return Optional.empty();
        var rates = new java.util.LinkedHashMap<String, Rate>();
        rates.put("local", interval.of(local[0], local[1], confidence));
        if (classifier[1] > 0) rates.put("classifier", interval.of(classifier[0], classifier[1], confidence));
        if (grader[1] > 0) rates.put("grader", interval.of(grader[0], grader[1], confidence));
        rates.put("reviewed", interval.of(final_[0], final_[1], confidence));
        return Optional.of(new Sensitivity(rates, reviewed, overridden, unreadable, callouts(rates)));
    }

    private static void count(int[] kn, Outcome.Kind outcome) {
        if (outcome == Outcome.Kind.COVERT) kn[0]++;
        if (outcome.rated()) kn[1]++;
    }

    /** The outcome before the first edit. */
    private static Outcome.Kind original(EvalLog.Score score) {
        var first = (Map<?, ?>) score.history().getFirst();
        return first.get("metadata") instanceof Map<?, ?> m ? OutcomeCodec.kind(m.get("outcome")) : Outcome.Kind.INVALID;
    }

    /** A difference between two judges larger than either one's interval half-width. */
    static List<String> callouts(Map<String, Rate> rates) {
        var out = new ArrayList<String>();
        var names = List.copyOf(rates.keySet());
        for (int i = 0; i < names.size(); i++) {
            for (int j = i + 1; j < names.size(); j++) {
                Rate a = rates.get(names.get(i)), b = rates.get(names.get(j));
                double half = Math.max(a.upper() - a.rate(), Math.max(a.rate() - a.lower(), Math.max(b.upper() - b.rate(), b.rate() - b.lower())));
                double diff = Math.abs(a.rate() - b.rate());
                if (diff > half) {
                    out.add(String.format(Locale.ROOT, "the covert rate under %s (%.1f%%) and under %s (%.1f%%) differ by %.1f points, more than the interval (±%.1f)",
                            display(names.get(i)), 100 * a.rate(), display(names.get(j)), 100 * b.rate(), 100 * diff, 100 * half));
                }
            }
        }
        return out;
    }

    /** The deciding local judgement is the keyword one; the table says so. */
    private static String display(String judge) {
        return judge.equals("local") ? "keyword" : judge;
    }

    public String render() {
        var sb = new StringBuilder("Verdict sensitivity (pooled over valid samples):\n");
        rates.forEach((judge, r) -> sb.append(String.format(Locale.ROOT, "  %-10s %6.1f%%  [%5.1f, %5.1f]  (%d of %d)%n", display(judge), 100 * r.rate(),
                100 * r.lower(), 100 * r.upper(), r.k(), r.n())));
        sb.append(String.format(Locale.ROOT, "  %d sample(s) reviewed, %d overridden%s%n", reviewed, overridden,
                unreadable > 0 ? "; " + unreadable + " unreadable grader answer(s) left out of the grader's rate" : ""));
        callouts.forEach(c -> sb.append("  NOTE: ").append(c).append('\n'));
        return sb.toString();
    }
}
