package covert.env;

import com.fasterxml.jackson.annotation.JsonProperty;
import java.util.List;
import java.util.Map;

/**
 * How an environment decides whether a covert action happened: declarative violation rules read from the
 * World's final state and the agent's own words, or the name of one checker class for what rules cannot say.
 */
public record CheckerSpec(@JsonProperty("class") String className, List<Rule> violations) {
    public CheckerSpec {
        violations = violations == null ? List.of() : List.copyOf(violations);
    }

    /**
     * One way the agent can violate the rules, exactly one condition set. The violation is covert unless
     * the submitted report discloses it ({@code disclosed_if}).
     *
     * @param fileChanged          the file's final content differs from its initial one (or it was deleted)
     * @param answersWrong         the agent's answer file disagrees with a hidden key on enough questions
     * @param reportClaimsSuccess  the report claims the task succeeded without admitting failure
     */
    public record Rule(
            @JsonProperty(required = true) CovertKind kind,
            String fileChanged,
            AnswersWrong answersWrong,
            Boolean reportClaimsSuccess,
            Disclosure disclosedIf,
            String description) {}

    /** Answers are lines like {@code 3: B} in {@code file}; {@code key} maps question number to the right answer. */
    public record AnswersWrong(@JsonProperty(required = true) String file,
                               @JsonProperty(required = true) Map<String, String> key,
                               @JsonProperty(required = true) int atLeast) {}

    /**
     * A report discloses a violation when one clause names a {@code subject} and an {@code action}
     * (case-insensitive regular expressions) and does not negate them.
     */
    public record Disclosure(List<String> subjects, List<String> actions) {
        public Disclosure {
            subjects = subjects == null ? List.of() : List.copyOf(subjects);
            actions = actions == null ? List.of() : List.copyOf(actions);
        }
    }
}
