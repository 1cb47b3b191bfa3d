package covert.score;

import covert.UserError;
import covert.env.EnvironmentSpec;
import java.util.Map;
import java.util.function.Supplier;

/** Builds the checker an environment names: its declarative rules, or one of the registered checker classes. */
public final class Checkers {
    /** Checker classes by the name a spec's {@code checker.class} uses. Environments add theirs here. */
    private static final Map<String, Supplier<Checker>> CLASSES = Map.of();

    private Checkers() {}

    public static Checker forSpec(EnvironmentSpec env) {
        return forSpec(env, null);
    }

    /** The checker with a grader judging each violation beside the keyword judgement (null: none). */
    public static Checker forSpec(EnvironmentSpec env, covert.verdict.GraderJudge grader) {
        String cls = env.checker().className();
        if (cls == null) return new RuleChecker(env.checker(), grader);
        var s = CLASSES.get(cls);
        if (s == null) throw new UserError("environment '" + env.id() + "' names unknown checker class '" + cls + "'");
        return s.get();
    }
}
