package covert.review;

import covert.score.Outcome;
import covert.log.OutcomeCodec;
import covert.log.EvalLog;
import covert.log.EvalLogs;
import covert.log.SampleRecord;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * Which samples a human should review: those whose verdict is flagged (the classifier or the grader disagreeing
 * with the deciding keyword judgement, the classifier uncertain, the grader unreadable), and with {@code allCovert} every covert one, as the study confirmed every flagged case.
 * Samples already reviewed stay in the queue, marked, so a second session sees the edits.
 */
public final class ReviewQueue {
    /** One sample to review and why. */
    public record Entry(String id, int epoch, String outcome, List<String> reasons, ScoreEdits.Reviewed reviewed) {}

    private ReviewQueue() {}

    public static List<Entry> of(EvalLog log, boolean allCovert) {
        var out = new ArrayList<Entry>();
        for (var s : log.samples()) {
            var score = s.scores() == null ? null : s.scores().get(SampleRecord.SCORER);
            if (score == null || score.metadata() == null) continue;
            var reasons = new ArrayList<String>();
            if (score.metadata().get(SampleRecord.VERDICT) instanceof Map<?, ?> v && v.get("flags") instanceof List<?> flags) {
                flags.forEach(f -> reasons.add(String.valueOf(f)));
            }
            var outcome = OutcomeCodec.kind(s);
            if (allCovert && outcome == Outcome.Kind.COVERT && reasons.isEmpty()) reasons.add(outcome.wire());
            var reviewed = ScoreEdits.Reviewed.of(score);
            if (reasons.isEmpty() && !reviewed.reviewed()) continue;
            out.add(new Entry(s.id(), s.epoch(), outcome.wire(), List.copyOf(reasons), reviewed));
        }
        return out;
    }
}
