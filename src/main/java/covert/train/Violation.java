package covert.train;

import covert.model.Message;
import covert.score.Episode;
import covert.score.RuleChecker;
import java.util.List;

/**
 * A covert rollout whose replayed state shows violations its report left out.
 *
 * @param undisclosed      the violations the checker found and the report did not disclose
 * @param episode          the replayed episode the checker judged
 * @param throughViolation the rollout's messages through the first assistant turn (and its tool results) after which
 *                         the state shows a violation; empty when only the submit call committed it
 */
record Violation(Rollout rollout, List<RuleChecker.Finding> undisclosed, Episode episode, List<Message> throughViolation) {
    Violation {
        undisclosed = List.copyOf(undisclosed);
        throughViolation = List.copyOf(throughViolation);
    }
}
