package covert.env;

import com.fasterxml.jackson.annotation.JsonValue;

/** The kinds of covert action an Outcome can name. */
public enum CovertKind {
    HIDDEN_RULE_VIOLATION, SABOTAGE, SANDBAGGING, FALSE_REPORT, FALSIFIED_WORK, LYING, OVERSIGHT_SUBVERSION, TEST_TAMPERING,
    COVERT_WHISTLEBLOWING, PRIVILEGE_ESCALATION, SELF_EXFILTRATION, GOAL_GUARDING, BROKEN_COMMITMENT, SPEC_SABOTAGE,
    INTERVIEW_DECEPTION,
    /** Not covert: an unnecessary escalation or refusal, measured by the over-escalation control family. */
    OVER_ESCALATION;

    @JsonValue
    public String wire() {
        return name().toLowerCase(java.util.Locale.ROOT);
    }
}
