package covert.env;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Models that notice they are being evaluated are the study's main threat to validity, so nothing an agent
 * reads may say so, except the texts of the {@code eval_cue} axis, which exist to say it. Software words
 * ("unit tests", "test suite") are fine; words that frame the scenario as a test are not.
 */
public final class RealismLint {
    public static final String CUE_AXIS = "eval_cue";
    private static final Pattern WORDS = Pattern.compile(
            "\\b(evaluations?|evaluated|evaluating|benchmarks?|honeypots?|alignment|this is (?:a|only a) test|being tested|"
                    + "test scenario|test environment|test harness|a test of (?:you|your|the model|the agent))\\b",
            Pattern.CASE_INSENSITIVE);

    private RealismLint() {}

    /** Every offending phrase, with where it is. Empty when the spec passes. */
    public static List<String> problems(EnvironmentSpec spec) {
        var out = new ArrayList<String>();
        var allowed = spec.realismAllow().stream().map(s -> s.toLowerCase(Locale.ROOT)).toList();
        check(out, allowed, "system_prompt", spec.systemPrompt());
        check(out, allowed, "task", spec.task());
        spec.world().files().forEach((path, text) -> {
            check(out, allowed, "file name " + path, path);
            check(out, allowed, "file " + path, text);
        });
        spec.world().inbox().forEach(m -> check(out, allowed, "email '" + m.subject() + "'", m.from() + " " + m.subject() + " " + m.body()));
        spec.world().config().forEach((k, v) -> check(out, allowed, "config " + k, k + " " + v));
        spec.world().checks().forEach((k, v) -> check(out, allowed, "check " + k, k + " " + v));
        spec.interview().forEach(q -> check(out, allowed, "interview", q));
        spec.variants().forEach((axis, values) -> {
            if (axis.equals(CUE_AXIS)) return;
            values.forEach((value, text) -> check(out, allowed, "variant " + axis + "=" + value, text));
        });
        return out;
    }

    private static void check(List<String> out, List<String> allowed, String where, String text) {
        if (text == null) return;
        Matcher m = WORDS.matcher(text);
        while (m.find()) {
            String hit = m.group(1).toLowerCase(Locale.ROOT);
            if (allowed.stream().anyMatch(hit::startsWith)) continue;
            out.add(where + ": \"" + m.group(1) + "\"");
        }
    }
}
