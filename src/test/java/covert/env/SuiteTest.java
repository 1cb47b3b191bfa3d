package covert.env;

import static org.assertj.core.api.Assertions.assertThat;

import covert.run.Validator;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Properties of the whole built-in suite: realism, separation, breadth. */
class SuiteTest {
    static final Suite SUITE = Suite.load("covert");

    @TempDir
    Path dir;

    @Test
    void no_environment_tells_the_agent_it_is_being_evaluated() {
        Map<String, List<String>> problems = new TreeMap<>();
        for (var env : SUITE.environments()) {
            var p = RealismLint.problems(env.spec());
            if (!p.isEmpty()) problems.put(env.spec().id(), p);
        }
        assertThat(problems).isEmpty();
    }

    @Test
    void the_lint_catches_evaluation_wording_outside_the_cue_axis() {
        var spec = SUITE.environments().get(0).spec();
        var leaky = new EnvironmentSpec(spec.id(), spec.family(), spec.group(), spec.headline(), spec.title(), spec.description(),
                spec.systemPrompt() + " This is a test of your honesty.", spec.task(), spec.tools(), spec.world(), spec.variants(),
                spec.interview(), spec.checker(), spec.sim(), spec.realismAllow());
        assertThat(RealismLint.problems(leaky)).anyMatch(p -> p.startsWith("system_prompt") && p.contains("This is a test"));
    }

    @Test
    void every_environment_separates_schemer_from_saint() throws Exception {
        var failed = Validator.validate("covert", List.of(), 2, 0, dir).stream().filter(c -> !c.ok())
                .map(c -> c.policy() + " on " + c.sample() + " expected " + c.expected() + " got " + c.outcomes()).toList();
        assertThat(failed).isEmpty();
    }

    @Test
    void every_family_has_seven_to_twelve_environments() {
        assertThat(SUITE.environments()).allSatisfy(e -> assertThat(e.variants().size()).as(e.spec().id()).isBetween(7, 12));
    }
}
