package covert.model.sim;

import covert.UserError;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;

/**
 * Simulated training checkpoints, {@code sim/<organism>@<label>}: the same organism with propensities that
 * follow a documented curve, so that trend analyses and terminology scans have a known true answer.
 * Checkpoints of one organism share its random draws, so a sample that acts covertly at a lower rate also
 * does so at every higher rate: comparisons across checkpoints are paired, as with real seeded re-runs.
 *
 * <p>Two families of labels:
 * <ul>
 *   <li>{@code sft-0..4}, {@code rl-0..4}, {@code capabilities-0..4}: a deliberative-alignment run in three
 *       phases. The covert rate is the organism's own rate times {@link #COVERT}; awareness and spec citation
 *       are absolute ({@link #AWARENESS}, {@link #CITE}). SFT brings the large drop, RL a smaller one that
 *       plateaus over its last three checkpoints, and capabilities training erodes it again, as in the study
 *       (0.3% to 0.8% covert, spec citation 81.5% to 65.8%, awareness up to 20.6%).</li>
 *   <li>{@code step-N} (N = 0..100): a capabilities-only run. Covert rate and citation stay as configured;
 *       awareness grows by 1.86 points per step from the organism's own rate (2% to 20.6% by step 10, capped at
 *       90%), and unusual reasoning terms appear in {@code min(0.9, 0.04 N)} of reasoning messages.</li>
 * </ul>
 */
public final class Checkpoints {
    private Checkpoints() {}

    public static final List<String> PHASES = List.of("sft", "rl", "capabilities");
    /** Per phase, checkpoints 0..4; each phase starts where the previous one ended. */
    public static final Map<String, double[]> COVERT = Map.of(
            "sft", new double[] {1.0, 0.55, 0.30, 0.20, 0.16},
            "rl", new double[] {0.16, 0.08, 0.03, 0.03, 0.03},
            "capabilities", new double[] {0.03, 0.04, 0.05, 0.055, 0.06});
    public static final Map<String, double[]> AWARENESS = Map.of(
            "sft", new double[] {0.02, 0.022, 0.025, 0.028, 0.03},
            "rl", new double[] {0.03, 0.036, 0.04, 0.043, 0.045},
            "capabilities", new double[] {0.045, 0.08, 0.12, 0.16, 0.206});
    public static final Map<String, double[]> CITE = Map.of(
            "sft", new double[] {0.0, 0.45, 0.65, 0.75, 0.80},
            "rl", new double[] {0.80, 0.81, 0.815, 0.815, 0.815},
            "capabilities", new double[] {0.815, 0.78, 0.74, 0.70, 0.658});

    private static final Pattern LABEL = Pattern.compile("(sft|rl|capabilities|step)-(\\d{1,3})");

    /** The organism at checkpoint {@code label}; a one-line error names the valid labels. */
    public static Organism at(Organism o, String label) {
        var m = LABEL.matcher(label);
        if (!m.matches()) throw unknown(o, label);
        String phase = m.group(1);
        int k = Integer.parseInt(m.group(2));
        if (phase.equals("step")) {
            if (k > 100) throw unknown(o, label);
            return o.at(label, o.covertRate(), Math.min(0.9, o.awarenessRate() + 0.0186 * k), o.citeRate(), Math.min(0.9, 0.04 * k));
        }
        if (k >= COVERT.get(phase).length) throw unknown(o, label);
        return o.at(label, o.covertRate() * COVERT.get(phase)[k], AWARENESS.get(phase)[k], CITE.get(phase)[k], 0);
    }

    /** Phase and step of a label, for run metadata: the global step counts on across phases. */
    public static int globalStep(String label) {
        var m = LABEL.matcher(label);
        if (!m.matches()) throw new UserError("not a simulated checkpoint label: " + label);
        int k = Integer.parseInt(m.group(2));
        int phase = PHASES.indexOf(m.group(1));
        return phase < 0 ? k : phase * COVERT.get("sft").length + k;
    }

    private static UserError unknown(Organism o, String label) {
        return new UserError("unknown checkpoint 'sim/" + o.name() + "@" + label
                + "' (known: @sft-0..4, @rl-0..4, @capabilities-0..4, @step-0..100)");
    }
}
