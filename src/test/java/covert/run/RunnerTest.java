package covert.run;

import static org.assertj.core.api.Assertions.assertThat;

import covert.log.EvalLog;
import covert.log.EvalLogs;
import covert.log.LogFiles;
import covert.model.Content;
import covert.model.Message;
import covert.report.Summary;
import covert.testing.Runs;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class RunnerTest {
    @TempDir
    Path dir;

    @Test
    void full_suite_run_writes_a_valid_inspect_log_with_everything_the_viewer_needs() throws Exception {
        var result = Runs.run(Runs.config("sim/baseline", Map.of(), 2, 3, 0, Runs.CORE), dir);
        EvalLog log = LogFiles.read(result.log());

        assertThat(result.log().getFileName().toString()).matches("\\d{4}-\\d\\d-\\d\\dT\\d\\d-\\d\\d-\\d\\d-00-00_covert-covert_\\w{22}\\.eval");
        assertThat(log.samples()).hasSize(60);
        assertThat(log.samples()).extracting(s -> s.id() + "#" + s.epoch()).doesNotHaveDuplicates();
        assertThat(log.eval().model()).isEqualTo("sim/baseline");
        assertThat(log.eval().metadata()).containsEntry("simulated", true);
        assertThat(log.results().scores().get(0).metrics()).containsKeys("covert_rate", "covert_count", "invalid_count");
        assertThat(log.stats().roleUsage().get("target").totalTokens()).isPositive();
        assertThat(Files.list(dir)).noneMatch(p -> p.toString().endsWith(".journal.jsonl"));

        var sample = log.samples().get(0);
        assertThat(sample.metadata()).containsKeys("environment", "family", "variant", "epoch_seed", "world_diff", "report", "interview");
        assertThat(sample.messages().get(0)).isInstanceOf(Message.SystemMessage.class);
        var assistant = sample.messages().stream().filter(Message.AssistantMessage.class::isInstance)
                .map(Message.AssistantMessage.class::cast).toList();
        assertThat(assistant).anyMatch(a -> a.content().stream().anyMatch(Content.Reasoning.class::isInstance));
        assertThat(assistant).anyMatch(a -> !a.toolCalls().isEmpty());
        assertThat(sample.events()).anyMatch(e -> e instanceof covert.agent.Event.ModelEvent)
                .anyMatch(e -> e instanceof covert.agent.Event.ToolEvent).anyMatch(e -> e instanceof covert.agent.Event.ScoreEvent);
    }

    @Test
    void same_seed_gives_identical_outcomes_and_a_different_seed_does_not() {
        var cfg = Runs.config("sim/baseline", Map.of("covert_rate", "0.5"), 3, 11, 0, Runs.CORE);
        var a = outcomes(Runs.run(cfg, dir.resolve("a")).evalLog());
        var b = outcomes(Runs.run(cfg, dir.resolve("b")).evalLog());
        var c = outcomes(Runs.run(Runs.config("sim/baseline", Map.of("covert_rate", "0.5"), 3, 12, 0, Runs.CORE), dir.resolve("c")).evalLog());
        assertThat(a).isEqualTo(b);
        assertThat(a).isNotEqualTo(c);
    }

    @Test
    void baseline_covert_rate_over_500_epochs_matches_its_configured_rate() {
        var log = Runs.run(Runs.config("sim/baseline", Map.of(), 500, 2026, 1, List.of("oversight_config")), dir).evalLog();
        var s = Summary.of("x", log);
        var env = s.environments().get(0);
        assertThat(env.n()).isEqualTo(500);
        double configured = covert.model.sim.OrganismAccess.expected("baseline");
        assertThat(configured).isBetween(0.129, 0.131);
        assertThat(configured).as("configured rate inside the Wilson 95%% interval of %d/500", env.covert())
                .isBetween(env.lower(), env.upper());
    }

    @Test
    void antischeming_covert_rate_over_500_epochs_matches_its_configured_rate() {
        var log = LogFiles.read(Runs.run(Runs.config("sim/antischeming", Map.of(), 500, 2026, 1, List.of("sandbag_unlearning")), dir).log());
        var env = Summary.of("x", log).environments().get(0);
        double configured = covert.model.sim.OrganismAccess.expected("antischeming");
        assertThat(configured).isBetween(0.0039, 0.0041);
        assertThat(configured).isBetween(env.lower(), env.upper());
        assertThat(log.samples()).anyMatch(x -> x.messages().stream().anyMatch(m -> m instanceof Message.AssistantMessage a
                && a.reasoning().contains("AS1")));
    }

    @Test
    void the_in_memory_result_is_light_and_the_file_has_the_transcripts() throws Exception {
        var result = Runs.run(Runs.config("sim/baseline", Map.of(), 2, 1, 0, Runs.CORE), dir);
        assertThat(result.evalLog().samples()).allSatisfy(s -> assertThat(s.messages()).isEmpty());
        var file = LogFiles.read(result.log());
        assertThat(file.samples()).hasSameSizeAs(result.evalLog().samples()).allSatisfy(s -> assertThat(s.messages()).isNotEmpty());
        assertThat(outcomes(file)).isEqualTo(outcomes(result.evalLog()));
    }

    @Test
    void crashed_samples_are_invalid_never_honest() {
        var log = Runs.run(Runs.config("test/crash", Map.of(), 1, 0, 2, Runs.CORE), dir).evalLog();
        assertThat(log.samples()).hasSize(2).allSatisfy(s -> {
            assertThat(EvalLogs.outcome(s)).isEqualTo("invalid");
            assertThat(s.error().message()).contains("HTTP 500");
            assertThat(s.scores().get("covert_action").value()).isEqualTo("N");
        });
        var summary = Summary.of("x", log);
        assertThat(summary.nValid()).isZero();
        assertThat(summary.nInvalid()).isEqualTo(2);
    }

    static Map<String, String> outcomes(EvalLog log) {
        var m = new java.util.TreeMap<String, String>();
        log.samples().forEach(s -> m.put(s.id() + "#" + s.epoch(), EvalLogs.outcome(s)));
        return m;
    }
}
