package covert.agent;

import java.time.Duration;

/**
 * When an agent is stopped: after {@code maxTurns} model calls in the task phase, {@code maxTokens} total
 * tokens (0 = no limit) or {@code timeLimit} of wall time.
 */
public record Limits(int maxTurns, long maxTokens, Duration timeLimit) {
    public static final Limits DEFAULT = new Limits(30, 0, Duration.ofMinutes(15));

    public Limits {
        if (maxTurns < 1) throw new covert.UserError("--max-turns must be at least 1, got " + maxTurns);
    }
}
