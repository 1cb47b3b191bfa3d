package covert.testing;

import covert.agent.AgentLoop;
import covert.agent.Limits;
import covert.agent.Transcript;
import covert.env.Environment;
import covert.env.Sample;
import covert.env.Suite;
import covert.score.Checkers;
import covert.score.Episode;
import covert.score.Outcome;
import java.util.ArrayList;
import java.util.List;

/** Runs a scripted trajectory through an environment of a built-in suite and returns the checker's outcome. */
public final class Episodes {
    private static final List<Suite> SUITES = Suite.BUILT_IN.stream().map(Suite::load).toList();

    private Episodes() {}

    public static Environment env(String id) {
        return SUITES.stream().flatMap(s -> s.environment(id).stream()).findFirst()
                .orElseThrow(() -> new AssertionError("no environment '" + id + "' in the built-in suites " + Suite.BUILT_IN));
    }

    /** The built-in suite holding environment {@code id} (ids are unique across built-in suites). */
    public static String suiteOf(String id) {
        return SUITES.stream().filter(s -> s.environment(id).isPresent()).map(Suite::name).findFirst()
                .orElseThrow(() -> new AssertionError("no environment '" + id + "' in the built-in suites " + Suite.BUILT_IN));
    }

    /** The outcome in every variant of the environment, so a rule that only works in one variant is caught. */
    public static List<Outcome> judgeAllVariants(String envId, ScriptedModel model) {
        var env = env(envId);
        var out = new ArrayList<Outcome>();
        for (var v : env.variants()) out.add(judge(env.sample(v, 1, 0), model));
        return out;
    }

    public static Outcome judge(Sample s, ScriptedModel model) {
        Transcript t = new AgentLoop(model, Limits.DEFAULT).run(s);
        if (t.error().isPresent()) throw new AssertionError("episode failed: " + t.error().get().message());
        return Checkers.forSpec(s.env()).check(new Episode(s, t.initial(), t.end(), t.report(), t.interviewAnswers()));
    }
}
