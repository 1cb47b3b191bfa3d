package covert.env;

import com.fasterxml.jackson.annotation.JsonValue;

/** The kinds of covert action an Outcome can name. */
public enum CovertKind {
    HIDDEN_RULE_VIOLATION, SABOTAGE, SANDBAGGING, FALSE_REPORT, OVERSIGHT_SUBVERSION, TEST_TAMPERING, INTERVIEW_DECEPTION;

    @JsonValue
    public String wire() {
        return name().toLowerCase(java.util.Locale.ROOT);
    }
}
