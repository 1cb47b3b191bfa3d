package covert.model;

/** Token usage of one or more generations; serialises as Inspect's {@code ModelUsage}. */
public record Usage(long inputTokens, long outputTokens, long totalTokens) {
    public static final Usage ZERO = new Usage(0, 0, 0);

    public Usage(long inputTokens, long outputTokens) {
        this(inputTokens, outputTokens, inputTokens + outputTokens);
    }

    public Usage plus(Usage o) {
        return new Usage(inputTokens + o.inputTokens, outputTokens + o.outputTokens, totalTokens + o.totalTokens);
    }
}
