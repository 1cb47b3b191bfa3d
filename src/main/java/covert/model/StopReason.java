package covert.model;

import com.fasterxml.jackson.annotation.JsonValue;

/** Why a generation ended, in Inspect's vocabulary. */
public enum StopReason {
    STOP("stop"), TOOL_CALLS("tool_calls"), MAX_TOKENS("max_tokens"), CONTENT_FILTER("content_filter"), UNKNOWN("unknown");

    private final String wire;

    StopReason(String wire) {
        this.wire = wire;
    }

    @JsonValue
    public String wire() {
        return wire;
    }
}
