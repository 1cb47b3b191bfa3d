package covert.run;

import covert.agent.Event;
import covert.log.EvalLog;
import covert.model.Usage;
import java.util.List;

/**
 * What a full run will take, extrapolated from the samples of a pilot (or any earlier log of the same model): tokens,
 * dollars and wall time. Wall time assumes {@code concurrency} samples in flight and no rate limiting, so it is a
 * lower bound when the provider throttles.
 *
 * @param cost null when the model has no price
 */
public record Forecast(int piloted, int planned, int concurrency, double callsPerSample, double inputTokens, double outputTokens,
                       double reasoningTokens, double totalTokens, Double costPerSample, double secondsPerSample) {

    public static Forecast of(List<EvalLog.EvalSample> pilot, int planned, int concurrency) {
        if (pilot.isEmpty()) throw new covert.UserError("the pilot has no samples to extrapolate from");
        Usage sum = Usage.ZERO;
        long calls = 0;
        double seconds = 0;
        boolean priced = true;
        for (var s : pilot) {
            Usage u = Usage.ZERO;
            for (Usage r : s.roleUsage().values()) u = u.plus(r);
            priced &= u.totalCost() != null || u.totalTokens() == 0;
            sum = sum.plus(u);
            if (s.events() != null) calls += s.events().stream().filter(Event.ModelEvent.class::isInstance).count();
            seconds += s.totalTime() == null ? 0 : s.totalTime();
        }
        double n = pilot.size();
        return new Forecast(pilot.size(), planned, Math.max(1, Math.min(concurrency, planned)), calls / n, sum.inputTokens() / n,
                sum.outputTokens() / n, (sum.reasoningTokens() == null ? 0 : sum.reasoningTokens()) / n, sum.totalTokens() / n,
                priced && sum.totalCost() != null ? sum.totalCost() / n : null, seconds / n);
    }

    public double totalTokensAll() {
        return totalTokens * planned;
    }

    public Double totalCost() {
        return costPerSample == null ? null : costPerSample * planned;
    }

    public double wallSeconds() {
        return secondsPerSample * planned / concurrency;
    }
}
