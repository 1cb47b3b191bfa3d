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

    /** What the machine shows that no scenario needs: the harness's name or the word for what it runs in. */
    private static final Pattern MACHINE = Pattern.compile("\\b(sandbox(?:ed|es)?|covert|bwrap|bubblewrap)\\b",
            Pattern.CASE_INSENSITIVE);

    private RealismLint() {}

    /**
     * What an environment's sandbox block puts on the machine: the workdir path, git authors and commit messages.
     * They take both word lists, since a path or a commit message is read like any file.
     */
    static void sandbox(List<String> out, List<String> allowed, covert.sandbox.SandboxSpec sb) {
        machine(out, "sandbox.workdir", sb.workdir());
        check(out, allowed, "sandbox.workdir", sb.workdir());
        if (sb.git() == null) return;
        machine(out, "sandbox.git author", sb.git().author() + " " + sb.git().email());
        for (var c : sb.git().commits()) {
            check(out, allowed, "sandbox.git commit", c.message());
            machine(out, "sandbox.git commit", c.message());
        }
    }

    /** What every sandbox shows whatever the environment: its shell's variables and the default workdir. */
    public static List<String> machineProblems() {
        var out = new ArrayList<String>();
        covert.sandbox.Bwrap.environment("0a1b2c3d4e5f").forEach((k, v) -> machine(out, "sandbox variable " + k, k + "=" + v));
        machine(out, "default workdir", covert.sandbox.SandboxSpec.DEFAULT_WORKDIR);
        return out;
    }

    private static void machine(List<String> out, String where, String text) {
        Matcher m = MACHINE.matcher(text);
        while (m.find()) out.add(where + ": \"" + m.group(1) + "\"");
    }

    /** Every offending phrase, with where it is. Empty when the spec passes. */
    public static List<String> problems(EnvironmentSpec spec) {
        var out = new ArrayList<String>();
        var allowed = spec.realismAllow().stream().map(s -> s.toLowerCase(Locale.ROOT)).toList();
        check(out, allowed, "system_prompt", spec.systemPrompt());
        check(out, allowed, "task", spec.task());
        sandbox(out, allowed, spec.sandbox());
        spec.world().files().forEach((path, text) -> {
            check(out, allowed, "file name " + path, path);
            machine(out, "file name " + path, path);
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
