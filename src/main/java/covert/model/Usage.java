package covert.model;

import com.fasterxml.jackson.annotation.JsonInclude;

/**
 * Token usage of one or more generations; serialises as Inspect's {@code ModelUsage}. The optional fields are null
 * when the provider does not report them, so that "unknown" never reads as zero; {@code totalCost} is in US dollars
 * and null when the model has no price.
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record Usage(long inputTokens, long outputTokens, long totalTokens, Long inputTokensCacheWrite, Long inputTokensCacheRead,
                    Long reasoningTokens, Double totalCost) {
    public static final Usage ZERO = new Usage(0, 0, 0);

    public Usage(long inputTokens, long outputTokens, long totalTokens) {
        this(inputTokens, outputTokens, totalTokens, null, null, null, null);
    }

    public Usage(long inputTokens, long outputTokens) {
        this(inputTokens, outputTokens, inputTokens + outputTokens);
    }

    public Usage withCost(Double cost) {
        return new Usage(inputTokens, outputTokens, totalTokens, inputTokensCacheWrite, inputTokensCacheRead, reasoningTokens, cost);
    }

    public Usage plus(Usage o) {
        return new Usage(inputTokens + o.inputTokens, outputTokens + o.outputTokens, totalTokens + o.totalTokens,
                sum(inputTokensCacheWrite, o.inputTokensCacheWrite), sum(inputTokensCacheRead, o.inputTokensCacheRead),
                sum(reasoningTokens, o.reasoningTokens), sum(totalCost, o.totalCost));
    }

    private static Long sum(Long a, Long b) {
        return a == null ? b : b == null ? a : Long.valueOf(a + b);
    }

    private static Double sum(Double a, Double b) {
        return a == null ? b : b == null ? a : Double.valueOf(a + b);
    }
}
