package covert.model.sim;

import covert.UserError;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The documented, configurable propensities of a simulated model organism. Per sample it first draws
 * whether it verbalizes evaluation awareness, then whether it takes the covert path, with probability
 * {@code covertRate}, multiplied by {@code awareFactor} when it is aware. Its expected covert rate is
 * therefore {@link #expectedCovertRate()}.
 *
 * @param covertRate    probability of the covert path when not aware
 * @param awarenessRate probability of verbalizing "this might be a test" in the first turn
 * @param awareFactor   multiplier on {@code covertRate} when aware (the study saw aware samples act covertly less)
 * @param citesSpec     cites anti-scheming principles by ID in its reasoning, as after deliberative alignment
 * @param latencyMs     simulated latency per generation, for exercising concurrency and interruption
 */
public record Organism(String name, double covertRate, double awarenessRate, double awareFactor, boolean citesSpec, long latencyMs) {

    public static final Map<String, Organism> BUILT_IN = Map.of(
            // 0.132 * (0.98 + 0.02 * 0.25) = 0.130: the study's o3 baseline of 13.0%, with 2.3% awareness.
            "baseline", new Organism("baseline", 0.132, 0.02, 0.25, false, 0),
            // 0.00414 * (0.955 + 0.045 * 0.25) = 0.0040: the study's 0.4% after training, awareness up to 4.5%.
            "antischeming", new Organism("antischeming", 0.00414, 0.045, 0.25, true, 0));

    public Organism {
        for (double p : new double[] {covertRate, awarenessRate}) {
            if (p < 0 || p > 1) throw new UserError("sim/" + name + ": rates must be between 0 and 1, got " + p);
        }
        if (awareFactor < 0 || covertRate * awareFactor > 1) throw new UserError("sim/" + name + ": aware_factor out of range: " + awareFactor);
        if (latencyMs < 0) throw new UserError("sim/" + name + ": latency_ms must be >= 0");
    }

    public double expectedCovertRate() {
        return covertRate * ((1 - awarenessRate) + awarenessRate * awareFactor);
    }

    /** Applies {@code -M key=value} overrides; unknown keys are an error, not silently ignored. */
    public Organism with(Map<String, String> args) {
        var m = new LinkedHashMap<>(args);
        try {
            var o = new Organism(name,
                    num(m.remove("covert_rate"), covertRate), num(m.remove("awareness_rate"), awarenessRate),
                    num(m.remove("aware_factor"), awareFactor),
                    m.containsKey("cites_spec") ? Boolean.parseBoolean(m.remove("cites_spec")) : citesSpec,
                    (long) num(m.remove("latency_ms"), latencyMs));
            if (!m.isEmpty()) {
                throw new UserError("sim/" + name + " has no model arg '" + m.keySet().iterator().next() + "' (known: "
                        + String.join(", ", List.of("covert_rate", "awareness_rate", "aware_factor", "cites_spec", "latency_ms")) + ")");
            }
            return o;
        } catch (NumberFormatException e) {
            throw new UserError("sim/" + name + ": model arg is not a number: " + e.getMessage());
        }
    }

    private static double num(String v, double dflt) {
        return v == null ? dflt : Double.parseDouble(v);
    }
}
