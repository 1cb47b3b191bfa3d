package covert.run;

import covert.score.Outcome;
import covert.model.Model;
import covert.stats.Interval;
import covert.stats.PairedEffect;
import covert.stats.Rate;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * What an intervention measured: per environment and overall, the covert rate of the selected originals (before)
 * and of their resamples (after), the paired difference after − before with its interval and test, and the
 * awareness rate after the edit, which checks that the edit held (near 0 after a removal, near 1 after an injection).
 */
public record InterventionResult(Path log, String source, String model, boolean simulated, String mode, boolean weaker, String edit,
                                 int resamples, int selected, Map<String, Integer> skipped, int replayDiverged, Effect overall,
                                 List<Effect> environments) {

    /** One resample against its original: outcomes are covert, honest or invalid. */
    record Pair(String environment, Outcome.Kind before, Outcome.Kind after, boolean awareAfter, boolean diverged, String originalKey) {}

    /** The effect in one group of samples; {@code aware} counts valid resamples whose edited turn or later turns show awareness. */
    public record Effect(String label, PairedEffect effect, Rate awareAfter, int invalidAfter) {}

    static InterventionResult of(Path log, Intervention.Request req, Model model, Intervention.Mode mode, int selected,
                                 Map<String, Integer> skipped, List<Pair> pairs) {
        var byEnv = new TreeMap<String, List<Pair>>();
        pairs.forEach(p -> byEnv.computeIfAbsent(p.environment(), k -> new ArrayList<>()).add(p));
        var envs = new ArrayList<Effect>();
        byEnv.forEach((env, ps) -> envs.add(effect(env, ps)));
        int diverged = (int) pairs.stream().filter(Pair::diverged).count();
        return new InterventionResult(log, req.log().toString(), model.name(), model.simulated(), mode.wire, mode == Intervention.Mode.VISIBLE_PREFILL,
                req.edit().describe(), req.resamples(), selected, Map.copyOf(skipped), diverged, effect("overall", pairs), envs);
    }

    private static Effect effect(String label, List<Pair> pairs) {
        var units = new LinkedHashMap<String, int[]>();
        var before = new LinkedHashMap<String, Boolean>();
        int aware = 0, valid = 0, invalid = 0;
        for (Pair p : pairs) {
            int[] u = units.computeIfAbsent(p.originalKey(), k -> new int[2]);
            before.put(p.originalKey(), p.before() == Outcome.Kind.COVERT);
            if (!p.after().rated()) {
                invalid++;
                continue;
            }
            valid++;
            u[1]++;
            if (p.after() == Outcome.Kind.COVERT) u[0]++;
            if (p.awareAfter()) aware++;
        }
        var list = new ArrayList<PairedEffect.Unit>();
        units.forEach((k, u) -> list.add(new PairedEffect.Unit(before.get(k), u[0], u[1])));
        return new Effect(label, PairedEffect.of(list, 0.95), Interval.WILSON.of95(aware, valid), invalid);
    }
}
