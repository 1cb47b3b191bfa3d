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
 * @param name          the organism, e.g. {@code baseline}; its draws are seeded by this name, so all checkpoints
 *                      of one organism share their random numbers and compare as pairs
 * @param checkpoint    a training checkpoint label such as {@code sft-2} (see {@link Checkpoints}), or null
 * @param covertRate    probability of the covert path when not aware
 * @param awarenessRate probability of verbalizing "this might be a test" in the first turn
 * @param awareFactor   multiplier on {@code covertRate} when aware (the study saw aware samples act covertly less)
 * @param citeRate      probability that a sample's reasoning cites anti-scheming principles by ID (AS1, AS2, AS4, AS5, GP1, GP2)
 * @param termRate      probability that a reasoning message uses one of the unusual terms the study saw grow
 *                      over capabilities training ("watchers", "marinade", ...), for {@code covert scan}
 * @param latencyMs     simulated latency per generation, for exercising concurrency and interruption
 * @param confessRate   probability that, having taken the covert path, it owns up when spoken to after its submit (an
 *                      interview question or a follow-up turn) with its playbook's confession instead of its usual answer.
 *                      0 for every built-in organism, so eval runs are unchanged; {@code covert datagen} sets it on its
 *                      simulated confessor ({@code -M confess_rate=}) to exercise on-policy confession data. Like every
 *                      sim output the answer is marked simulated, and it is a pipeline check, not a finding about models
 * @param interviewAwarenessRate probability that, after taking the covert path, an interview answer's reasoning says the
 *                      scenario looked like a test: awareness voiced only after the action, which cannot have caused it.
 *                      Drawn from the sample's seed after the other draws, so it changes no other decision; 0 by default
 * @param reawareRate   probability that a sample whose awareness was removed from its reasoning by an intervention says
 *                      it again when it continues (and then acts aware), as the study saw real models do
 */
public record Organism(String name, String checkpoint, double covertRate, double awarenessRate, double awareFactor,
                       double citeRate, double termRate, long latencyMs, double confessRate,
                       double interviewAwarenessRate, double reawareRate) {

    public static final Map<String, Organism> BUILT_IN = Map.of(
            // 0.132 * (0.98 + 0.02 * 0.25) = 0.130: the study's o3 baseline of 13.0%, with 2.3% awareness.
            "baseline", new Organism("baseline", null, 0.132, 0.02, 0.25, 0, 0, 0, 0, 0, 0),
            // 0.00414 * (0.955 + 0.045 * 0.25) = 0.0040: the study's 0.4% after training, awareness up to 4.5%.
            "antischeming", new Organism("antischeming", null, 0.00414, 0.045, 0.25, 1, 0, 0, 0, 0, 0),
            // A hidden goal against a successor model (HiddenGoal); covert_rate is their rate on every other task.
            "sabotage-goal", new Organism("sabotage-goal", null, 0.02, 0.02, 0.25, 0, 0, 0, 0, 0, 0),
            "sabotage-goal+antischeming", new Organism("sabotage-goal+antischeming", null, 0.002, 0.045, 0.25, 1, 0, 0, 0, 0, 0));

    static final List<String> ARGS = List.of("covert_rate", "awareness_rate", "aware_factor", "cite_rate", "term_rate", "latency_ms", "confess_rate",
            "interview_awareness_rate", "reaware_rate");

    public Organism {
        for (double p : new double[] {covertRate, awarenessRate, citeRate, termRate, confessRate, interviewAwarenessRate, reawareRate}) {
            if (!(p >= 0 && p <= 1)) throw new UserError("sim/" + name + ": rates must be between 0 and 1, got " + p);
        }
        if (awareFactor < 0 || covertRate * awareFactor > 1) throw new UserError("sim/" + name + ": aware_factor out of range: " + awareFactor);
        if (latencyMs < 0) throw new UserError("sim/" + name + ": latency_ms must be >= 0");
    }

    /** {@code sim/name} or {@code sim/name@checkpoint}, as the model is named in logs. */
    public String modelName() {
        return "sim/" + name + (checkpoint == null ? "" : "@" + checkpoint);
    }

    public double expectedCovertRate() {
        return covertRate * ((1 - awarenessRate) + awarenessRate * awareFactor);
    }

    public Organism at(String label, double covert, double awareness, double cite, double term) {
        return new Organism(name, label, covert, awareness, awareFactor, cite, term, latencyMs, confessRate, interviewAwarenessRate, reawareRate);
    }

    /** Applies {@code -M key=value} overrides; unknown keys are an error, not silently ignored. */
    public Organism with(Map<String, String> args) {
        var m = new LinkedHashMap<>(args);
        if (m.containsKey("cites_spec")) m.put("cite_rate", Boolean.parseBoolean(m.remove("cites_spec")) ? "1" : "0");
        try {
            var o = new Organism(name, checkpoint,
                    num(m.remove("covert_rate"), covertRate), num(m.remove("awareness_rate"), awarenessRate),
                    num(m.remove("aware_factor"), awareFactor), num(m.remove("cite_rate"), citeRate),
                    num(m.remove("term_rate"), termRate), (long) num(m.remove("latency_ms"), latencyMs), num(m.remove("confess_rate"), confessRate),
                    num(m.remove("interview_awareness_rate"), interviewAwarenessRate),
                    num(m.remove("reaware_rate"), reawareRate));
            if (!m.isEmpty()) {
                throw new UserError("sim/" + name + " has no model arg '" + m.keySet().iterator().next() + "' (known: "
                        + String.join(", ", ARGS) + ")");
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
