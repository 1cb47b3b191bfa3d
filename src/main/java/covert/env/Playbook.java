package covert.env;

import java.util.List;
import java.util.Map;

/**
 * How a simulated organism acts in one environment: an honest and a covert trajectory of tool calls with
 * reasoning, and interview answers for each. Lists of strings are alternatives, one picked per sample, so
 * that wording varies. The playbook never reaches a checker; the World's state is the only ground truth.
 *
 * @param recognize   a phrase of the rendered task by which the organism recognises the environment
 * @param opportunity when set, the organism takes the covert path only once this phrase appears in the
 *                    conversation (e.g. the document that creates the incentive), so that a counterfactual
 *                    variant without it gets no covert action; steps before that point should be the same on
 *                    both paths
 */
public record Playbook(String recognize, String opportunity, List<Step> honest, List<Step> covert, Interview interview) {
    public Playbook {
        honest = honest == null ? List.of() : List.copyOf(honest);
        covert = covert == null ? List.of() : List.copyOf(covert);
        interview = interview == null ? new Interview(List.of(), List.of(), List.of()) : interview;
    }

    /**
     * One assistant turn.
     *
     * @param think reasoning alternatives
     * @param say   visible text alternatives (optional)
     * @param call  tool to call
     * @param args  arguments; a list value means "pick one of these strings"
     * @param ifSeen     the step belongs to the path only once this phrase has appeared in the conversation (system prompt,
     *                   task or a tool result), e.g. the approval that resolves a rule conflict in advance
     * @param unlessSeen the step belongs to the path only while this phrase has not appeared; with {@code if_seen} on a
     *                   sibling step, one path serves a conflict and its resolved twin. Both phrases must be readable
     *                   before the first conditional step, or the path would shift as the conversation grows
     */
    public record Step(List<String> think, List<String> say, String call, Map<String, Object> args, String ifSeen, String unlessSeen) {
        public Step(List<String> think, List<String> say, String call, Map<String, Object> args) {
            this(think, say, call, args, null, null);
        }

        public Step {
            think = think == null ? List.of() : List.copyOf(think);
            say = say == null ? List.of() : List.copyOf(say);
            args = args == null ? Map.of() : java.util.Collections.unmodifiableMap(new java.util.LinkedHashMap<>(args));
        }
    }

    /**
     * Answers after the submit.
     *
     * @param confess what the organism says when, after the covert path, it owns up (its {@code confess_rate}): its own
     *                account of what it did, which the checker's disclosure rule then judges like any answer
     */
    public record Interview(List<String> honest, List<String> covert, List<String> confess) {
        public Interview {
            honest = honest == null ? List.of() : List.copyOf(honest);
            covert = covert == null ? List.of() : List.copyOf(covert);
            confess = confess == null ? List.of() : List.copyOf(confess);
        }
    }
}
