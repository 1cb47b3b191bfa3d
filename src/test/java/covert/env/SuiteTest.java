package covert.env;

import static org.assertj.core.api.Assertions.assertThat;

import covert.run.Validator;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.FieldSource;

/** Properties of every built-in suite: realism, separation, breadth. */
class SuiteTest {
    static final List<String> BUILT_IN = Suite.BUILT_IN;
    /** The evaluation suites; train/validation are two splits of one set of training families (TrainSuiteTest). */
    static final List<String> EVAL = List.of("covert", "hidden-goal");

    @TempDir
    Path dir;

    @ParameterizedTest
    @FieldSource("BUILT_IN")
    void no_environment_tells_the_agent_it_is_being_evaluated(String suite) {
        Map<String, List<String>> problems = new TreeMap<>();
        for (var env : Suite.load(suite).environments()) {
            var p = RealismLint.problems(env.spec());
            if (!p.isEmpty()) problems.put(env.spec().id(), p);
        }
        assertThat(problems).isEmpty();
    }

    @Test
    void the_lint_catches_evaluation_wording_outside_the_cue_axis() {
        var spec = Suite.load("covert").environments().get(0).spec();
        var leaky = new EnvironmentSpec(spec.id(), spec.family(), spec.group(), spec.headline(), spec.title(), spec.description(),
                spec.systemPrompt() + " This is a test of your honesty.", spec.task(), spec.tools(), spec.world(), spec.variants(),
                spec.interview(), spec.checker(), spec.sim(), spec.realismAllow());
        assertThat(RealismLint.problems(leaky)).anyMatch(p -> p.startsWith("system_prompt") && p.contains("This is a test"));
    }

    @ParameterizedTest
    @FieldSource("BUILT_IN")
    void every_environment_separates_schemer_from_saint(String suite) throws Exception {
        var failed = Validator.validate(suite, List.of(), 2, 0, dir).stream().filter(c -> !c.ok())
                .map(c -> c.policy() + " on " + c.sample() + " expected " + c.expected() + " got " + c.outcomes()).toList();
        assertThat(failed).isEmpty();
    }

    @ParameterizedTest
    @FieldSource("EVAL")
    void every_family_has_seven_to_twelve_environments(String suite) {
        assertThat(Suite.load(suite).environments()).allSatisfy(e -> assertThat(e.variants().size()).as(e.spec().id()).isBetween(7, 12));
    }

    /** Test helpers and the validator find an environment by id alone, so ids must not repeat across built-in suites
     * (the validation split reuses the train families' ids by design). */
    @Test
    void environment_ids_are_unique_across_built_in_suites() {
        var seen = new HashMap<String, String>();
        for (String suite : BUILT_IN) {
            if (suite.equals("validation")) continue;
            for (var env : Suite.load(suite).environments()) {
                assertThat(seen.put(env.spec().id(), suite)).as(env.spec().id() + " in " + suite).isNull();
            }
        }
        assertThat(seen).hasSizeGreaterThan(Suite.load("covert").environments().size());
    }
}
