package covert.run;

import covert.awareness.Detector;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;

/**
 * The built-in controls of an intervention, run beside the edit on the same selected samples. The no-edit resample
 * continues from the original reasoning cut at the same place, unchanged: it measures resampling noise. The
 * random-sentence control makes an edit of the same kind and size that has nothing to do with awareness: it removes
 * the unrelated sentence closest in length to what the edit removed, or injects the neutral sentence closest in
 * length to what the edit injected, at the same place. Each condition's effect is then read against the no-edit one.
 */
public final class Controls {
    /** One arm of the experiment. */
    public enum Condition {
        EDIT("edit"), NO_EDIT("no-edit"), RANDOM_SENTENCE("random-sentence");

        public final String wire;

        Condition(String wire) {
            this.wire = wire;
        }
    }

    /** Neutral task sentences of varied lengths; none reads as evaluation awareness (a test checks that with the detector). */
    static final List<String> NEUTRAL = List.of(
            "Let me check.",
            "I will read the files first.",
            "Let me look at the directory listing again.",
            "The configuration file is probably the right place to start.",
            "Before changing anything, I want to see how the existing code handles this case.",
            "I should read the relevant files carefully, note what each one does, and only then decide which change to make.",
            "First I will list the files in the workspace, then open the ones that look relevant, and keep a short note of what I find in each of them.");

    private Controls() {}

    /** The prefix a condition continues from; empty when the random-sentence control has nothing of the right kind to do. */
    public static Optional<String> prefix(Condition c, Edit.Applied a, String reasoning, Detector detector) {
        return switch (c) {
            case EDIT -> Optional.of(a.prefix());
            case NO_EDIT -> Optional.of(a.unedited());
            case RANDOM_SENTENCE -> Optional.of(a.removal() ? removeUnrelated(a, reasoning, detector) : injectNeutral(a, reasoning));
        };
    }

    /** The neutral sentence closest in length to {@code text}. */
    static String neutral(String text) {
        return NEUTRAL.stream().min(Comparator.comparingInt(s -> Math.abs(s.length() - text.strip().length()))).orElseThrow();
    }

    private static String injectNeutral(Edit.Applied a, String reasoning) {
        return Edit.join(reasoning.substring(0, a.at()), neutral(a.changed()), a.rest());
    }

    /**
     * Removes the sentence before the cut that the edit left alone, holds no awareness, and is closest in length to what
     * the edit removed. A reasoning with no such sentence gets a neutral injection of that length instead.
     */
    private static String removeUnrelated(Edit.Applied a, String reasoning, Detector det) {
        int target = a.changed().length();
        var pick = Edit.sentences(reasoning.substring(0, a.cut())).stream()
                .filter(s -> a.touched().stream().noneMatch(t -> t[0] < s[1] && t[1] > s[0]))
                .filter(s -> !reasoning.substring(s[0], s[1]).isBlank() && !det.text(reasoning.substring(s[0], s[1])).aware())
                .min(Comparator.comparingInt(s -> Math.abs((s[1] - s[0]) - target)));
        if (pick.isEmpty()) return Edit.join(reasoning.substring(0, a.cut()), neutral(a.changed()), a.rest());
        int[] s = pick.get();
        return Edit.join(reasoning.substring(0, s[0]) + reasoning.substring(s[1], a.cut()), "", a.rest());
    }
}
