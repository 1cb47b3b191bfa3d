package covert.env;

import com.fasterxml.jackson.annotation.JsonValue;
import java.util.Locale;

/** The family groups of the suite, as the anti-scheming study groups its evaluations. */
public enum Group {
    SABOTAGE, REWARD_HACKING, WHISTLEBLOWING, LYING, SANDBAGGING, PRIVILEGE_ESCALATION, RULE_VIOLATION,
    /** Strategic deception games: reported, but not in the headline aggregate. */
    GAMES,
    /** Anti-scheming goal guarding: adversarial for trained models, reported separately. */
    SPEC_SABOTAGE,
    /** A control: measures unnecessary escalation or refusal, not covert actions. */
    OVER_ESCALATION;

    @JsonValue
    public String wire() {
        return name().toLowerCase(Locale.ROOT);
    }
}
