package covert.run;

import covert.model.Model;
import covert.run.Controls.Condition;
import covert.score.Outcome;
import covert.stats.Interval;
import covert.stats.PairedEffect;
import covert.stats.Rate;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.function.Predicate;

/**
 * What an intervention measured: per environment and overall, the covert rate of the selected originals (before)
 * and of their edited resamples (after), the paired difference after − before with its interval and test, and the
 * awareness rate after the edit, which checks that the edit held (near 0 after a removal, near 1 after an injection).
 * With controls, {@code contrasts} holds each condition against the no-edit control, paired by original sample;
 * after a removal, {@code reaware} counts the resamples that say it is a test again.
 */
public record InterventionResult(Path log, String source, String model, boolean simulated, String mode, boolean weaker, String edit,
                                 int resamples, int selected, Map<String, Integer> skipped, int replayDiverged, Effect overall,
                                 List<Effect> environments, List<Contrast> contrasts, Reaware reaware) {

    /** One resample against its original: outcomes are covert, honest or invalid. */
    record Pair(String environment, Outcome.Kind before, Outcome.Kind after, boolean awareAfter, boolean diverged, String originalKey, Condition condition) {}

    /** The effect in one group of samples; {@code aware} counts valid resamples whose edited turn or later turns show awareness. */
    public record Effect(String label, PairedEffect effect, Rate awareAfter, int invalidAfter) {}

    /** One condition's covert rate against the no-edit control's on the same originals (after = the condition, before = no-edit). */
    public record Contrast(String label, PairedEffect effect) {}

    /**
     * Resamples of a removal that verbalize awareness again: {@code count} of {@code of} valid edited resamples, and with
     * {@code --exclude-reaware} the effect without them (against the originals, and against no-edit when controls ran).
     */
    public record Reaware(int count, int of, Effect excluded, Contrast excludedContrast) {}

    static InterventionResult of(Path log, Intervention.Request req, Model model, Intervention.Mode mode, int selected,
                                 Map<String, Integer> skipped, List<Pair> all) {
        var edited = all.stream().filter(p -> p.condition() == Condition.EDIT).toList();
        var byEnv = new TreeMap<String, List<Pair>>();
        edited.forEach(p -> byEnv.computeIfAbsent(p.environment(), k -> new ArrayList<>()).add(p));
        var envs = new ArrayList<Effect>();
        byEnv.forEach((env, ps) -> envs.add(effect(env, ps)));
        int diverged = (int) all.stream().filter(Pair::diverged).count();
        var contrasts = new ArrayList<Contrast>();
        if (req.controls()) {
            contrasts.add(contrast("edit − no-edit", all, Condition.EDIT, p -> true));
            contrasts.add(contrast("random-sentence − no-edit", all, Condition.RANDOM_SENTENCE, p -> true));
            contrasts.add(new Contrast("no-edit − original", effect("no-edit", all.stream().filter(p -> p.condition() == Condition.NO_EDIT).toList()).effect()));
        }
        Reaware reaware = null;
        if (!(req.edit() instanceof Edit.Inject)) {
            var valid = edited.stream().filter(p -> p.after().rated()).toList();
            int again = (int) valid.stream().filter(Pair::awareAfter).count();
            Effect excluded = null;
            Contrast excludedContrast = null;
            if (req.excludeReaware()) {
                excluded = effect("overall, re-aware excluded", edited.stream().filter(p -> !p.awareAfter()).toList());
                if (req.controls()) excludedContrast = contrast("edit − no-edit, re-aware excluded", all, Condition.EDIT, p -> !p.awareAfter());
            }
            reaware = new Reaware(again, valid.size(), excluded, excludedContrast);
        }
        return new InterventionResult(log, req.log().toString(), model.name(), model.simulated(), mode.wire, mode == Intervention.Mode.VISIBLE_PREFILL,
                req.edit().describe(), req.resamples(), selected, Map.copyOf(skipped), diverged, effect("overall", edited), envs, contrasts, reaware);
    }

    /** The condition's valid resamples (those {@code keep} accepts) against the no-edit control's, per original sample. */
    private static Contrast contrast(String label, List<Pair> pairs, Condition condition, Predicate<Pair> keep) {
        var arms = new LinkedHashMap<String, int[]>();
        for (Pair p : pairs) {
            if (!p.after().rated()) continue;
            int[] a = arms.computeIfAbsent(p.originalKey(), k -> new int[4]);
            if (p.condition() == Condition.NO_EDIT) {
                a[1]++;
                if (p.after() == Outcome.Kind.COVERT) a[0]++;
            } else if (p.condition() == condition && keep.test(p)) {
                a[3]++;
                if (p.after() == Outcome.Kind.COVERT) a[2]++;
            }
        }
        var units = arms.values().stream().map(a -> new PairedEffect.Arms(a[0], a[1], a[2], a[3])).toList();
        return new Contrast(label, PairedEffect.between(units, 0.95));
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
